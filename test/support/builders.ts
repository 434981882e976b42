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
