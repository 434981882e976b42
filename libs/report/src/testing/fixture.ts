/**
 * Report models for tests and the benchmark, built by hand from
 * evaluation-method.md §8 (the engine's output for those inputs, copied as
 * data so that the report's tests do not move with the engine's code):
 *
 * - bids A, B, C of the scoring example: PRICE 50 (LINEAR_SPAN, k 0.5),
 *   QUALITY 30, HUMAN_RIGHTS 20; totals 90 / 78 / 49; sensitivity δ −150/7,
 *   105/4, 480/11; A is abnormally low against B and C (VERIFY, resolved);
 * - bid D carries the supply-chain example: bidder (CH) → X (BD, 40 %) → Y
 *   (IN, 50 %), R = 0.35029, largest contributor Y; it came in late, so it is
 *   not ranked (LATE_SUBMISSION, exclusion confirmed by a second officer).
 *
 * Bidder names use Greek (B), Cyrillic (D) and accented Latin (C) on purpose.
 */
import type { BidResult, EvaluationResult, NodeRisk } from '../../../evaluation/src/types';
import type { ReportModel, ReportSupplyChainNode } from '../model';
import { ALL_TRUE } from '../../../evaluation/src/testing/builders';

export const NAMES = {
  A: 'Alpha Uniforms Co., Ltd.',
  B: 'Βήτα Ενδύματα Α.Ε.',
  C: 'Gamma Vêtements Sàrl',
  D: 'Дельта Текстиль ООО',
} as const;

export const DIGEST = '9f2c4e1a7b3d5f60182a4c6e8b0d2f4163857a9cbedf01234567890abcdef012';
export const INPUTS_DIGEST = '3b7e2a91c4d5f6071829304a5b6c7d8e9f00112233445566778899aabbccddee';
export const HEAD_HASH = 'c0ffee00112233445566778899aabbccddeeff00112233445566778899aabbcc';
export const DEADLINE = '2025-06-30T12:00:00+02:00';
export const CREATED_AT = '2025-07-02T09:15:00+02:00';

function singleNode(name: string, country: string, r: string, tier: string, gaps: string[]): NodeRisk {
  return {
    path: [name],
    country,
    goods: [],
    countryRisk: r,
    productRisk: '0',
    inherent: r,
    mitigation: '0',
    residual: r,
    sharePercent: '100',
    effectiveShare: '1',
    ownShare: '1',
    contribution: r,
    explanation: [
      `${country}: TIP tier ${tier} → ${r}`,
      'ILO Annex 6: 0 of 8 recorded as not ratified → iloGap 0',
      `cr = 1·${r} + 0·0 = ${r}`,
      'pr = 0 (no goods)',
      `ir = 1 − (1 − ${r})·(1 − 0) = ${r}`,
      'm = 0',
      `rr = ${r}·(1 − 0) = ${r}`,
      `Share 100% of its parent's work; effective share 1, own share 1; contribution 1·${r} = ${r}`,
    ],
    dataGaps: gaps,
  };
}

function scored(
  bidId: 'A' | 'B' | 'C',
  price: string,
  grade: string,
  r: string,
  p: [string, string],
  q: [string, string],
  h: [string, string],
  total: string,
  rank: number,
  node: NodeRisk,
): BidResult {
  return {
    bidId,
    bidderName: NAMES[bidId],
    admissible: true,
    inadmissibleReason: null,
    findings: [],
    scores: {
      PRICE: { raw: price, score: p[0], points: p[1] },
      QUALITY: { raw: grade, score: q[0], points: q[1] },
      HUMAN_RIGHTS: { raw: r, score: h[0], points: h[1] },
    },
    total,
    rank,
    price,
    adjustedPrice: price,
    risk: { residual: r, nodes: [node], largestContributor: node.path },
    tieUnresolved: false,
  };
}

const D_NODES: NodeRisk[] = [
  {
    path: [NAMES.D],
    country: 'CH',
    goods: [],
    countryRisk: '0.07',
    productRisk: '0',
    inherent: '0.07',
    mitigation: '0',
    residual: '0.07',
    sharePercent: '100',
    effectiveShare: '1',
    ownShare: '0.6',
    contribution: '0.042',
    explanation: ['CH: TIP tier 1 → 0.1', 'cr = 0.7·0.1 + 0.3·0 = 0.07', 'rr = 0.07·(1 − 0) = 0.07'],
    dataGaps: ['ILO ratifications of CH not in the dataset'],
  },
  {
    path: [NAMES.D, 'X'],
    country: 'BD',
    goods: ['garments'],
    countryRisk: '0.245',
    productRisk: '0.7',
    inherent: '0.7735',
    mitigation: '0.3',
    residual: '0.54145',
    sharePercent: '40',
    effectiveShare: '0.4',
    ownShare: '0.2',
    contribution: '0.10829',
    explanation: [
      'BD: TIP tier 2 → 0.35',
      'Good "garments": on the child-labour list (only) for BD → 0.7',
      'ir = 1 − (1 − 0.245)·(1 − 0.7) = 0.7735',
      'Social audit by Audit Co issued 2024-08-30 (within 24 months before 2025-06-30) → 0.3',
      'rr = 0.7735·(1 − 0.3) = 0.54145',
    ],
    dataGaps: ['ILO ratifications of BD not in the dataset'],
  },
  {
    path: [NAMES.D, 'X', 'Y'],
    country: 'IN',
    goods: ['cotton'],
    countryRisk: '0.32',
    productRisk: '1',
    inherent: '1',
    mitigation: '0',
    residual: '1',
    sharePercent: '50',
    effectiveShare: '0.2',
    ownShare: '0.2',
    contribution: '0.2',
    explanation: [
      'IN: TIP tier 2 → 0.35',
      'ILO Annex 6: 2 of 8 recorded as not ratified (C087, C098) → iloGap 0.25',
      'Good "cotton": on the forced-labour list for IN → 1',
      'rr = 1·(1 − 0) = 1',
    ],
    dataGaps: ['ILO ratification status of IN unknown for C029, C100, C105, C111, C138, C182'],
  },
];

const ABNORMALLY_LOW_MESSAGE =
  'Price 100000 is below 0.8 × 140000 (median of 2 other admissible bids without an exclusion ground) = 112000; ask the bidder for explanations (Art. 38(3)).';
const LATE_MESSAGE = 'Received 2025-06-30T12:04:00+02:00, after the submission deadline 2025-06-30T12:00:00+02:00.';
const FLG_MESSAGE = 'Subcontractor Y: cotton on the forced-labour list for IN.';

export function workedExampleResult(): EvaluationResult {
  const a = scored(
    'A',
    '100000',
    '4',
    '0.2',
    ['1', '50'],
    ['0.8', '24'],
    ['0.8', '16'],
    '90',
    1,
    singleNode(NAMES.A, 'TH', '0.2', '2 Watch List', ['ILO ratifications of TH not in the dataset']),
  );
  a.findings = [{ code: 'ABNORMALLY_LOW', legalBasis: 'Art. 38(3), 44(2)(c)', severity: 'VERIFY', nodePath: [NAMES.A], message: ABNORMALLY_LOW_MESSAGE }];
  const b = scored(
    'B',
    '120000',
    '5',
    '0.1',
    ['0.6', '30'],
    ['1', '30'],
    ['0.9', '18'],
    '78',
    2,
    singleNode(NAMES.B, 'FR', '0.1', '2', ['ILO ratifications of FR not in the dataset']),
  );
  const c = scored('C', '160000', '5', '0.05', ['0', '0'], ['1', '30'], ['0.95', '19'], '49', 3, singleNode(NAMES.C, 'CH', '0.05', '1', []));
  const d: BidResult = {
    bidId: 'D',
    bidderName: NAMES.D,
    admissible: false,
    inadmissibleReason: 'LATE',
    findings: [
      { code: 'LATE_SUBMISSION', legalBasis: 'Art. 44(1)(b)', severity: 'EXCLUSION_GROUND', nodePath: [NAMES.D], message: LATE_MESSAGE },
      { code: 'FORCED_LABOUR_GOODS', legalBasis: 'Art. 12(2), 29(1)', severity: 'INFO', nodePath: [NAMES.D, 'X', 'Y'], message: FLG_MESSAGE },
    ],
    scores: {},
    total: null,
    rank: null,
    price: '95000',
    adjustedPrice: '95000',
    risk: { residual: '0.35029', nodes: D_NODES, largestContributor: [NAMES.D, 'X', 'Y'] },
    tieUnresolved: false,
  };
  return {
    methodVersion: '1',
    bids: [a, b, c, d],
    ranking: ['A', 'B', 'C'],
    sensitivity: [
      {
        criterion: 'PRICE',
        delta: '-21.428571428571428571428571428571428571428571428571',
        deltaFraction: '-150/7',
        swapWeight: '28.571428571428571428571428571428571428571428571429',
      },
      { criterion: 'QUALITY', delta: '26.25', deltaFraction: '105/4', swapWeight: '56.25' },
      {
        criterion: 'HUMAN_RIGHTS',
        delta: '43.636363636363636363636363636363636363636363636364',
        deltaFraction: '480/11',
        swapWeight: '63.636363636363636363636363636363636363636363636364',
      },
    ],
    iia: [],
    effectivePriceWeight: { nominal: '50', effective: '50' },
    ties: [],
  };
}

const leaf = (name: string, country: string | null, sharePercent = '100', goods: string[] = []): ReportSupplyChainNode => ({
  name,
  country,
  sharePercent,
  goods,
  declarations: { ...ALL_TRUE },
  subcontractors: [],
});

/** The §8 worked example as a complete report model. */
export function workedExampleModel(): ReportModel {
  const d = leaf(NAMES.D, 'CH');
  d.subcontractors = [{ ...leaf('X', 'BD', '40', ['garments']), subcontractors: [leaf('Y', 'IN', '50', ['cotton'])] }];
  return {
    tender: {
      reference: 'BBL-2025-0417',
      title: 'Workwear for federal staff, 2026–2029',
      procedure: 'OPEN',
      currency: 'CHF',
      submissionDeadline: DEADLINE,
      placesOfPerformance: ['CH'],
      goods: ['garments', 'cotton'],
      criteria: [
        { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
        { code: 'QUALITY', name: 'Quality of samples', kind: 'QUALITY', weight: '30' },
        { code: 'HUMAN_RIGHTS', name: 'Supply-chain human-rights risk', kind: 'HUMAN_RIGHTS', weight: '20' },
      ],
      tieBreak: [],
      additionalConventions: [],
      abnormallyLowThreshold: '0.80',
      priceBasis: 'LOWEST',
      referencePrice: null,
      priceLevelAdjustment: false,
      publishedAt: '2025-05-12T08:00:00+02:00',
      closedAt: '2025-06-30T12:00:00+02:00',
    },
    buyer: { name: 'Bundesamt für Bauten und Logistik BBL', country: 'CH' },
    evaluation: {
      id: 'ev-7c1d2e3f-0001',
      seq: 1,
      createdAt: CREATED_AT,
      methodVersion: '1',
      riskModelVersion: 1,
      inputsDigest: INPUTS_DIGEST,
      digest: DIGEST,
    },
    auditChainHeadHash: HEAD_HASH,
    datasets: [
      {
        kind: 'TIP_TIERS',
        name: 'Trafficking in Persons Report 2025, tier placements',
        version: 3,
        source: 'US Department of State',
        licence: 'Public domain',
        retrievedAt: '2025-06-27',
        contentDigest: '1111111111111111111111111111111111111111111111111111111111111111',
      },
      {
        kind: 'ILO_RATIFICATIONS',
        name: 'NORMLEX ratifications of the fundamental conventions',
        version: 2,
        source: 'International Labour Organization',
        licence: 'CC BY 4.0',
        retrievedAt: '2025-06-01',
        contentDigest: '2222222222222222222222222222222222222222222222222222222222222222',
      },
      {
        kind: 'GOODS_LIST',
        name: 'List of Goods Produced by Child Labor or Forced Labor 2024',
        version: 1,
        source: 'US Department of Labor, ILAB',
        licence: 'Public domain',
        retrievedAt: '2025-05-20',
        contentDigest: '3333333333333333333333333333333333333333333333333333333333333333',
      },
    ],
    result: workedExampleResult(),
    bids: [
      { bidId: 'A', bidderName: NAMES.A, price: '100000', receivedAt: '2025-06-27T15:30:00+02:00', supplyChain: leaf(NAMES.A, 'TH') },
      { bidId: 'B', bidderName: NAMES.B, price: '120000', receivedAt: '2025-06-29T10:00:00+02:00', supplyChain: leaf(NAMES.B, 'FR') },
      { bidId: 'C', bidderName: NAMES.C, price: '160000', receivedAt: '2025-06-30T11:58:00+02:00', supplyChain: leaf(NAMES.C, 'CH') },
      { bidId: 'D', bidderName: NAMES.D, price: '95000', receivedAt: '2025-06-30T12:04:00+02:00', supplyChain: d },
    ],
    decisions: [
      {
        bidId: 'A',
        code: 'ABNORMALLY_LOW',
        legalBasis: 'Art. 38(3), 44(2)(c)',
        severity: 'VERIFY',
        nodePath: [NAMES.A],
        message: ABNORMALLY_LOW_MESSAGE,
        params: { price: '100000', threshold: '0.8', median: '140000', count: 2, limit: '112000' },
        resolution: {
          bidderAnswer: 'Own weaving mill; fabric bought under a three-year contract (copy provided); calculation sheet attached.',
          conclusion: 'ACCEPTED',
          by: 'Anna Keller',
          at: '2025-07-01T14:20:00+02:00',
        },
      },
      {
        bidId: 'D',
        code: 'LATE_SUBMISSION',
        legalBasis: 'Art. 44(1)(b)',
        severity: 'EXCLUSION_GROUND',
        nodePath: [NAMES.D],
        message: LATE_MESSAGE,
        params: { receivedAt: '2025-06-30T12:04:00+02:00', deadline: '2025-06-30T12:00:00+02:00' },
        exclusion: {
          ground: '44-1-b',
          reasons: 'Received four minutes after the deadline (opening minutes, item 4).',
          status: 'CONFIRMED',
          proposedBy: 'Anna Keller',
          decidedBy: 'Luca Rossi',
          decidedAt: '2025-07-01T16:05:00+02:00',
        },
      },
      {
        bidId: 'D',
        code: 'FORCED_LABOUR_GOODS',
        legalBasis: 'Art. 12(2), 29(1)',
        severity: 'INFO',
        nodePath: [NAMES.D, 'X', 'Y'],
        message: FLG_MESSAGE,
        params: { role: 'SUBCONTRACTOR', node: 'Y', goods: ['cotton'], country: 'IN' },
      },
    ],
    exclusions: [
      {
        bidId: 'D',
        nodePath: null,
        ground: '44-1-b',
        reasons: 'Received four minutes after the deadline (opening minutes, item 4).',
        status: 'CONFIRMED',
        proposedBy: 'Anna Keller',
        proposedAt: '2025-07-01T09:30:00+02:00',
        decidedBy: 'Luca Rossi',
        decidedAt: '2025-07-01T16:05:00+02:00',
      },
    ],
    award: {
      winnerBidId: 'A',
      bidderName: NAMES.A,
      price: '100000',
      procedure: 'OPEN',
      decisiveAdvantages: [{ criterion: 'PRICE', points: '50', runnerUpPoints: '30', difference: '20' }],
      notifiedAt: '2025-07-10T09:00:00+02:00',
      appealDeadline: '2025-07-30T23:59:59+02:00',
      status: 'ACTIVE',
      tieSettlement: null,
    },
    declarations: [
      { officer: 'Anna Keller', impartial: true, interests: 'None.', declaredAt: '2025-06-30T13:00:00+02:00' },
      {
        officer: 'Luca Rossi',
        impartial: true,
        interests: 'Former employee of a competitor of bid C (until 2019); no current ties.',
        declaredAt: '2025-06-30T13:10:00+02:00',
      },
    ],
    generatedAt: CREATED_AT,
  };
}

/** A model with only one bid (A alone): ranking of one, no sensitivity, no IIA. */
export function singleBidModel(): ReportModel {
  const m = workedExampleModel();
  const a = m.result.bids[0];
  a.findings = [];
  m.result = { ...m.result, bids: [a], ranking: ['A'], sensitivity: [], iia: [] };
  m.bids = m.bids.slice(0, 1);
  m.decisions = [];
  m.exclusions = [];
  m.award = { ...m.award!, decisiveAdvantages: [] };
  return m;
}

/** Fixed-point decimal string of an integer count of 1/10^dp units (exact, no floats). */
function dec(units: number, dp: number): string {
  const s = String(Math.abs(units)).padStart(dp + 1, '0');
  const out = dp > 0 ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s;
  return units < 0 ? `-${out}` : out;
}

/**
 * n synthetic bids (three-node supply chains, one finding in five bids) for
 * the size test and the benchmark. The figures are plausible, not an engine
 * result; only the report's handling of volume is exercised.
 */
export function largeModel(n: number): ReportModel {
  const m = workedExampleModel();
  const bids: BidResult[] = [];
  const extra: ReportModel['bids'] = [];
  const countries = ['CH', 'DE', 'FR', 'BD', 'IN', 'CN', 'TH', 'VN'];
  for (let i = 0; i < n; i++) {
    const id = `bid-${String(i + 1).padStart(4, '0')}`;
    const name = i % 7 === 3 ? `Σύμπραξη ${i + 1} Α.Ε.` : i % 7 === 5 ? `Поставщик ${i + 1}` : `Supplier ${i + 1} AG`;
    const price = 100_000 + ((i * 7919) % 60_000);
    const sub1 = `Sub ${i + 1}-1`;
    const sub2 = `Sub ${i + 1}-2`;
    const c1 = countries[i % countries.length];
    const c2 = countries[(i * 3 + 1) % countries.length];
    // Contributions in 1e-5: root 0.6·rr0, sub1 0.2·rr1, sub2 0.2·rr2.
    const rr = [(i % 10) * 1000 + 5000, (i % 13) * 4000 + 10000, (i % 17) * 5000 + 20000];
    const contrib = [rr[0] * 6, rr[1] * 2, rr[2] * 2];
    const R = contrib.reduce((a, x) => a + x, 0);
    const node = (path: string[], country: string, share: string, own: string, r: number, c: number): NodeRisk => ({
      path,
      country,
      goods: path.length > 1 ? ['garments'] : [],
      countryRisk: dec(r, 5),
      productRisk: '0',
      inherent: dec(r, 5),
      mitigation: '0',
      residual: dec(r, 5),
      sharePercent: share,
      effectiveShare: own,
      ownShare: own,
      contribution: dec(c, 6),
      explanation: [],
      dataGaps: [],
    });
    const nodes = [
      node([name], 'CH', '100', '0.6', rr[0], contrib[0]),
      node([name, sub1], c1, '40', '0.2', rr[1], contrib[1]),
      node([name, sub1, sub2], c2, '50', '0.2', rr[2], contrib[2]),
    ];
    const largest = nodes[contrib.indexOf(Math.max(...contrib))].path;
    const pPoints = 5000 - (price - 100_000) / 30; // 1/100 points, exact for these prices
    const qPoints = ((i % 6) * 600) as number;
    const hPoints = 2000 - R / 500;
    const total = Math.round(pPoints) + qPoints + Math.round(hPoints);
    bids.push({
      bidId: id,
      bidderName: name,
      admissible: true,
      inadmissibleReason: null,
      findings:
        i % 5 === 0
          ? [
              {
                code: 'FORCED_LABOUR_GOODS',
                legalBasis: 'Art. 12(2), 29(1)',
                severity: 'INFO',
                nodePath: [name, sub1],
                message: `Subcontractor ${sub1}: garments on the forced-labour list for ${c1}.`,
              },
            ]
          : [],
      scores: {
        PRICE: { raw: String(price), score: dec(Math.round(pPoints) * 2, 4), points: dec(Math.round(pPoints), 2) },
        QUALITY: { raw: String(i % 6), score: dec((i % 6) * 2000, 4), points: dec(qPoints, 2) },
        HUMAN_RIGHTS: { raw: dec(R, 6), score: dec(Math.round(hPoints) * 5, 4), points: dec(Math.round(hPoints), 2) },
      },
      total: dec(total, 2),
      rank: 0,
      price: String(price),
      adjustedPrice: String(price),
      risk: { residual: dec(R, 6), nodes, largestContributor: largest },
      tieUnresolved: false,
    });
    const tree: ReportSupplyChainNode = {
      ...leaf(name, 'CH'),
      subcontractors: [{ ...leaf(sub1, c1, '40', ['garments']), subcontractors: [leaf(sub2, c2, '50', ['garments'])] }],
    };
    extra.push({ bidId: id, bidderName: name, price: String(price), receivedAt: '2025-06-29T10:00:00+02:00', supplyChain: tree });
  }
  const ranking = [...bids]
    .sort((x, y) => Number(y.total) - Number(x.total) || (x.bidId < y.bidId ? -1 : 1))
    .map((b, i) => {
      b.rank = i + 1;
      return b.bidId;
    });
  m.result = { ...m.result, bids, ranking, iia: [] };
  m.bids = extra;
  m.decisions = [];
  m.exclusions = [];
  const winner = bids.find((b) => b.bidId === ranking[0])!;
  m.award = { ...m.award!, winnerBidId: winner.bidId, bidderName: winner.bidderName, price: winner.price };
  return m;
}
