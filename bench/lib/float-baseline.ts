/**
 * The evaluate() bench's baseline: the same totals and ranking in binary
 * floating point over typed arrays (Float64Array), written independently of
 * the engine from evaluation-method.md §4–§6.
 *
 * `prepareFloat` (not timed) turns the EvaluationInput into flat arrays: per
 * node its country risk cr, product risk pr, mitigation m, undisclosed flag,
 * sharePercent and parent (the lookups in the datasets and the date windows of
 * the evidence are done here, once); per bid its price, grades, figures and
 * receivedAt. `floatTotals` (timed) then computes what the engine's totals
 * depend on: effective and own shares, ir, rr, R = Σ ownShare·rr, the price
 * scores (LINEAR_SPAN/PROPORTIONAL/QUADRATIC/CUBIC/MIN_MAX against Pmin/Pmax),
 * the quality means, the NUMBER_* scores against min/max, the weighted totals
 * and the ranking with the default tie-break chain (lower R, lower price,
 * earlier receipt, then bidId).
 *
 * It does NOT compute what the engine also returns: participation findings,
 * risk explanations and decimal strings, sensitivity δ in exact fractions,
 * the IIA re-rankings. That is the point of the comparison: the ratio is what
 * exactness, validation and the explanations cost over the bare arithmetic.
 */
import type { EvaluationInput, PriceMethod } from '../../libs/evaluation/src/types';

const ANNEX6 = ['C029', 'C087', 'C098', 'C100', 'C105', 'C111', 'C138', 'C182'];

export interface FloatInput {
  nBids: number;
  /** bidIds in the engine's order (sorted by bidId). */
  bidIds: string[];
  price: Float64Array;
  receivedMs: Float64Array;
  /** Node arrays, bids' nodes contiguous in depth-first order; nodeStart has nBids + 1 entries. */
  nodeStart: Int32Array;
  /** Parent's offset within the bid (−1 for the root). */
  nodeParent: Int32Array;
  nodeSharePct: Float64Array;
  nodeCr: Float64Array;
  nodePr: Float64Array;
  nodeM: Float64Array;
  nodeUndisclosed: Uint8Array;
  /** Criteria. kind: 0 PRICE, 1 QUALITY, 2 HUMAN_RIGHTS, 3 LOWER_BETTER, 4 HIGHER_BETTER. */
  nCrit: number;
  critKind: Uint8Array;
  critWeight: Float64Array;
  critCodes: string[];
  /** Per criterion: for QUALITY the column in grades, for NUMBER_* the column in figures; −1 otherwise. */
  critColumn: Int32Array;
  priceMethod: PriceMethod;
  span: number;
  referencePrice: number | null;
  /** figures[col * nBids + bid]. */
  figures: Float64Array;
  /** Grades of QUALITY column q of bid b: grades[(q * nBids + b) * nEval + e] for e < gradeCount[q * nBids + b]. */
  nEval: number;
  grades: Float64Array;
  gradeCount: Int32Array;
}

export interface FloatResult {
  total: Float64Array;
  residual: Float64Array;
  /** Bid indices, best first. */
  order: Int32Array;
}

function minusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const idx = y * 12 + (m - 1) - months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Flattens the input (not timed). `deadlineDate` is the deadline's Europe/Zurich
 * calendar date; the bench tender's is fixed, so it is passed in.
 */
export function prepareFloat(input: EvaluationInput, deadlineDate: string): FloatInput {
  const { riskModel: rm, datasets: ds, tender } = input;
  const num = Number;
  const tiers = new Map(ds.tipTiers.map((r) => [r.iso2.trim().toUpperCase(), r.tier]));
  const ilo = new Map(ds.iloRatifications.map((r) => [r.iso2.trim().toUpperCase(), r.conventions]));
  const prevalence = ds.prevalence && ds.prevalence.length > 0 ? new Map(ds.prevalence.map((r) => [r.iso2.trim().toUpperCase(), num(r.per1000)])) : null;
  const w = prevalence ? rm.weightsWithPrevalence : rm.weightsWithoutPrevalence;
  const goods = new Map<string, Map<string, { f: boolean; c: boolean; d: boolean }>>();
  for (const r of ds.goodsList) {
    const g = r.good.trim().toLowerCase();
    const iso = r.iso2.trim().toUpperCase();
    const byC = goods.get(g) ?? new Map<string, { f: boolean; c: boolean; d: boolean }>();
    const prev = byC.get(iso);
    byC.set(iso, { f: r.forcedLabour || !!prev?.f, c: r.childLabour || !!prev?.c, d: r.downstream || !!prev?.d });
    goods.set(g, byC);
  }
  const crOf = (c: string | null): number => {
    if (c === null) return num(w.tier) * num(rm.tierScores.missing);
    const t = tiers.get(c);
    const tier = num(t ? rm.tierScores[t] : rm.tierScores.missing);
    const conv = ilo.get(c);
    const gap = ANNEX6.filter((k) => conv?.[k] === 'not_ratified').length / 8;
    const p = prevalence ? Math.min(1, (prevalence.get(c) ?? 0) / num(rm.prevalenceDivisor)) : 0;
    return num(w.tier) * tier + num(w.iloGap) * gap + num(w.prevalence) * p;
  };
  const prOf = (gs: string[], c: string | null): number => {
    let pr = 0;
    for (const g of gs) {
      const listings = goods.get(g.trim().toLowerCase());
      let s = 0;
      if (listings) {
        const own = c !== null ? listings.get(c) : undefined;
        if (own?.f) s = num(rm.productRisk.forcedLabour);
        else if (own?.c) s = num(rm.productRisk.childLabour);
        else if (own?.d) s = num(rm.productRisk.downstream);
        else if ([...listings.keys()].some((k) => k !== c)) s = num(rm.productRisk.listedElsewhere);
      }
      pr = Math.max(pr, s);
    }
    return pr;
  };
  const auditFrom = minusMonths(deadlineDate, rm.socialAuditMonths);
  const mi = rm.mitigation;

  const bids = [...input.bids].sort((a, b) => (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0));
  const nBids = bids.length;
  const crits = tender.criteria;
  const nCrit = crits.length;
  const KIND = { PRICE: 0, QUALITY: 1, HUMAN_RIGHTS: 2, NUMBER_LOWER_BETTER: 3, NUMBER_HIGHER_BETTER: 4 } as const;
  const critKind = new Uint8Array(crits.map((c) => KIND[c.kind]));
  const critColumn = new Int32Array(nCrit).fill(-1);
  let nQ = 0;
  let nF = 0;
  crits.forEach((c, i) => {
    if (c.kind === 'QUALITY') critColumn[i] = nQ++;
    else if (c.kind === 'NUMBER_LOWER_BETTER' || c.kind === 'NUMBER_HIGHER_BETTER') critColumn[i] = nF++;
  });
  const priceCrit = crits.find((c) => c.kind === 'PRICE');

  const nodeStart = new Int32Array(nBids + 1);
  const parent: number[] = [];
  const share: number[] = [];
  const cr: number[] = [];
  const pr: number[] = [];
  const m: number[] = [];
  const und: number[] = [];
  const price = new Float64Array(nBids);
  const receivedMs = new Float64Array(nBids);
  const figures = new Float64Array(nF * nBids);
  const bidIndex = new Map<string, number>();
  bids.forEach((b, i) => {
    bidIndex.set(b.bidId, i);
    price[i] = num(b.price);
    receivedMs[i] = Date.parse(b.receivedAt);
    crits.forEach((c, k) => {
      if (critColumn[k] >= 0 && c.kind !== 'QUALITY') figures[critColumn[k] * nBids + i] = num(b.figures[c.code]);
    });
    nodeStart[i] = cr.length;
    const visit = (n: typeof b.supplyChain, parentOffset: number): void => {
      const offset = cr.length - nodeStart[i];
      const country = typeof n.country === 'string' && n.country.trim() !== '' ? n.country.trim().toUpperCase() : null;
      parent.push(parentOffset);
      share.push(num(n.sharePercent));
      cr.push(crOf(country));
      pr.push(prOf(n.goods, country));
      const audit = n.evidence.some((e) => e.kind === 'SOCIAL_AUDIT' && e.issuedAt >= auditFrom && e.issuedAt <= deadlineDate);
      const cert = n.evidence.some((e) => e.kind === 'CERTIFICATION' && e.issuedAt <= deadlineDate && (e.validUntil == null || e.validUntil >= deadlineDate));
      const plan = n.evidence.some((e) => e.kind === 'REMEDIATION_PLAN');
      m.push(Math.min(num(mi.cap), (audit ? num(mi.socialAudit) : 0) + (cert ? num(mi.certification) : 0) + (plan ? num(mi.remediationPlan) : 0)));
      und.push(country === null ? 1 : 0);
      for (const c of n.subcontractors) visit(c, offset);
    };
    visit(b.supplyChain, -1);
  });
  nodeStart[nBids] = cr.length;

  // Grades: count the distinct evaluators to size the array.
  const evaluators = new Set(input.grades.map((g) => g.evaluatorId));
  const nEval = Math.max(1, evaluators.size);
  const grades = new Float64Array(nQ * nBids * nEval);
  const gradeCount = new Int32Array(nQ * nBids);
  const qColumn = new Map(crits.map((c, k) => [c.code, critColumn[k]] as const).filter(([, col]) => col >= 0));
  for (const g of input.grades) {
    const b = bidIndex.get(g.bidId)!;
    const q = qColumn.get(g.criterionCode)!;
    const slot = q * nBids + b;
    grades[slot * nEval + gradeCount[slot]++] = g.grade;
  }

  return {
    nBids,
    bidIds: bids.map((b) => b.bidId),
    price,
    receivedMs,
    nodeStart,
    nodeParent: new Int32Array(parent),
    nodeSharePct: new Float64Array(share),
    nodeCr: new Float64Array(cr),
    nodePr: new Float64Array(pr),
    nodeM: new Float64Array(m),
    nodeUndisclosed: new Uint8Array(und),
    nCrit,
    critKind,
    critWeight: new Float64Array(crits.map((c) => num(c.weight))),
    critCodes: crits.map((c) => c.code),
    critColumn,
    priceMethod: (priceCrit?.priceMethod ?? 'LINEAR_SPAN') as PriceMethod,
    span: num(priceCrit?.span ?? rm.defaultSpan),
    referencePrice: tender.priceBasis === 'REFERENCE' ? num(tender.referencePrice) : null,
    figures,
    nEval,
    grades,
    gradeCount,
  };
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
/** Equal within 1e-12 relative: the float counterpart of the engine's comparison at 30 decimal places. */
const cmpNum = (a: number, b: number): number => (Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : a < b ? -1 : 1);

/** The timed part: totals, R and ranking of every bid (all admissible in the bench). */
export function floatTotals(f: FloatInput): FloatResult {
  const n = f.nBids;
  const residual = new Float64Array(n);
  const eff = new Float64Array(8);
  const childSum = new Float64Array(8);
  let effBuf = eff;
  let sumBuf = childSum;
  for (let b = 0; b < n; b++) {
    const s = f.nodeStart[b];
    const len = f.nodeStart[b + 1] - s;
    if (len > effBuf.length) {
      effBuf = new Float64Array(len);
      sumBuf = new Float64Array(len);
    }
    sumBuf.fill(0, 0, len);
    // Pre-order: a parent always precedes its children.
    for (let k = 0; k < len; k++) {
      const p = f.nodeParent[s + k];
      effBuf[k] = p < 0 ? 1 : (effBuf[p] * f.nodeSharePct[s + k]) / 100;
      if (p >= 0) sumBuf[p] += f.nodeSharePct[s + k];
    }
    let r = 0;
    for (let k = 0; k < len; k++) {
      const own = effBuf[k] * (1 - Math.min(sumBuf[k], 100) / 100);
      const ir = 1 - (1 - f.nodeCr[s + k]) * (1 - f.nodePr[s + k]);
      const rr = f.nodeUndisclosed[s + k] ? 1 : ir * (1 - f.nodeM[s + k]);
      r += own * rr;
    }
    residual[b] = r;
  }

  let pmin = Infinity;
  let pmax = -Infinity;
  for (let b = 0; b < n; b++) {
    if (f.price[b] < pmin) pmin = f.price[b];
    if (f.price[b] > pmax) pmax = f.price[b];
  }
  if (f.referencePrice !== null) pmin = f.referencePrice;

  const total = new Float64Array(n);
  for (let c = 0; c < f.nCrit; c++) {
    const w = f.critWeight[c];
    const col = f.critColumn[c];
    switch (f.critKind[c]) {
      case 0: {
        const k = f.span;
        for (let b = 0; b < n; b++) {
          const p = f.price[b];
          let s: number;
          switch (f.priceMethod) {
            case 'LINEAR_SPAN':
              s = clamp01((pmin * (1 + k) - p) / (pmin * k));
              break;
            case 'PROPORTIONAL':
              s = clamp01(pmin / p);
              break;
            case 'QUADRATIC':
              s = clamp01((pmin * pmin) / (p * p));
              break;
            case 'CUBIC':
              s = clamp01((pmin * pmin * pmin) / (p * p * p));
              break;
            case 'MIN_MAX':
              s = pmax <= pmin ? 1 : clamp01((pmax - p) / (pmax - pmin));
              break;
          }
          total[b] += w * s;
        }
        break;
      }
      case 1: {
        const E = f.nEval;
        for (let b = 0; b < n; b++) {
          const slot = col * n + b;
          const cnt = f.gradeCount[slot];
          let sum = 0;
          for (let e = 0; e < cnt; e++) sum += f.grades[slot * E + e];
          total[b] += cnt === 0 ? 0 : (w * sum) / (5 * cnt);
        }
        break;
      }
      case 2:
        for (let b = 0; b < n; b++) total[b] += w * (1 - residual[b]);
        break;
      case 3: {
        const base = col * n;
        let min = Infinity;
        for (let b = 0; b < n; b++) if (f.figures[base + b] < min) min = f.figures[base + b];
        for (let b = 0; b < n; b++) {
          const x = f.figures[base + b];
          total[b] += w * (x === 0 ? 1 : min / x);
        }
        break;
      }
      case 4: {
        const base = col * n;
        let max = -Infinity;
        for (let b = 0; b < n; b++) if (f.figures[base + b] > max) max = f.figures[base + b];
        for (let b = 0; b < n; b++) total[b] += max === 0 ? 0 : (w * f.figures[base + b]) / max;
        break;
      }
    }
  }

  const order = new Int32Array(n);
  for (let b = 0; b < n; b++) order[b] = b;
  order.sort(
    (a, b) => cmpNum(total[b], total[a]) || cmpNum(residual[a], residual[b]) || cmpNum(f.price[a], f.price[b]) || f.receivedMs[a] - f.receivedMs[b] || a - b, // bidIds are sorted: index order is bidId order
  );
  return { total, residual, order };
}
