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

/** What the tender helpers need of an actor and a buyer (test/support/test-app.ts BuyerWorld). */
interface HelperApi {
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
  put(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
}
interface HelperWorld {
  officer: { api: HelperApi };
  officer2: { api: HelperApi };
}

async function ok(res: Promise<{ status: number; body: any; text: string }>, status: number, what: string): Promise<any> {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.body;
}

/** A PUBLISHED tender (bids may be submitted). */
export async function publishedTender(w: HelperWorld, tender: Record<string, unknown> = {}): Promise<string> {
  const o = w.officer.api;
  const tenderId = (await ok(o.post('/api/v1/tenders', tenderBody(tender)), 201, 'tender')).id as string;
  await ok(o.post(`/api/v1/tenders/${tenderId}/publish`), 200, 'publish');
  return tenderId;
}

/**
 * Takes a PUBLISHED tender to CLOSED, ready to evaluate: both officers
 * declared impartial, the tender closed, every bid graded 4 on QUALITY. The
 * one place that knows how a tender gets closed.
 */
export async function closeForEvaluation(w: HelperWorld, tenderId: string, bidIds: string[]): Promise<void> {
  for (const who of [w.officer, w.officer2])
    await ok(who.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' }), 201, 'declaration');
  await ok(w.officer.api.post(`/api/v1/tenders/${tenderId}/close`), 200, 'close');
  for (const id of bidIds) await ok(w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${id}/grades/QUALITY`, { grade: 4 }), 200, 'grade');
}

/** A CLOSED tender with the given bids (each `{bidder name, bid body overrides}`), ready to evaluate (closeForEvaluation). */
export async function closedTenderWithBids(
  w: HelperWorld,
  bids: { name: string; bid?: Record<string, unknown> }[],
  tender: Record<string, unknown> = {},
): Promise<{ tenderId: string; bidIds: Record<string, string> }> {
  const o = w.officer.api;
  const tenderId = await publishedTender(w, tender);
  const bidIds: Record<string, string> = {};
  for (const b of bids) {
    const bidder = await ok(o.post('/api/v1/bidders', { name: b.name, country: 'CH' }), 201, 'bidder');
    bidIds[b.name] = (await ok(o.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.id, b.bid ?? {})), 201, 'bid')).id;
  }
  await closeForEvaluation(w, tenderId, Object.values(bidIds));
  return { tenderId, bidIds };
}

/** An AWARDED tender with one bid (the winner): closed, evaluated, awarded. */
export async function awardedTender(
  w: HelperWorld,
  bid: { name: string; bid?: Record<string, unknown> },
  tender: Record<string, unknown> = {},
): Promise<{ tenderId: string; bidId: string; evaluationId: string; awardId: string }> {
  const { tenderId, bidIds } = await closedTenderWithBids(w, [bid], tender);
  const evaluation = await ok(w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`), 201, 'evaluation');
  const award = await ok(w.officer.api.post(`/api/v1/tenders/${tenderId}/award`, { evaluationId: evaluation.id }), 201, 'award');
  return { tenderId, bidId: bidIds[bid.name], evaluationId: evaluation.id, awardId: award.id };
}
