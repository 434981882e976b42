/**
 * evaluation-method.md §8, both worked examples, compared as exact decimal strings.
 */
import { computeBidRisk, evaluate, DEFAULT_RISK_MODEL } from './index';
import { bid, criterion, datasets, grade, input, node, tender, tierOnlyModel, DEADLINE } from './testing/builders';

describe('§8 worked example: scores, ranking, sensitivity', () => {
  // R is an input of the example (0.20 / 0.10 / 0.05). A model whose country risk is the
  // tier score alone gives exactly those: A in TH (2WL → 0.20), B in FR (2 → 0.10), C in CH (1 → 0.05).
  const result = evaluate(
    input({
      tender: tender({
        criteria: [
          criterion('PRICE', 'PRICE', '50', { priceMethod: 'LINEAR_SPAN', span: '0.5' }),
          criterion('QUALITY', 'QUALITY', '30'),
          criterion('HUMAN_RIGHTS', 'HUMAN_RIGHTS', '20'),
        ],
      }),
      riskModel: tierOnlyModel({ '2WL': '0.20', '2': '0.10', '1': '0.05' }),
      bids: [
        bid('C', '160000', { supplyChain: node('Gamma', { country: 'CH' }) }),
        bid('A', '100000', { supplyChain: node('Alpha', { country: 'TH' }) }),
        bid('B', '120000', { supplyChain: node('Beta', { country: 'FR' }) }),
      ],
      grades: [grade('A', 'QUALITY', 'e1', 4), grade('B', 'QUALITY', 'e1', 5), grade('C', 'QUALITY', 'e1', 5)],
    }),
  );
  const byId = Object.fromEntries(result.bids.map((b) => [b.bidId, b]));

  it('reproduces R = 0.20 / 0.10 / 0.05', () => {
    expect([byId.A.risk.residual, byId.B.risk.residual, byId.C.risk.residual]).toEqual(['0.2', '0.1', '0.05']);
  });

  it('scores prices with LINEAR_SPAN k = 0.5: A 1, B (150000 − 120000)/50000 = 0.6, C 0', () => {
    expect(byId.A.scores.PRICE).toEqual({ raw: '100000', rawFraction: '100000', score: '1', scoreFraction: '1', points: '50', pointsFraction: '50' });
    expect(byId.B.scores.PRICE).toEqual({ raw: '120000', rawFraction: '120000', score: '0.6', scoreFraction: '3/5', points: '30', pointsFraction: '30' });
    expect(byId.C.scores.PRICE).toEqual({ raw: '160000', rawFraction: '160000', score: '0', scoreFraction: '0', points: '0', pointsFraction: '0' });
  });

  it('scores quality 4/5 and 5/5 and human rights 1 − R', () => {
    expect(byId.A.scores.QUALITY).toEqual({ raw: '4', rawFraction: '4', score: '0.8', scoreFraction: '4/5', points: '24', pointsFraction: '24' });
    expect(byId.B.scores.QUALITY).toEqual({ raw: '5', rawFraction: '5', score: '1', scoreFraction: '1', points: '30', pointsFraction: '30' });
    expect(byId.A.scores.HUMAN_RIGHTS).toEqual({ raw: '0.2', rawFraction: '1/5', score: '0.8', scoreFraction: '4/5', points: '16', pointsFraction: '16' });
    expect(byId.B.scores.HUMAN_RIGHTS).toEqual({ raw: '0.1', rawFraction: '1/10', score: '0.9', scoreFraction: '9/10', points: '18', pointsFraction: '18' });
    expect(byId.C.scores.HUMAN_RIGHTS).toEqual({ raw: '0.05', rawFraction: '1/20', score: '0.95', scoreFraction: '19/20', points: '19', pointsFraction: '19' });
  });

  it('totals A 90, B 78, C 49; ranking A, B, C', () => {
    expect([byId.A.total, byId.B.total, byId.C.total]).toEqual(['90', '78', '49']);
    expect([byId.A.totalFraction, byId.B.totalFraction, byId.C.totalFraction]).toEqual(['90', '78', '49']);
    expect(result.ranking).toEqual(['A', 'B', 'C']);
    expect([byId.A.rank, byId.B.rank, byId.C.rank]).toEqual([1, 2, 3]);
    expect(result.ties).toEqual([]);
  });

  it('weight sensitivity: PRICE −150/7, QUALITY 105/4, HUMAN_RIGHTS 480/11', () => {
    expect(result.sensitivity).toEqual([
      {
        criterion: 'PRICE',
        delta: '-21.42857142857142857142857142857142857143',
        deltaFraction: '-150/7',
        swapWeight: '28.57142857142857142857142857142857142857',
        swapWeightFraction: '200/7',
      },
      { criterion: 'QUALITY', delta: '26.25', deltaFraction: '105/4', swapWeight: '56.25', swapWeightFraction: '225/4' },
      {
        criterion: 'HUMAN_RIGHTS',
        delta: '43.63636363636363636363636363636363636364',
        deltaFraction: '480/11',
        swapWeight: '63.63636363636363636363636363636363636364',
        swapWeightFraction: '700/11',
      },
    ]);
  });

  it('effective price weight = (1 − 0) × 50', () => {
    expect(result.effectivePriceWeight).toEqual({ nominal: '50', effective: '50', effectiveFraction: '50' });
  });

  it('IIA: removing B or C does not change the winner', () => {
    // Without B: A 50+24+16 = 90, C 0+30+19 = 49. Without C: A 90, B 78. A wins both.
    expect(result.iia).toEqual([]);
  });
});

describe('§8 supply-chain example', () => {
  // Bidder (CH, no goods) 100 → X (BD, garments, audit 10 months before) 40 → Y (IN, cotton) 50.
  const chain = node('Bidder', {
    country: 'CH',
    subcontractors: [
      node('X', {
        country: 'BD',
        sharePercent: '40',
        goods: ['garments'],
        evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'Audit Co', issuedAt: '2024-08-30' }],
        subcontractors: [node('Y', { country: 'IN', sharePercent: '50', goods: ['cotton'] })],
      }),
    ],
  });
  const ds = datasets({
    // Exactly the example's dataset: CH tier 1, BD tier 2, IN tier 2 with 2 of 8 not ratified.
    tipTiers: [
      { iso2: 'CH', tier: '1' },
      { iso2: 'BD', tier: '2' },
      { iso2: 'IN', tier: '2' },
    ],
    iloRatifications: [{ iso2: 'IN', conventions: { C087: 'not_ratified', C098: 'not_ratified' } }],
    goodsList: [
      { iso2: 'BD', good: 'Garments', childLabour: true, forcedLabour: false, downstream: false },
      { iso2: 'IN', good: 'Cotton', childLabour: true, forcedLabour: true, downstream: false },
    ],
  });
  const risk = computeBidRisk(chain, { submissionDeadline: DEADLINE, riskModel: DEFAULT_RISK_MODEL, datasets: ds });
  const pick = (i: number) => {
    const n = risk.nodes[i];
    return [n.path, n.ownShare, n.countryRisk, n.productRisk, n.inherent, n.mitigation, n.residual, n.contribution];
  };

  it('bidder: own 0.6, cr 0.7·0.10 = 0.07, pr 0, ir 0.07, m 0, rr 0.07', () => {
    expect(pick(0)).toEqual([['Bidder'], '0.6', '0.07', '0', '0.07', '0', '0.07', '0.042']);
  });

  it('X: own 0.4·0.5 = 0.2, cr 0.7·0.35 = 0.245, pr 0.7, ir 1 − 0.755·0.3 = 0.7735, m 0.3, rr 0.54145', () => {
    expect(pick(1)).toEqual([['Bidder', 'X'], '0.2', '0.245', '0.7', '0.7735', '0.3', '0.54145', '0.10829']);
    expect(risk.nodes[1].effectiveShare).toBe('0.4');
  });

  it('Y: own 0.2, cr 0.245 + 0.3·2/8 = 0.32, pr 1, ir 1, m 0, rr 1', () => {
    expect(pick(2)).toEqual([['Bidder', 'X', 'Y'], '0.2', '0.32', '1', '1', '0', '1', '0.2']);
    expect(risk.nodes[2].effectiveShare).toBe('0.2');
  });

  it('R = 0.042 + 0.10829 + 0.2 = 0.35029; largest contributor Y', () => {
    expect(risk.residual).toBe('0.35029');
    expect(risk.residualFraction).toBe('35029/100000');
    expect(risk.largestContributor).toEqual(['Bidder', 'X', 'Y']);
  });

  it('explains the computation and names data gaps', () => {
    expect(risk.nodes[1].explanation).toContain('BD: TIP tier 2 → 0.35');
    expect(risk.nodes[1].explanation).toContain('ir = 1 − (1 − 0.245)·(1 − 0.7) = 0.7735');
    // BD has no ILO record in this dataset: no risk added, listed as a gap.
    expect(risk.nodes[1].dataGaps).toEqual(['ILO ratifications of BD not in the dataset']);
    expect(risk.nodes[2].dataGaps).toEqual(['ILO ratification status of IN unknown for C029, C100, C105, C111, C138, C182']);
  });
});
