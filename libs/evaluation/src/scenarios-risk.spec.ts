/**
 * §4 supply-chain risk: tiers, prevalence weights, goods (downstream, listed
 * elsewhere), mitigation windows and cap, undisclosed countries, shares.
 * Default model unless said: cr = 0.7·tier + 0.3·iloGap.
 */
import { computeBidRisk, DEFAULT_RISK_MODEL, evaluate, EvaluationInputError, supplyChainErrors } from './index';
import { bid, byId, datasets, DEADLINE, input, node } from './testing/builders';
import type { EvidenceInput, RiskDatasets, RiskModelConstants, SupplyChainNodeInput } from './types';

const risk = (chain: SupplyChainNodeInput, ds: RiskDatasets = datasets(), model: RiskModelConstants = DEFAULT_RISK_MODEL) =>
  computeBidRisk(chain, { submissionDeadline: DEADLINE, riskModel: model, datasets: ds });

/** Risk of a single-node chain. */
const one = (over: Partial<SupplyChainNodeInput>, ds?: RiskDatasets, model?: RiskModelConstants) => risk(node('N', over), ds, model).nodes[0];

describe('country risk', () => {
  it('maps TIP tiers: 2WL 0.60 → 0.42, special 0.75 → 0.525, not in the dataset 0.75 → 0.525 with a data gap', () => {
    expect(one({ country: 'TH' }).countryRisk).toBe('0.42');
    expect(one({ country: 'HT' }).countryRisk).toBe('0.525');
    const zz = one({ country: 'ZZ' });
    expect(zz.countryRisk).toBe('0.525');
    expect(zz.dataGaps).toEqual(['TIP tier of ZZ not in the dataset', 'ILO ratifications of ZZ not in the dataset']);
  });

  it('with a prevalence table: a = 0.4, b = 0.2, g = 0.4 and prevalence = min(1, per1000/20)', () => {
    const ds = datasets({
      prevalence: [
        { iso2: 'IN', per1000: '8' },
        { iso2: 'CN', per1000: '30' },
      ],
    });
    // IN: 0.4·0.35 + 0.2·(2/8) + 0.4·(8/20) = 0.14 + 0.05 + 0.16 = 0.35.
    expect(one({ country: 'IN' }, ds).countryRisk).toBe('0.35');
    // CN: 0.4·0.90 + 0.2·0 + 0.4·min(1, 1.5) = 0.36 + 0.4 = 0.76.
    expect(one({ country: 'CN' }, ds).countryRisk).toBe('0.76');
    // CH: not in the table → prevalence 0 and a data gap: 0.4·0.10 = 0.04.
    const ch = one({ country: 'CH' }, ds);
    expect(ch.countryRisk).toBe('0.04');
    expect(ch.dataGaps).toEqual(['prevalence of CH not in the table']);
    // Without the table: IN 0.7·0.35 + 0.3·0.25 = 0.32.
    expect(one({ country: 'IN' }).countryRisk).toBe('0.32');
  });
});

describe('product risk', () => {
  it('a downstream good scores 0.7 for its own country; elsewhere 0.3 as "listed for another country"', () => {
    // CN solar panels: cr 0.7·0.9 = 0.63, pr 0.7 → ir = 1 − 0.37·0.3 = 0.889.
    const cn = one({ country: 'CN', goods: ['solar panels'] });
    expect([cn.countryRisk, cn.productRisk, cn.inherent, cn.residual]).toEqual(['0.63', '0.7', '0.889', '0.889']);
    // DE solar panels: cr 0.07, pr 0.3 → ir = 1 − 0.93·0.7 = 0.349.
    const de = one({ country: 'DE', goods: ['Solar Panels'] });
    expect([de.countryRisk, de.productRisk, de.inherent]).toEqual(['0.07', '0.3', '0.349']);
  });

  it('forced labour 1.0, child labour only 0.7, unlisted 0; the largest good counts', () => {
    expect(one({ country: 'CN', goods: ['POLYSILICON'] }).productRisk).toBe('1');
    expect(one({ country: 'BD', goods: ['garments'] }).productRisk).toBe('0.7');
    expect(one({ country: 'BD', goods: ['coffee'] }).productRisk).toBe('0');
    // BD with cotton (listed for IN only → 0.3) and garments (0.7): max 0.7.
    expect(one({ country: 'BD', goods: ['cotton', 'garments'] }).productRisk).toBe('0.7');
  });
});

describe('mitigation', () => {
  const ev = (kind: EvidenceInput['kind'], issuedAt: string, validUntil?: string): EvidenceInput => ({
    kind,
    issuer: 'Q',
    issuedAt,
    validUntil,
  });

  it('audit + certification + plan = 0.3 + 0.2 + 0.1 = 0.6 (at the cap): IN rr = 0.32·0.4 = 0.128', () => {
    const n = one({
      country: 'IN',
      evidence: [ev('SOCIAL_AUDIT', '2024-01-15'), ev('CERTIFICATION', '2023-01-01', '2026-01-01'), ev('REMEDIATION_PLAN', '2024-03-01')],
    });
    expect([n.inherent, n.mitigation, n.residual]).toEqual(['0.32', '0.6', '0.128']);
  });

  it('the cap applies: with cap 0.45, m = min(0.45, 0.6) = 0.45 → rr = 0.32·0.55 = 0.176', () => {
    const model = { ...DEFAULT_RISK_MODEL, mitigation: { ...DEFAULT_RISK_MODEL.mitigation, cap: '0.45' } };
    const n = one(
      {
        country: 'IN',
        evidence: [ev('SOCIAL_AUDIT', '2024-01-15'), ev('CERTIFICATION', '2023-01-01'), ev('REMEDIATION_PLAN', '2024-03-01')],
      },
      datasets(),
      model,
    );
    expect([n.mitigation, n.residual]).toEqual(['0.45', '0.176']);
    expect(n.explanation).toContain('m = min(0.45, 0.6) = 0.45 (capped)');
  });

  it('counts an audit issued 24 months before the deadline date (2023-06-30), not a day earlier nor after the deadline', () => {
    expect(one({ country: 'IN', evidence: [ev('SOCIAL_AUDIT', '2023-06-30')] }).mitigation).toBe('0.3');
    expect(one({ country: 'IN', evidence: [ev('SOCIAL_AUDIT', '2023-06-29')] }).mitigation).toBe('0');
    expect(one({ country: 'IN', evidence: [ev('SOCIAL_AUDIT', '2025-07-01')] }).mitigation).toBe('0');
    expect(one({ country: 'IN', evidence: [ev('SOCIAL_AUDIT', '2025-06-30')] }).mitigation).toBe('0.3');
  });

  it('counts a certification valid at the deadline: validUntil on the deadline yes, the day before or issued later no', () => {
    expect(one({ country: 'IN', evidence: [ev('CERTIFICATION', '2020-01-01', '2025-06-30')] }).mitigation).toBe('0.2');
    expect(one({ country: 'IN', evidence: [ev('CERTIFICATION', '2020-01-01', '2025-06-29')] }).mitigation).toBe('0');
    expect(one({ country: 'IN', evidence: [ev('CERTIFICATION', '2025-07-01')] }).mitigation).toBe('0');
  });
});

describe('shares, undisclosed countries, largest contributor', () => {
  it('an undisclosed country has rr = 1 and counts as abroad for the checks', () => {
    // Bidder CH own 0.7 × 0.07 = 0.049; Sub (undisclosed) own 0.3 × 1 = 0.3 → R = 0.349.
    const chain = node('Bidder', {
      subcontractors: [
        node('Sub', {
          country: null,
          sharePercent: '30',
          declarations: { ...node('x').declarations, iloCoreConventions: false, equalPay: false },
        }),
      ],
    });
    const r = evaluate(input({ bids: [bid('A', '100', { supplyChain: chain })] }));
    const a = byId(r.bids).A;
    expect(a.risk.residual).toBe('0.349');
    expect(a.risk.nodes[1]).toMatchObject({ country: null, residual: '1', ownShare: '0.3', contribution: '0.3' });
    expect(a.risk.largestContributor).toEqual(['Bidder', 'Sub']);
    expect(a.findings.map((f) => [f.code, f.severity, f.legalBasis, f.nodePath])).toEqual([
      ['ILO_CORE_CONVENTIONS', 'EXCLUSION_GROUND', 'Art. 12(2), Annex 6, 44(1)(a)', ['Bidder', 'Sub']],
      ['UNDISCLOSED_COUNTRY', 'VERIFY', 'Art. 12(4), 26(1)', ['Bidder', 'Sub']],
    ]);
  });

  it('own shares telescope: 100 → 25 + 25.5 → (10 under the first child): 0.495, 0.225, 0.255, 0.025', () => {
    const r = risk(
      node('R', {
        subcontractors: [node('C1', { sharePercent: '25', subcontractors: [node('G', { sharePercent: '10' })] }), node('C2', { sharePercent: '25.5' })],
      }),
    );
    // R: 1·(1 − 0.505) = 0.495; C1: 0.25·0.9 = 0.225; G: 0.25·0.1 = 0.025; C2: 0.255. All CH: rr 0.07 → R = 0.07.
    expect(r.nodes.map((n) => [n.path.join('/'), n.effectiveShare, n.ownShare])).toEqual([
      ['R', '1', '0.495'],
      ['R/C1', '0.25', '0.225'],
      ['R/C1/G', '0.025', '0.025'],
      ['R/C2', '0.255', '0.255'],
    ]);
    expect(r.residual).toBe('0.07');
  });

  it('on equal contributions the largest contributor is the first node depth-first', () => {
    // Root own 0.5·0.07 = 0.035 = child 0.5·0.07.
    const r = risk(node('Root', { subcontractors: [node('Child', { sharePercent: '50' })] }));
    expect(r.nodes.map((n) => n.contribution)).toEqual(['0.035', '0.035']);
    expect(r.largestContributor).toEqual(['Root']);
  });

  it('refuses a chain whose children take more than 100 % of a node (computeBidRisk throws, supplyChainErrors lists it for intake)', () => {
    const bad = node('Root', { subcontractors: [node('A', { sharePercent: '70' }), node('B', { sharePercent: '30.5' })] });
    expect(() => risk(bad)).toThrow(EvaluationInputError);
    expect(supplyChainErrors(bad)).toEqual([{ field: 'supplyChain.subcontractors', message: "the subcontractors' sharePercent sum to 100.5, more than 100" }]);
    const whole = node('Root', { subcontractors: [node('A', { sharePercent: '100' })] });
    expect(() => risk(whole)).not.toThrow();
    expect(supplyChainErrors(whole)).toEqual([]);
  });
});
