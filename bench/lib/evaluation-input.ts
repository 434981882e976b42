/**
 * The evaluate() bench input: one tender, 1,000 bids, 40 criteria, 5-node
 * supply chains, generated deterministically from a seed (bench/lib/prng.ts)
 * against the shipped risk datasets (data/risk) and DEFAULT_RISK_MODEL.
 *
 * Criteria: 1 PRICE (LINEAR_SPAN, default span), 1 HUMAN_RIGHTS, 10 QUALITY
 * (one evaluator's grades), 28 NUMBER_LOWER_BETTER / NUMBER_HIGHER_BETTER with
 * figures. Weights are exact decimal strings (hundredths) summing to 100.
 * Every declaration is true and every bid is in time: all 1,000 bids are
 * admissible, so every one is scored and ranked (the heaviest case).
 */
import * as path from 'node:path';
import { DEFAULT_RISK_MODEL } from '../../libs/evaluation/src/constants';
import { METHOD_VERSION } from '../../libs/evaluation/src/types';
import type {
  BidInput,
  CriterionInput,
  EvaluationInput,
  EvidenceInput,
  GradeInput,
  RiskDatasets,
  SanctionInput,
  SupplyChainNodeInput,
} from '../../libs/evaluation/src/types';
import { type RiskDatasetParts, loadShippedDatasets, toRiskDatasets } from '../../libs/risk-data/src';
import { Prng, units } from './prng';
import { ALL_TRUE } from '../../libs/evaluation/src/testing/builders';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RISK_DATA_DIR = path.join(REPO_ROOT, 'data', 'risk');

export const DEADLINE = '2025-06-30T12:00:00+02:00';
/** The deadline's calendar date in Europe/Zurich (evaluation-method.md §2). */
export const DEADLINE_DATE = '2025-06-30';

export interface Shape {
  bids: number;
  criteria: number;
  quality: number;
  nodesPerChain: number;
  seed: number;
}

export const DEFAULT_SHAPE: Shape = { bids: 1000, criteria: 40, quality: 10, nodesPerChain: 5, seed: 20250630 };

/** Bidders: mostly Swiss; LI is absent from the TIP dataset (tier "missing", a data gap). */
const ROOT_COUNTRIES = ['CH', 'CH', 'CH', 'CH', 'DE', 'FR', 'IT', 'AT', 'LI'];
/**
 * Subcontractors: tiers 1, 2, 2WL and 3, countries with ILO "no" values (IN,
 * CN, BR, US, MM), countries with many goods-list rows, and countries missing
 * from the TIP (LI) or ILO (HK, TW, XK) datasets.
 */
const SUB_COUNTRIES = [
  'DE',
  'FR',
  'IT',
  'PL',
  'CZ',
  'PT',
  'TR',
  'IN',
  'CN',
  'BD',
  'VN',
  'BR',
  'PK',
  'MX',
  'TH',
  'MY',
  'ID',
  'KH',
  'MM',
  'US',
  'HK',
  'TW',
  'XK',
  'LI',
  'UZ',
  'GH',
];
/** Goods on no list: product risk 0. */
const UNLISTED_GOODS = ['Office furniture', 'IT services', 'Steel tubes', 'Cleaning services', 'Printed matter'];

/** Parent index of each of the 5 nodes (depth-first pre-order) for the tree shapes used. */
const SHAPES_5: readonly (readonly number[])[] = [
  [-1, 0, 1, 2, 3], // a chain: bidder → A → B → C → D
  [-1, 0, 1, 1, 0], // bidder → {A → {A1, A2}, B}
  [-1, 0, 0, 0, 0], // bidder → {A, B, C, D}
  [-1, 0, 1, 0, 3], // bidder → {A → A1, B → B1}
];

export function loadDatasets(): RiskDatasets {
  const parts: Record<string, unknown> = {};
  for (const d of loadShippedDatasets(RISK_DATA_DIR)) parts[d.kind] = d.rows;
  return toRiskDatasets(parts as RiskDatasetParts);
}

function weights(rng: Prng, n: number): string[] {
  // Hundredths: draw, scale to 10,000 units (100.00), give the remainder to the first (PRICE).
  const draws = Array.from({ length: n }, (_, i) => (i === 0 ? 30 : i === 1 ? 10 : 1 + rng.int(0, 4)));
  const sum = draws.reduce((a, x) => a + x, 0);
  const u = draws.map((d) => Math.floor((d * 10_000) / sum));
  u[0] += 10_000 - u.reduce((a, x) => a + x, 0);
  return u.map((x) => units(x, 2));
}

function criteria(rng: Prng, shape: Shape): CriterionInput[] {
  const w = weights(rng, shape.criteria);
  const out: CriterionInput[] = [
    { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: w[0], priceMethod: 'LINEAR_SPAN', span: null },
    { code: 'HR', name: 'Human rights in the supply chain', kind: 'HUMAN_RIGHTS', weight: w[1] },
  ];
  for (let i = 0; i < shape.quality; i++) {
    out.push({ code: `Q${String(i + 1).padStart(2, '0')}`, name: `Quality ${i + 1}`, kind: 'QUALITY', weight: w[2 + i] });
  }
  for (let i = 2 + shape.quality; i < shape.criteria; i++) {
    const k = i - 1 - shape.quality;
    out.push({
      code: `N${String(k).padStart(2, '0')}`,
      name: `Figure ${k}`,
      kind: k % 2 === 1 ? 'NUMBER_LOWER_BETTER' : 'NUMBER_HIGHER_BETTER',
      weight: w[i],
    });
  }
  return out;
}

function evidence(rng: Prng): EvidenceInput[] {
  const out: EvidenceInput[] = [];
  // Audits: in the 24-month window, or too old (not counted).
  if (rng.chance(0.3))
    out.push({
      kind: 'SOCIAL_AUDIT',
      issuer: 'Audit Co',
      issuedAt: rng.pick(['2024-03-15', '2023-07-01', '2022-11-30', '2023-06-30', '2023-06-29']),
      validUntil: null,
    });
  // Certifications: valid on the deadline date, expired, or open-ended.
  if (rng.chance(0.25)) {
    const validUntil = rng.pick(['2026-12-31', '2025-06-30', '2025-06-29', null]);
    out.push({ kind: 'CERTIFICATION', issuer: 'Cert Body', issuedAt: rng.pick(['2023-01-10', '2025-06-30', '2025-07-01']), validUntil });
  }
  if (rng.chance(0.1)) out.push({ kind: 'REMEDIATION_PLAN', issuer: 'NGO', issuedAt: '2024-09-01', validUntil: null });
  return out;
}

function goodsFor(rng: Prng, country: string | null, byCountry: Map<string, string[]>, allGoods: string[], root: boolean): string[] {
  const n = root ? (rng.chance(0.2) ? 1 : 0) : rng.int(0, 2);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const own = country ? byCountry.get(country) : undefined;
    const r = rng.next();
    let g: string;
    if (r < 0.45 && own)
      g = rng.pick(own); // listed for the node's own country
    else if (r < 0.75)
      g = rng.pick(allGoods); // most often listed elsewhere
    else g = rng.pick(UNLISTED_GOODS);
    // Case and blanks vary: the engine matches goods ignoring both.
    out.push(rng.chance(0.2) ? ` ${g.toLowerCase()} ` : g);
  }
  return out;
}

function supplyChain(rng: Prng, bidderName: string, shape: Shape, byCountry: Map<string, string[]>, allGoods: string[]): SupplyChainNodeInput {
  if (shape.nodesPerChain !== 5) throw new Error('bench input: only 5-node chains are generated');
  const parents = rng.pick(SHAPES_5);
  const nodes: SupplyChainNodeInput[] = [];
  const childSum = new Array<number>(parents.length).fill(0); // in tenths of a percent
  for (let i = 0; i < parents.length; i++) {
    const root = i === 0;
    const country = root ? rng.pick(ROOT_COUNTRIES) : rng.chance(0.01) ? null : rng.pick(SUB_COUNTRIES);
    let share = 1000;
    if (!root) {
      // Tenths of a percent, 5.0–45.0, never letting the parent's children exceed 100 %.
      share = Math.min(rng.int(50, 450), 1000 - childSum[parents[i]]);
      childSum[parents[i]] += share;
    }
    nodes.push({
      name: root ? bidderName : `${bidderName} sub ${i}`,
      country,
      identifiers: root ? { uid: `CHE-${String(100_000_000 + rng.int(0, 899_999_999)).replace(/(\d{3})(\d{3})(\d{3})/, '$1.$2.$3')}` } : {},
      sharePercent: units(share, 1),
      goods: goodsFor(rng, country, byCountry, allGoods, root),
      declarations: { ...ALL_TRUE },
      evidence: root ? [] : evidence(rng),
      violations: [],
      subcontractors: [],
    });
    if (!root) nodes[parents[i]].subcontractors.push(nodes[i]);
  }
  return nodes[0];
}

/** The whole bench input; the same shape and seed always give the same input. */
export function buildEvaluationInput(shape: Shape = DEFAULT_SHAPE, datasets: RiskDatasets = loadDatasets()): EvaluationInput {
  const rng = new Prng(shape.seed);
  const crit = criteria(rng, shape);
  const byCountry = new Map<string, string[]>();
  for (const row of datasets.goodsList) {
    const list = byCountry.get(row.iso2) ?? [];
    list.push(row.good);
    byCountry.set(row.iso2, list);
  }
  const allGoods = [...new Set(datasets.goodsList.map((r) => r.good))];

  const bids: BidInput[] = [];
  const grades: GradeInput[] = [];
  const deadlineMs = Date.parse(DEADLINE);
  for (let i = 0; i < shape.bids; i++) {
    const bidId = `bid-${String(i + 1).padStart(4, '0')}`;
    const bidderName = `Bidder ${i + 1} AG`;
    const figures: Record<string, string> = {};
    for (const c of crit) {
      if (c.kind === 'NUMBER_LOWER_BETTER') {
        // e.g. delivery days, one decimal; N01 is a defect count that is sometimes 0 (score 1, others 0).
        figures[c.code] = c.code === 'N01' ? units(rng.chance(0.02) ? 0 : rng.int(1, 40), 0) : units(rng.int(50, 600), 1);
      } else if (c.kind === 'NUMBER_HIGHER_BETTER') {
        figures[c.code] = units(rng.int(0, 10_000), 2);
      } else if (c.kind === 'QUALITY') {
        grades.push({ bidId, criterionCode: c.code, evaluatorId: 'evaluator-1', grade: rng.int(0, 5) });
      }
    }
    bids.push({
      bidId,
      bidderName,
      // Distinct instants before the deadline (the RECEIVED_AT tie-break never meets equal times).
      receivedAt: new Date(deadlineMs - (i + 1) * 61_000 - rng.int(0, 59) * 1000).toISOString().replace('Z', '+00:00'),
      price: units(rng.int(10_000_000, 17_000_000), 2), // 100,000.00–170,000.00: the dearest fall beyond Pmin·1.5 and score 0
      figures,
      supplyChain: supplyChain(rng, bidderName, shape, byCountry, allGoods),
    });
  }
  // Listed in a shuffled order: the engine sorts by bidId itself.
  for (let i = bids.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [bids[i], bids[j]] = [bids[j], bids[i]];
  }

  // A few sanctions entries that match no node: the participation check still compares each node with them.
  const sanctions: SanctionInput[] = Array.from({ length: 10 }, (_, k) => ({
    id: `S${k + 1}`,
    name: `Sanctioned Supplier ${k + 1} Ltd`,
    identifiers: [`CHE-999.000.${String(k).padStart(3, '0')}`],
    country: 'CH',
    ground: '44-1-e',
    from: '2024-01-01',
    until: '2027-12-31',
    scope: 'ALL_FEDERAL',
    buyerId: null,
  }));

  return {
    methodVersion: METHOD_VERSION,
    tender: {
      id: 'bench-tender',
      buyerId: 'buyer-1',
      buyerCountry: 'CH',
      procedure: 'OPEN',
      currency: 'CHF',
      submissionDeadline: DEADLINE,
      placesOfPerformance: ['CH'],
      criteria: crit,
      tieBreak: [],
      additionalConventions: [],
      abnormallyLowThreshold: '0.80',
      requiredEvaluators: 1,
      priceBasis: 'LOWEST',
      referencePrice: null,
      priceLevelAdjustment: false,
    },
    bids,
    grades,
    excludedBidIds: [],
    sanctions,
    riskModel: DEFAULT_RISK_MODEL,
    datasets,
  };
}
