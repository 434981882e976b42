/**
 * A brute-force reference of evaluation-method.md §4–§7 for the property tests,
 * written straight from the document and sharing no code with the engine: its
 * own fractions (plain BigInt pairs), no incremental IIA (every removal is a
 * full re-score), no prepared indexes, no formatting helpers of the engine.
 * Slow on purpose; only for small random tenders.
 *
 * Scope: what the random tenders of the property tests use — default risk
 * model without prevalence, no price-level adjustment, the deadline of the
 * test builders (Europe/Zurich date 2025-06-30).
 */
import type { EvaluationInput, SupplyChainNodeInput } from '../types';

/** [numerator, denominator], denominator > 0, reduced. */
export type Fr = readonly [bigint, bigint];

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function g(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
export function fr(n: bigint, d: bigint = 1n): Fr {
  if (d < 0n) [n, d] = [-n, -d];
  const k = g(n, d) || 1n;
  return [n / k, d / k];
}
export const dec = (s: string): Fr => {
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const n = BigInt(i + f);
  return fr(neg ? -n : n, 10n ** BigInt(f.length));
};
export const add = (a: Fr, b: Fr): Fr => fr(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
export const sub = (a: Fr, b: Fr): Fr => fr(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
export const mul = (a: Fr, b: Fr): Fr => fr(a[0] * b[0], a[1] * b[1]);
export const div = (a: Fr, b: Fr): Fr => fr(a[0] * b[1], a[1] * b[0]);
export const cmp = (a: Fr, b: Fr): number => {
  const x = a[0] * b[1] - b[0] * a[1];
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const Z: Fr = [0n, 1n];
const ONE: Fr = [1n, 1n];
const H: Fr = [100n, 1n];
const clamp = (x: Fr): Fr => (cmp(x, Z) < 0 ? Z : cmp(x, ONE) > 0 ? ONE : x);
const minF = (xs: Fr[]): Fr => xs.reduce((m, x) => (cmp(x, m) < 0 ? x : m));
const maxF = (xs: Fr[]): Fr => xs.reduce((m, x) => (cmp(x, m) > 0 ? x : m));
export const str = (x: Fr): string => (x[1] === 1n ? `${x[0]}` : `${x[0]}/${x[1]}`);

/**
 * The decimal string the method prescribes (§1): exact when the expansion
 * terminates, else half-even to 40 significant digits; plain, no trailing zeros.
 * By long division, digit by digit.
 */
export function decimalOf(x: Fr): string {
  const d = x[1];
  let n = x[0];
  if (n === 0n) return '0';
  const neg = n < 0n;
  n = abs(n);
  const int = n / d;
  let r = n % d;
  const digits: number[] = [];
  const intDigits = int === 0n ? 0 : int.toString().length;
  let leading = intDigits === 0; // zeros after the point before the first significant digit
  let sig = intDigits;
  while (r !== 0n && sig < 40) {
    r *= 10n;
    const q = Number(r / d);
    r %= d;
    digits.push(q);
    if (leading && q !== 0) leading = false;
    if (!leading) sig++;
  }
  let intPart = int;
  if (r !== 0n) {
    // Not terminated within 40 significant digits: never exactly halfway, so compare the rest with d/2.
    if (2n * r > d) {
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === 9) digits[i--] = 0;
      if (i >= 0) digits[i]++;
      else intPart += 1n;
    }
  }
  while (digits.length && digits[digits.length - 1] === 0) digits.pop();
  return (neg ? '-' : '') + intPart.toString() + (digits.length ? '.' + digits.join('') : '');
}

const DEADLINE_DATE = '2025-06-30';
const AUDIT_FROM = '2023-06-30';
const ANNEX6 = ['C029', 'C087', 'C098', 'C100', 'C105', 'C111', 'C138', 'C182'];

export interface RefNode {
  contribution: Fr;
  residual: Fr;
}
export interface RefBid {
  bidId: string;
  admissible: boolean;
  R: Fr;
  nodes: RefNode[];
  scores: Record<string, { raw: Fr; score: Fr; points: Fr }>;
  total: Fr | null;
  rank: number | null;
}
export interface RefResult {
  bids: RefBid[];
  ranking: string[];
  ties: { rank: number; bidIds: string[] }[];
  sensitivity: { criterion: string; delta: Fr | null; swapWeight: Fr | null }[];
  iia: { removedBidId: string; winnerBidId: string }[];
  effective: { nominal: Fr; effective: Fr } | null;
}

function riskOf(inp: EvaluationInput, root: SupplyChainNodeInput): { R: Fr; nodes: RefNode[] } {
  const m = inp.riskModel;
  const ds = inp.datasets;
  const w = m.weightsWithoutPrevalence;
  const nodes: RefNode[] = [];
  let R = Z;
  const visit = (n: SupplyChainNodeInput, eff: Fr): void => {
    const c = typeof n.country === 'string' && n.country.trim() !== '' ? n.country.trim().toUpperCase() : null;
    const tierRow = c === null ? undefined : ds.tipTiers.find((t) => t.iso2 === c);
    const tier = dec(tierRow ? m.tierScores[tierRow.tier] : m.tierScores.missing);
    const conv = c === null ? undefined : ds.iloRatifications.find((r) => r.iso2 === c)?.conventions;
    const gap = c === null ? Z : fr(BigInt(ANNEX6.filter((k) => conv?.[k] === 'not_ratified').length), 8n);
    const cr = add(mul(dec(w.tier), tier), mul(dec(w.iloGap), gap));
    let pr = Z;
    for (const good of n.goods) {
      const rows = ds.goodsList.filter((r) => r.good.trim().toLowerCase() === good.trim().toLowerCase());
      const own = rows.filter((r) => r.iso2 === c);
      let s = Z;
      if (own.some((r) => r.forcedLabour)) s = dec(m.productRisk.forcedLabour);
      else if (own.some((r) => r.childLabour)) s = dec(m.productRisk.childLabour);
      else if (own.some((r) => r.downstream)) s = dec(m.productRisk.downstream);
      else if (rows.some((r) => r.iso2 !== c)) s = dec(m.productRisk.listedElsewhere);
      if (cmp(s, pr) > 0) pr = s;
    }
    const ir = sub(ONE, mul(sub(ONE, cr), sub(ONE, pr)));
    const A = n.evidence.some((e) => e.kind === 'SOCIAL_AUDIT' && e.issuedAt >= AUDIT_FROM && e.issuedAt <= DEADLINE_DATE);
    const C = n.evidence.some((e) => e.kind === 'CERTIFICATION' && e.issuedAt <= DEADLINE_DATE && (e.validUntil == null || e.validUntil >= DEADLINE_DATE));
    const M = n.evidence.some((e) => e.kind === 'REMEDIATION_PLAN');
    let mit = Z;
    if (A) mit = add(mit, dec(m.mitigation.socialAudit));
    if (C) mit = add(mit, dec(m.mitigation.certification));
    if (M) mit = add(mit, dec(m.mitigation.remediationPlan));
    if (cmp(mit, dec(m.mitigation.cap)) > 0) mit = dec(m.mitigation.cap);
    const rr = c === null ? ONE : mul(ir, sub(ONE, mit));
    const childSum = n.subcontractors.reduce((s, k) => add(s, dec(k.sharePercent)), Z);
    const own = mul(eff, sub(ONE, div(childSum, H)));
    const contribution = mul(own, rr);
    nodes.push({ contribution, residual: rr });
    R = add(R, contribution);
    for (const k of n.subcontractors) visit(k, div(mul(eff, dec(k.sharePercent)), H));
  };
  visit(root, ONE);
  return { R, nodes };
}

interface Scored {
  bidId: string;
  price: Fr;
  R: Fr;
  receivedMs: number;
  scores: Record<string, { raw: Fr; score: Fr; points: Fr }>;
  total: Fr;
}

function scoreAll(inp: EvaluationInput, set: { bidId: string; price: Fr; R: Fr; receivedMs: number }[]): Scored[] {
  if (set.length === 0) return [];
  const t = inp.tender;
  const prices = set.map((b) => b.price);
  const pmin = t.priceBasis === 'REFERENCE' ? dec(t.referencePrice!) : minF(prices);
  const pmax = maxF(prices);
  return set.map((b) => {
    const bid = inp.bids.find((x) => x.bidId === b.bidId)!;
    const scores: Scored['scores'] = {};
    let total = Z;
    for (const c of t.criteria) {
      let raw: Fr;
      let s: Fr;
      if (c.kind === 'PRICE') {
        raw = b.price;
        const P = b.price;
        const k = dec(c.span ?? inp.riskModel.defaultSpan);
        if (c.priceMethod === 'LINEAR_SPAN') s = clamp(div(sub(mul(pmin, add(ONE, k)), P), mul(pmin, k)));
        else if (c.priceMethod === 'PROPORTIONAL') s = clamp(div(pmin, P));
        else if (c.priceMethod === 'QUADRATIC') s = clamp(mul(div(pmin, P), div(pmin, P)));
        else if (c.priceMethod === 'CUBIC') s = clamp(mul(mul(div(pmin, P), div(pmin, P)), div(pmin, P)));
        else s = cmp(pmax, pmin) <= 0 ? ONE : clamp(div(sub(pmax, P), sub(pmax, pmin)));
      } else if (c.kind === 'QUALITY') {
        const gs = inp.grades.filter((x) => x.bidId === b.bidId && x.criterionCode === c.code).map((x) => fr(BigInt(x.grade)));
        raw = div(
          gs.reduce((a, x) => add(a, x), Z),
          fr(BigInt(gs.length)),
        );
        s = div(raw, fr(5n));
      } else if (c.kind === 'HUMAN_RIGHTS') {
        raw = b.R;
        s = sub(ONE, b.R);
      } else {
        raw = dec(bid.figures[c.code]);
        const all = set.map((x) => dec(inp.bids.find((y) => y.bidId === x.bidId)!.figures[c.code]));
        if (c.kind === 'NUMBER_LOWER_BETTER') s = raw[0] === 0n ? ONE : div(minF(all), raw);
        else s = maxF(all)[0] === 0n ? Z : div(raw, maxF(all));
      }
      const points = mul(dec(c.weight), s);
      scores[c.code] = { raw, score: s, points };
      total = add(total, points);
    }
    return { ...b, scores, total };
  });
}

function order(inp: EvaluationInput, a: Scored, b: Scored): number {
  const byTotal = cmp(b.total, a.total);
  if (byTotal) return byTotal;
  const chain = inp.tender.tieBreak.length ? inp.tender.tieBreak : ['HUMAN_RIGHTS', 'PRICE', 'RECEIVED_AT'];
  for (const key of chain) {
    let r = 0;
    if (key === 'HUMAN_RIGHTS') r = cmp(a.R, b.R);
    else if (key === 'PRICE') r = cmp(a.price, b.price);
    else if (key === 'RECEIVED_AT') r = Math.sign(a.receivedMs - b.receivedMs);
    else r = cmp(b.scores[key].score, a.scores[key].score);
    if (r) return r;
  }
  return 0;
}

function rank(inp: EvaluationInput, scored: Scored[]): { ranking: string[]; ranks: Map<string, number>; ties: RefResult['ties'] } {
  const sorted = [...scored].sort((a, b) => order(inp, a, b) || (a.bidId < b.bidId ? -1 : 1));
  const ranks = new Map<string, number>();
  const ties: RefResult['ties'] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && order(inp, sorted[i], sorted[j]) === 0) j++;
    for (let k = i; k < j; k++) ranks.set(sorted[k].bidId, i + 1);
    if (j - i > 1) ties.push({ rank: i + 1, bidIds: sorted.slice(i, j).map((s) => s.bidId) });
    i = j;
  }
  return { ranking: sorted.map((s) => s.bidId), ranks, ties };
}

export function referenceEvaluate(inp: EvaluationInput): RefResult {
  const deadline = Date.parse(inp.tender.submissionDeadline);
  const excluded = new Set(inp.excludedBidIds);
  const bids = [...inp.bids].sort((a, b) => (a.bidId < b.bidId ? -1 : 1));
  const risks = new Map(bids.map((b) => [b.bidId, riskOf(inp, b.supplyChain)]));
  const admissible = bids.filter((b) => Date.parse(b.receivedAt) <= deadline && !excluded.has(b.bidId));
  const base = admissible.map((b) => ({ bidId: b.bidId, price: dec(b.price), R: risks.get(b.bidId)!.R, receivedMs: Date.parse(b.receivedAt) }));
  const scored = scoreAll(inp, base);
  const { ranking, ranks, ties } = rank(inp, scored);

  const sensitivity: RefResult['sensitivity'] = [];
  if (ranking.length >= 2) {
    const [f, s] = ranking.map((id) => scored.find((x) => x.bidId === id)!);
    const D0 = sub(f.total, s.total);
    for (const ci of inp.tender.criteria) {
      const wi = dec(ci.weight);
      const none = { criterion: ci.code, delta: null, swapWeight: null };
      if (cmp(wi, H) === 0) {
        sensitivity.push(none);
        continue;
      }
      let S = Z;
      for (const cj of inp.tender.criteria) if (cj !== ci) S = add(S, mul(dec(cj.weight), sub(f.scores[cj.code].score, s.scores[cj.code].score)));
      const di = sub(f.scores[ci.code].score, s.scores[ci.code].score);
      const slope = sub(di, div(S, sub(H, wi)));
      if (slope[0] === 0n) {
        sensitivity.push(none);
        continue;
      }
      const delta = div(sub(Z, D0), slope);
      if (cmp(delta, sub(Z, wi)) < 0 || cmp(delta, sub(H, wi)) > 0) sensitivity.push(none);
      else sensitivity.push({ criterion: ci.code, delta, swapWeight: add(wi, delta) });
    }
  }

  const iia: RefResult['iia'] = [];
  if (ranking.length >= 2) {
    for (const removed of base) {
      if (removed.bidId === ranking[0]) continue;
      const again = rank(
        inp,
        scoreAll(
          inp,
          base.filter((b) => b !== removed),
        ),
      );
      if (again.ranking[0] !== ranking[0]) iia.push({ removedBidId: removed.bidId, winnerBidId: again.ranking[0] });
    }
  }

  const price = inp.tender.criteria.find((c) => c.kind === 'PRICE');
  let effective: RefResult['effective'] = null;
  if (price) {
    const ps = scored.map((x) => x.scores[price.code].score);
    const spread = ps.length ? sub(maxF(ps), minF(ps)) : Z;
    effective = { nominal: dec(price.weight), effective: mul(spread, dec(price.weight)) };
  }

  return {
    bids: bids.map((b) => {
      const sc = scored.find((x) => x.bidId === b.bidId);
      const r = risks.get(b.bidId)!;
      return {
        bidId: b.bidId,
        admissible: !!sc,
        R: r.R,
        nodes: r.nodes,
        scores: sc ? sc.scores : {},
        total: sc ? sc.total : null,
        rank: ranks.get(b.bidId) ?? null,
      };
    }),
    ranking,
    ties,
    sensitivity,
    iia,
    effective,
  };
}
