/**
 * The bench's data, seeded through the real service's API only: an admin
 * (ADMIN_EMAIL/ADMIN_PASSWORD at start), a buyer, an officer, bidders,
 * tenders and bids with 5-node supply chains.
 */
import { ADMIN, expectOk, http, login, parallel, sleep } from './harness';

export const OFFICER_PASSWORD = 'Velvet-Harbour-Copper-5518-Kite';

export interface World {
  base: string;
  adminToken: string;
  buyerId: string;
  officerToken: string;
  officerId: string;
}

export async function seedWorld(base: string, tag = 'bench'): Promise<World> {
  const adminToken = await login(base, ADMIN.email, ADMIN.password);
  const buyer = await expectOk('buyer', 201, http(base, 'POST', '/api/v1/buyers', adminToken, { name: `Bundesamt für Bench ${tag}`, country: 'CH' }));
  const email = `officer-${tag}@bench.example.org`;
  const officer = await expectOk(
    'officer',
    201,
    http(base, 'POST', '/api/v1/users', adminToken, { email, password: OFFICER_PASSWORD, role: 'OFFICER', buyerId: buyer.id }),
  );
  const officerToken = await login(base, email, OFFICER_PASSWORD);
  return { base, adminToken, buyerId: buyer.id, officerToken, officerId: officer.id };
}

export function tenderBody(reference: string, submissionDeadline: Date): Record<string, unknown> {
  return {
    reference,
    title: `Work uniforms ${reference}`,
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: submissionDeadline.toISOString(),
    placesOfPerformance: ['CH'],
    goods: ['Garments', 'Cotton'],
    criteria: [
      { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '55.5', priceMethod: 'LINEAR_SPAN', span: '0.5' },
      { code: 'DELIVERY', name: 'Delivery days', kind: 'NUMBER_LOWER_BETTER', weight: '14.5' },
      { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '30' },
    ],
  };
}

const DECL = {
  labourProtection: true,
  workingConditions: true,
  equalPay: true,
  illegalEmploymentDuties: true,
  environmentalLaw: true,
  taxesAndSocialSecurityPaid: true,
  iloCoreConventions: true,
};
const COUNTRIES = ['DE', 'BD', 'CN', 'IN', 'VN', 'TR', 'PT', 'PK', 'IT', 'KH'];

function node(name: string, country: string, share: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    country,
    sharePercent: share,
    goods: [],
    declarations: { ...DECL, subcontractClause: true },
    evidence: [],
    violations: [],
    subcontractors: [],
    ...extra,
  };
}

/** A 5-node chain: the bidder, two subcontractors, each with one sub-subcontractor; evidence and goods on some nodes. */
export function supplyChain(i: number, bidderName: string): Record<string, unknown> {
  const c = (k: number) => COUNTRIES[(i + k) % COUNTRIES.length];
  return node(bidderName, 'CH', '100', {
    identifiers: { uid: `CHE-${String(100_000_000 + i).replace(/(\d{3})(\d{3})(\d{3})/, '$1.$2.$3')}` },
    subcontractors: [
      node(`Weaving ${i} GmbH`, c(0), '35.5', {
        goods: ['Cotton'],
        subcontractors: [
          node(`Spinning ${i} Ltd`, c(1), '50', {
            goods: ['Cotton'],
            declarations: { ...DECL },
            evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'amfori BSCI', issuedAt: '2026-03-01', validUntil: '2027-02-28' }],
          }),
        ],
      }),
      node(`Stitching ${i} Ltd`, c(2), '20', {
        goods: ['Garments'],
        subcontractors: [node(`Buttons ${i} Co`, c(3), '10', { goods: ['Buttons'], declarations: { ...DECL, equalPay: i % 7 === 0 ? false : true } })],
      }),
    ],
  });
}

export function bidBody(i: number, bidderId: string, bidderName: string, receivedAt: Date): Record<string, unknown> {
  return {
    bidderId,
    receivedAt: receivedAt.toISOString(),
    price: (200_000 + ((i * 7919) % 50_000) + (i % 100) / 100).toFixed(2),
    figures: { DELIVERY: String(20 + (i % 40)) },
    supplyChain: supplyChain(i, bidderName),
  };
}

export async function createBidders(w: World, n: number, tag: string): Promise<{ id: string; name: string }[]> {
  return parallel(
    Array.from({ length: n }, (_, i) => i),
    4,
    async (i) => {
      const name = `Bidder ${tag} ${i + 1} AG`;
      const b = await expectOk('bidder', 201, http(w.base, 'POST', '/api/v1/bidders', w.officerToken, { name, country: 'CH' }));
      return { id: b.id as string, name };
    },
  );
}

export async function publishedTender(w: World, reference: string, deadline: Date): Promise<{ id: string; publishedAt: Date }> {
  const t = await expectOk('tender', 201, http(w.base, 'POST', '/api/v1/tenders', w.officerToken, tenderBody(reference, deadline)));
  const p = await expectOk('publish', 200, http(w.base, 'POST', `/api/v1/tenders/${t.id}/publish`, w.officerToken));
  return { id: t.id, publishedAt: new Date(p.publishedAt) };
}

export async function submitBids(w: World, tenderId: string, bidders: { id: string; name: string }[], receivedAt: Date, concurrency = 4): Promise<string[]> {
  return parallel(bidders, concurrency, async (b, i) => {
    const r = await expectOk('bid', 201, http(w.base, 'POST', `/api/v1/tenders/${tenderId}/bids`, w.officerToken, bidBody(i, b.id, b.name, receivedAt)));
    return r.id as string;
  });
}

/** Waits for the deadline, closes the tender and evaluates it; the evaluation id. */
export async function closeAndEvaluate(w: World, tenderId: string, deadline: Date): Promise<string> {
  const wait = deadline.getTime() - Date.now() + 50;
  if (wait > 0) await sleep(wait);
  await expectOk('close', 200, http(w.base, 'POST', `/api/v1/tenders/${tenderId}/close`, w.officerToken));
  const e = await expectOk('evaluate', 201, http(w.base, 'POST', `/api/v1/tenders/${tenderId}/evaluations`, w.officerToken));
  return e.id as string;
}
