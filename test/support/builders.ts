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

/**
 * A CLOSED tender with `n` bids, built through the API in parallel batches
 * (bidder, then bid; 20 requests in flight). Bid i: price 100000 + 37·i CHF,
 * a Swiss bidder with a 40 % subcontractor in Bangladesh (Garments), every
 * declaration given. Criteria without QUALITY unless `tender` says otherwise,
 * so no grading is needed. Returns the tender id and the bid ids in order.
 * (When the rules of closing a tender change, this is the one place to adapt.)
 */
export async function closedTenderWithBids(
  api: { post: (path: string, body?: unknown) => Promise<{ status: number; body: any }> },
  n: number,
  tender: Record<string, unknown> = {},
): Promise<{ tenderId: string; bidIds: string[] }> {
  const criteria = [
    { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '60', priceMethod: 'PROPORTIONAL' },
    { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '40' },
  ];
  const t = await api.post('/api/v1/tenders', tenderBody({ criteria, ...tender }));
  if (t.status !== 201) throw new Error(`tender: ${t.status} ${JSON.stringify(t.body)}`);
  const tenderId = t.body.id as string;
  await api.post(`/api/v1/tenders/${tenderId}/publish`);
  const bidIds: string[] = new Array(n);
  const one = async (i: number): Promise<void> => {
    const name = `Bulk Bidder ${i} AG`;
    const bidder = await api.post('/api/v1/bidders', { name, country: 'CH' });
    if (bidder.status !== 201) throw new Error(`bidder ${i}: ${bidder.status} ${JSON.stringify(bidder.body)}`);
    const price = (100000 + 37 * i).toFixed(2);
    const supplyChain = nodeBody(name, {
      subcontractors: [nodeBody(`Stitching ${i} Ltd`, { country: 'BD', sharePercent: '40', goods: ['Garments'], declarations: { ...allDeclarations } })],
    });
    const bid = await api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.body.id, { price, supplyChain }));
    if (bid.status !== 201) throw new Error(`bid ${i}: ${bid.status} ${JSON.stringify(bid.body)}`);
    bidIds[i] = bid.body.id;
  };
  for (let start = 0; start < n; start += 20) {
    await Promise.all(Array.from({ length: Math.min(20, n - start) }, (_, k) => one(start + k)));
  }
  const closed = await api.post(`/api/v1/tenders/${tenderId}/close`);
  if (closed.status >= 300) throw new Error(`close: ${closed.status} ${JSON.stringify(closed.body)}`);
  return { tenderId, bidIds };
}
