/**
 * The "decimal floor" of the evaluate() bench (informational): the float
 * baseline's linear algorithm — shares, ir, rr, R, the five kinds of scores,
 * weighted totals, ranking — written with the engine's own decimal type (`Dec`:
 * decimal.js, 50 significant digits, half-even) and its comparison at 30
 * decimal places. No findings, no explanations, no robustness, no validation.
 *
 * Its time is what any exact-decimal evaluation of 1,000 bids costs at least
 * with decimal.js, whatever the algorithm: floor / float is the part of the
 * engine's ratio that exact arithmetic alone explains.
 */
import { Dec, cmpQ, quantise } from '../../libs/evaluation/src/v1/decimal';
import type { EvaluationInput } from '../../libs/evaluation/src/types';
import type { FloatInput } from './float-baseline';

const ANNEX6 = ['C029', 'C087', 'C098', 'C100', 'C105', 'C111', 'C138', 'C182'];
const ZERO = new Dec(0);
const ONE = new Dec(1);
const HUNDRED = new Dec(100);
const FIVE = new Dec(5);

export interface DecimalInput {
  price: Dec[];
  nodeSharePct: Dec[];
  nodeCr: Dec[];
  nodePr: Dec[];
  nodeM: Dec[];
  critWeight: Dec[];
  span: Dec;
  figures: Dec[];
  /** Grade sums per (quality column, bid), as the engine sums them. */
  gradeSum: Dec[];
}

/**
 * Decimal values for the structure of a FloatInput (same bid and node order).
 * Country, product and mitigation values come from the same model strings.
 */
export function prepareDecimal(input: EvaluationInput, f: FloatInput, deadlineDate: string, auditFrom: string): DecimalInput {
  const { riskModel: rm, datasets: ds } = input;
  const tiers = new Map(ds.tipTiers.map((r) => [r.iso2.trim().toUpperCase(), r.tier]));
  const ilo = new Map(ds.iloRatifications.map((r) => [r.iso2.trim().toUpperCase(), r.conventions]));
  const w = rm.weightsWithoutPrevalence; // the bench has no prevalence table
  if (ds.prevalence && ds.prevalence.length > 0) throw new Error('decimal floor: prevalence not supported');
  const goods = new Map<string, Map<string, { f: boolean; c: boolean; d: boolean }>>();
  for (const r of ds.goodsList) {
    const g = r.good.trim().toLowerCase();
    const byC = goods.get(g) ?? new Map<string, { f: boolean; c: boolean; d: boolean }>();
    const prev = byC.get(r.iso2);
    byC.set(r.iso2, { f: r.forcedLabour || !!prev?.f, c: r.childLabour || !!prev?.c, d: r.downstream || !!prev?.d });
    goods.set(g, byC);
  }
  const crOf = (c: string | null): Dec => {
    if (c === null) return new Dec(w.tier).times(rm.tierScores.missing);
    const t = tiers.get(c);
    const gap = new Dec(ANNEX6.filter((k) => ilo.get(c)?.[k] === 'not_ratified').length).div(8);
    return new Dec(w.tier).times(t ? rm.tierScores[t] : rm.tierScores.missing).plus(new Dec(w.iloGap).times(gap));
  };
  const prOf = (gs: string[], c: string | null): Dec => {
    let pr = ZERO;
    for (const g of gs) {
      const l = goods.get(g.trim().toLowerCase());
      if (!l) continue;
      const own = c !== null ? l.get(c) : undefined;
      const s = own?.f
        ? rm.productRisk.forcedLabour
        : own?.c
          ? rm.productRisk.childLabour
          : own?.d
            ? rm.productRisk.downstream
            : [...l.keys()].some((k) => k !== c)
              ? rm.productRisk.listedElsewhere
              : '0';
      if (new Dec(s).gt(pr)) pr = new Dec(s);
    }
    return pr;
  };
  const mi = rm.mitigation;
  const bids = [...input.bids].sort((a, b) => (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0));
  const share: Dec[] = [];
  const cr: Dec[] = [];
  const pr: Dec[] = [];
  const m: Dec[] = [];
  for (const b of bids) {
    const visit = (n: typeof b.supplyChain): void => {
      const country = typeof n.country === 'string' && n.country.trim() !== '' ? n.country.trim().toUpperCase() : null;
      share.push(new Dec(n.sharePercent));
      cr.push(crOf(country));
      pr.push(prOf(n.goods, country));
      let raw = ZERO;
      if (n.evidence.some((e) => e.kind === 'SOCIAL_AUDIT' && e.issuedAt >= auditFrom && e.issuedAt <= deadlineDate)) raw = raw.plus(mi.socialAudit);
      if (n.evidence.some((e) => e.kind === 'CERTIFICATION' && e.issuedAt <= deadlineDate && (e.validUntil == null || e.validUntil >= deadlineDate)))
        raw = raw.plus(mi.certification);
      if (n.evidence.some((e) => e.kind === 'REMEDIATION_PLAN')) raw = raw.plus(mi.remediationPlan);
      m.push(Dec.min(mi.cap, raw));
      for (const c of n.subcontractors) visit(c);
    };
    visit(b.supplyChain);
  }
  if (cr.length !== f.nodeStart[f.nBids]) throw new Error('decimal floor: node order differs from the float input');
  const crits = input.tender.criteria;
  const figures: Dec[] = new Array(f.figures.length);
  const gradeSum: Dec[] = new Array(f.gradeCount.length).fill(ZERO);
  const bidIndex = new Map(bids.map((b, i) => [b.bidId, i]));
  crits.forEach((c, k) => {
    const col = f.critColumn[k];
    if (col < 0 || c.kind === 'QUALITY') return;
    bids.forEach((b, i) => (figures[col * f.nBids + i] = new Dec(b.figures[c.code])));
  });
  const qCol = new Map(crits.map((c, k) => [c.code, f.critColumn[k]] as const));
  for (const g of input.grades) {
    const slot = qCol.get(g.criterionCode)! * f.nBids + bidIndex.get(g.bidId)!;
    gradeSum[slot] = gradeSum[slot].plus(g.grade);
  }
  const priceCrit = crits.find((c) => c.kind === 'PRICE');
  return {
    price: bids.map((b) => new Dec(b.price)),
    nodeSharePct: share,
    nodeCr: cr,
    nodePr: pr,
    nodeM: m,
    critWeight: crits.map((c) => new Dec(c.weight)),
    span: new Dec(priceCrit?.span ?? rm.defaultSpan),
    figures,
    gradeSum,
  };
}

/** The timed part: the float baseline's loop in Dec. LINEAR_SPAN only (the bench's price method). */
export function decimalTotals(f: FloatInput, d: DecimalInput): { total: Dec[]; residual: Dec[]; order: number[] } {
  if (f.priceMethod !== 'LINEAR_SPAN' || f.referencePrice !== null) throw new Error('decimal floor: LINEAR_SPAN on the lowest price only');
  const n = f.nBids;
  const residual: Dec[] = new Array(n);
  for (let b = 0; b < n; b++) {
    const s = f.nodeStart[b];
    const len = f.nodeStart[b + 1] - s;
    const eff: Dec[] = new Array(len);
    const childSum: Dec[] = new Array(len).fill(ZERO);
    for (let k = 0; k < len; k++) {
      const p = f.nodeParent[s + k];
      eff[k] = p < 0 ? ONE : eff[p].times(d.nodeSharePct[s + k]).div(HUNDRED);
      if (p >= 0) childSum[p] = childSum[p].plus(d.nodeSharePct[s + k]);
    }
    let r = ZERO;
    for (let k = 0; k < len; k++) {
      const own = eff[k].times(ONE.minus(Dec.min(childSum[k], HUNDRED).div(HUNDRED)));
      const ir = ONE.minus(ONE.minus(d.nodeCr[s + k]).times(ONE.minus(d.nodePr[s + k])));
      const rr = f.nodeUndisclosed[s + k] ? ONE : ir.times(ONE.minus(d.nodeM[s + k]));
      r = r.plus(own.times(rr));
    }
    residual[b] = r;
  }
  let pmin = d.price[0];
  for (let b = 1; b < n; b++) if (d.price[b].lt(pmin)) pmin = d.price[b];
  const total: Dec[] = new Array(n).fill(ZERO);
  for (let c = 0; c < f.nCrit; c++) {
    const w = d.critWeight[c];
    const col = f.critColumn[c];
    switch (f.critKind[c]) {
      case 0: {
        const top = pmin.times(ONE.plus(d.span));
        const den = pmin.times(d.span);
        for (let b = 0; b < n; b++) {
          let s = top.minus(d.price[b]).div(den);
          if (s.lt(ZERO)) s = ZERO;
          else if (s.gt(ONE)) s = ONE;
          total[b] = total[b].plus(w.times(s));
        }
        break;
      }
      case 1:
        for (let b = 0; b < n; b++) {
          const cnt = f.gradeCount[col * n + b];
          total[b] = total[b].plus(cnt === 0 ? ZERO : w.times(d.gradeSum[col * n + b].div(FIVE.times(cnt))));
        }
        break;
      case 2:
        for (let b = 0; b < n; b++) total[b] = total[b].plus(w.times(ONE.minus(residual[b])));
        break;
      case 3: {
        let min = d.figures[col * n];
        for (let b = 1; b < n; b++) if (d.figures[col * n + b].lt(min)) min = d.figures[col * n + b];
        for (let b = 0; b < n; b++) {
          const x = d.figures[col * n + b];
          total[b] = total[b].plus(w.times(x.isZero() ? ONE : min.div(x)));
        }
        break;
      }
      case 4: {
        let max = d.figures[col * n];
        for (let b = 1; b < n; b++) if (d.figures[col * n + b].gt(max)) max = d.figures[col * n + b];
        for (let b = 0; b < n; b++) total[b] = total[b].plus(max.isZero() ? ZERO : w.times(d.figures[col * n + b].div(max)));
        break;
      }
    }
  }
  // Rank on totals quantised once per bid (not per comparison), then the default chain.
  const qTotal = total.map(quantise);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(
    (a, b) => qTotal[b].cmp(qTotal[a]) || cmpQ(residual[a], residual[b]) || cmpQ(d.price[a], d.price[b]) || f.receivedMs[a] - f.receivedMs[b] || a - b,
  );
  return { total, residual, order };
}
