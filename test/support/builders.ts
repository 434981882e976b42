/** Request bodies for tests, valid by default; override what a test is about. */
export const allDeclarations = {
  labourProtection: true,
  workingConditions: true,
  equalPay: true,
  illegalEmploymentDuties: true,
  environmentalLaw: true,
  taxesAndSocialSecurityPaid: true,
  iloCoreConventions: true,
};

export function tenderBody(overrides: Record<string, unknown> = {}) {
  return {
    reference: `REF-${Math.random().toString(36).slice(2, 10)}`,
    title: 'Work uniforms 2027',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: '2026-12-31T12:00:00+01:00',
    placesOfPerformance: ['CH'],
    goods: ['Garments'],
    criteria: [
      { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
      { code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '30' },
      { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20' },
    ],
    ...overrides,
  };
}

export function nodeBody(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    country: 'CH',
    sharePercent: '100',
    goods: [],
    declarations: { ...allDeclarations, subcontractClause: true },
    evidence: [],
    violations: [],
    subcontractors: [],
    ...overrides,
  };
}

export function bidBody(bidderId: string, overrides: Record<string, unknown> = {}) {
  return {
    bidderId,
    receivedAt: '2026-12-01T10:00:00+01:00',
    price: '100000.00',
    supplyChain: nodeBody('Bidder AG', {
      subcontractors: [nodeBody('Stitching Ltd', { country: 'BD', sharePercent: '40', goods: ['Garments'], declarations: { ...allDeclarations } })],
    }),
    ...overrides,
  };
}

/** One bid of closedTenderWithBids: a bidder of that name and its supply chain (default: itself alone in CH). */
export interface TenderBidSpec {
  name: string;
  price: string;
  grade?: number;
  receivedAt?: string;
  /** Bidder register entry overrides (country, identifiers). */
  bidder?: Record<string, unknown>;
  /** The whole root node; default nodeBody(name). */
  supplyChain?: Record<string, unknown>;
}

interface OfficerLike {
  api: {
    post(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
    put(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
  };
}

async function ok<T extends { status: number; text: string }>(what: string, expected: number, p: Promise<T>): Promise<T> {
  const res = await p;
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res;
}

/**
 * A tender taken through the HTTP API: created (tenderBody + `tender`
 * overrides), published, with the given bids, every officer in `declare`
 * declared impartial, then — unless `close: false` — closed and graded on
 * QUALITY by `officer`. The one place that knows how a tender gets closed.
 */
export async function tenderWithBids(
  officer: OfficerLike,
  bids: TenderBidSpec[],
  opts: { declare?: OfficerLike[]; tender?: Record<string, unknown>; close?: boolean } = {},
): Promise<{ tenderId: string; ids: Record<string, string>; bidderIds: Record<string, string> }> {
  const tender = await ok('create tender', 201, officer.api.post('/api/v1/tenders', tenderBody(opts.tender)));
  const tenderId = tender.body.id as string;
  await ok('publish', 200, officer.api.post(`/api/v1/tenders/${tenderId}/publish`));
  const ids: Record<string, string> = {};
  const bidderIds: Record<string, string> = {};
  for (const b of bids) {
    const bidder = await ok('bidder', 201, officer.api.post('/api/v1/bidders', { name: b.name, country: 'CH', ...b.bidder }));
    bidderIds[b.name] = bidder.body.id;
    const res = await ok(
      'bid',
      201,
      officer.api.post(
        `/api/v1/tenders/${tenderId}/bids`,
        bidBody(bidder.body.id, { price: b.price, ...(b.receivedAt ? { receivedAt: b.receivedAt } : {}), supplyChain: b.supplyChain ?? nodeBody(b.name) }),
      ),
    );
    ids[b.name] = res.body.id;
  }
  for (const o of opts.declare ?? [officer])
    await ok('declaration', 201, o.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' }));
  if (opts.close === false) return { tenderId, ids, bidderIds };
  await ok('close', 200, officer.api.post(`/api/v1/tenders/${tenderId}/close`));
  for (const b of bids) await ok('grade', 200, officer.api.put(`/api/v1/tenders/${tenderId}/bids/${ids[b.name]}/grades/QUALITY`, { grade: b.grade ?? 4 }));
  return { tenderId, ids, bidderIds };
}
