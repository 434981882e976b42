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

/** The client every builder step speaks through (test-app.ts's Api, or any object with its post()). */
interface PostingApi {
  post(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
}

/**
 * A CLOSED tender with n bids from n bidders, evaluable without grades
 * (criteria PRICE 80 and HUMAN_RIGHTS 20; each bid has a Bangladeshi
 * subcontractor). The one place that knows how a tender gets to CLOSED.
 */
export async function closedTenderWithBids(
  officer: PostingApi,
  n: number,
  opts: { concurrency?: number } = {},
): Promise<{ tenderId: string; bidIds: string[] }> {
  const ok = <R extends { status: number; text: string }>(what: string, res: R, status = 201): R => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };
  const tender = ok(
    'tender',
    await officer.post(
      '/api/v1/tenders',
      tenderBody({
        criteria: [
          { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '80', priceMethod: 'LINEAR_SPAN', span: '0.5' },
          { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20' },
        ],
      }),
    ),
  );
  const tenderId = tender.body.id as string;
  ok('publish', await officer.post(`/api/v1/tenders/${tenderId}/publish`), 200);
  const bidIds: string[] = new Array(n);
  const width = opts.concurrency ?? 8;
  for (let start = 0; start < n; start += width) {
    await Promise.all(
      Array.from({ length: Math.min(width, n - start) }, async (_, k) => {
        const i = start + k;
        const bidder = ok('bidder', await officer.post('/api/v1/bidders', { name: `Bidder ${i} AG`, country: 'CH' }));
        const price = (100000 + i * 137).toFixed(2);
        bidIds[i] = ok('bid', await officer.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.body.id, { price }))).body.id;
      }),
    );
  }
  ok('close', await officer.post(`/api/v1/tenders/${tenderId}/close`), 200);
  return { tenderId, bidIds };
}
