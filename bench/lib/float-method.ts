/**
 * The evaluate() bench's "float-method" baseline: the whole method of
 * evaluation-method.md in binary floating point (float64), from the same
 * EvaluationInput to the same outputs — participation findings (codes per
 * bid and node, ABNORMALLY_LOW by the median), supply-chain risk per node,
 * scores, totals, ranking with the tie-break chain, weight sensitivity, IIA
 * (re-scoring only after removing a sole holder of a relative basis, as the
 * engine does) and the effective price weight. Everything is timed, the
 * parsing of the input's decimal strings included, as evaluate() does it.
 *
 * Not computed: the engine's explanation texts, messages and exact fractions,
 * and its validation (this code assumes valid input). Written independently
 * of the engine; bench/lib/agreement.ts checks it against evaluate() in the
 * same run (same ranking, IIA and findings; values to 1e-9).
 */
import type { EvaluationInput, SupplyChainNodeInput } from '../../libs/evaluation/src/types';

const ANNEX6 = ['C029', 'C087', 'C098', 'C100', 'C105', 'C111', 'C138', 'C182'];

export interface FloatMethodBid {
  bidId: string;
  /** Position in bidId order: the index into the per-bid arrays. */
  index: number;
  admissible: boolean;
  R: number;
  contributions: number[];
  findings: string[];
  /** criterion code → [score, points]; empty when not admissible. */
  scores: Map<string, [number, number]>;
  total: number | null;
  rank: number | null;
}

export interface FloatMethodResult {
  bids: FloatMethodBid[];
  ranking: string[];
  sensitivity: { criterion: string; delta: number | null }[];
  iia: { removedBidId: string; winnerBidId: string }[];
  effectivePriceWeight: { nominal: number; effective: number } | null;
}

function minusMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const idx = y * 12 + (m - 1) - months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const normName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** `deadlineDate`: the deadline's Europe/Zurich calendar date (fixed for the bench tender). */
export function floatMethod(input: EvaluationInput, deadlineDate: string): FloatMethodResult {
  const { riskModel: rm, datasets: ds, tender } = input;
  const num = Number;
  const tiers = new Map(ds.tipTiers.map((r) => [r.iso2.trim().toUpperCase(), r.tier]));
  const ilo = new Map(ds.iloRatifications.map((r) => [r.iso2.trim().toUpperCase(), r.conventions]));
  const prevalence = ds.prevalence && ds.prevalence.length > 0 ? new Map(ds.prevalence.map((r) => [r.iso2.trim().toUpperCase(), num(r.per1000)])) : null;
  const w = prevalence ? rm.weightsWithPrevalence : rm.weightsWithoutPrevalence;
  const [wt, wg, wp] = [num(w.tier), num(w.iloGap), num(w.prevalence)];
  const goods = new Map<string, Map<string, { f: boolean; c: boolean; d: boolean }>>();
  for (const r of ds.goodsList) {
    const g = r.good.trim().toLowerCase();
    const iso = r.iso2.trim().toUpperCase();
    const byC = goods.get(g) ?? new Map<string, { f: boolean; c: boolean; d: boolean }>();
    const prev = byC.get(iso);
    byC.set(iso, { f: r.forcedLabour || !!prev?.f, c: r.childLabour || !!prev?.c, d: r.downstream || !!prev?.d });
    goods.set(g, byC);
  }
  const crCache = new Map<string | null, number>();
  const crOf = (c: string | null): number => {
    let v = crCache.get(c);
    if (v !== undefined) return v;
    if (c === null) v = wt * num(rm.tierScores.missing);
    else {
      const t = tiers.get(c);
      const tier = num(t ? rm.tierScores[t] : rm.tierScores.missing);
      const conv = ilo.get(c);
      const gap = ANNEX6.filter((k) => conv?.[k] === 'not_ratified').length / 8;
      const p = prevalence ? Math.min(1, (prevalence.get(c) ?? 0) / num(rm.prevalenceDivisor)) : 0;
      v = wt * tier + wg * gap + wp * p;
    }
    crCache.set(c, v);
    return v;
  };
  const pf = num(rm.productRisk.forcedLabour);
  const pc = num(rm.productRisk.childLabour);
  const pd = num(rm.productRisk.downstream);
  const pe = num(rm.productRisk.listedElsewhere);
  const auditFrom = minusMonths(deadlineDate, rm.socialAuditMonths);
  const lookFrom = minusMonths(deadlineDate, rm.violationLookbackYears * 12);
  const mi = rm.mitigation;
  const [ma, mc, mp, mcap] = [num(mi.socialAudit), num(mi.certification), num(mi.remediationPlan), num(mi.cap)];
  const deadlineMs = Date.parse(tender.submissionDeadline);
  const excluded = new Set(input.excludedBidIds);
  const sanctions = input.sanctions
    .filter((s) => s.from <= deadlineDate && deadlineDate <= s.until && (s.scope === 'ALL_FEDERAL' || s.buyerId === tender.buyerId))
    .map((s) => ({ ids: new Set(s.identifiers.map((x) => x.toUpperCase().replace(/[\s.\-/]+/g, ''))), name: normName(s.name), country: s.country }));
  const extraConventions = tender.additionalConventions.map((c) => c.trim().toUpperCase());

  // Participation and risk, per bid (bidId order, as the engine).
  const bids = [...input.bids].sort((a, b) => (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0));
  const out: FloatMethodBid[] = bids.map((b, index) => {
    const findings: string[] = [];
    const late = Date.parse(b.receivedAt) > deadlineMs;
    if (late) findings.push('LATE_SUBMISSION');
    const contributions: number[] = [];
    let R = 0;
    const visit = (n: SupplyChainNodeInput, eff: number): void => {
      const c = typeof n.country === 'string' && n.country.trim() !== '' ? n.country.trim().toUpperCase() : null;
      const d = n.declarations;
      if (c === 'CH') {
        if (!(d.labourProtection && d.workingConditions && d.illegalEmploymentDuties)) findings.push('CH_LABOUR_CONDITIONS');
        if (!d.equalPay) findings.push('CH_EQUAL_PAY');
      } else {
        if (!d.iloCoreConventions) findings.push('ILO_CORE_CONVENTIONS');
        if (extraConventions.some((x) => !(d.additionalConventions ?? []).some((y) => y.trim().toUpperCase() === x)))
          findings.push('ILO_ADDITIONAL_CONVENTIONS');
      }
      if (!d.environmentalLaw) findings.push('ENVIRONMENTAL_LAW');
      if (n.subcontractors.length > 0 && !d.subcontractClause) findings.push('SUBCONTRACT_CLAUSE');
      if (!d.taxesAndSocialSecurityPaid) findings.push('TAXES_SOCIAL_SECURITY');
      if (c === null) findings.push('UNDISCLOSED_COUNTRY');
      const ids = [n.identifiers?.uid, n.identifiers?.lei, n.identifiers?.vat]
        .filter((x): x is string => !!x)
        .map((x) => x.toUpperCase().replace(/[\s.\-/]+/g, ''));
      const name = normName(n.name);
      if (sanctions.some((s) => ids.some((x) => s.ids.has(x)) || (c !== null && s.country === c && s.name === name))) findings.push('SANCTIONED');
      const recent = n.violations.filter((v) => v.occurredAt >= lookFrom && v.occurredAt <= deadlineDate);
      if (recent.some((v) => v.standard === 'ESTABLISHED')) findings.push('VIOLATION_ESTABLISHED');
      if (recent.some((v) => v.standard === 'INDICATION')) findings.push('VIOLATION_INDICATION');

      let pr = 0;
      let forced = false;
      let unknown = false;
      for (const g of n.goods) {
        const listings = goods.get(g.trim().toLowerCase());
        if (!listings) {
          unknown = true;
          continue;
        }
        const own = c !== null ? listings.get(c) : undefined;
        let s = 0;
        if (own?.f) {
          s = pf;
          forced = true;
        } else if (own?.c) s = pc;
        else if (own?.d) s = pd;
        else if (listings.size > (own ? 1 : 0)) s = pe;
        if (s > pr) pr = s;
      }
      if (forced) findings.push('FORCED_LABOUR_GOODS');
      if (unknown) findings.push('UNKNOWN_GOOD');
      const cr = crOf(c);
      const ir = 1 - (1 - cr) * (1 - pr);
      let audit = false;
      let cert = false;
      let plan = false;
      for (const e of n.evidence) {
        if (e.kind === 'SOCIAL_AUDIT' && e.issuedAt >= auditFrom && e.issuedAt <= deadlineDate) audit = true;
        else if (e.kind === 'CERTIFICATION' && e.issuedAt <= deadlineDate && (e.validUntil == null || e.validUntil >= deadlineDate)) cert = true;
        else if (e.kind === 'REMEDIATION_PLAN') plan = true;
      }
      const m = Math.min(mcap, (audit ? ma : 0) + (cert ? mc : 0) + (plan ? mp : 0));
      const rr = c === null ? 1 : ir * (1 - m);
      let childPct = 0;
      for (const k of n.subcontractors) childPct += num(k.sharePercent);
      const contribution = eff * (1 - childPct / 100) * rr;
      contributions.push(contribution);
      R += contribution;
      for (const k of n.subcontractors) visit(k, (eff * num(k.sharePercent)) / 100);
    };
    visit(b.supplyChain, 1);
    const admissible = !late && !excluded.has(b.bidId);
    return { bidId: b.bidId, index, admissible, R, contributions, findings, scores: new Map(), total: null, rank: null };
  });

  // ABNORMALLY_LOW: against the median of the other admissible bids without an exclusion ground.
  const EXCLUSION = new Set([
    'LATE_SUBMISSION',
    'CH_LABOUR_CONDITIONS',
    'CH_EQUAL_PAY',
    'ILO_CORE_CONVENTIONS',
    'ILO_ADDITIONAL_CONVENTIONS',
    'ENVIRONMENTAL_LAW',
    'SUBCONTRACT_CLAUSE',
    'TAXES_SOCIAL_SECURITY',
    'SANCTIONED',
    'VIOLATION_ESTABLISHED',
  ]);
  const priceArr = Float64Array.from(bids, (b) => num(b.price));
  const priceOf = new Map(bids.map((b, i) => [b.bidId, priceArr[i]]));
  const adm = out.filter((b) => b.admissible);
  const clean = adm.filter((b) => !b.findings.some((f) => EXCLUSION.has(f))).map((b) => ({ id: b.bidId, p: priceOf.get(b.bidId)! }));
  clean.sort((a, b) => a.p - b.p);
  const cleanAt = new Map(clean.map((c, i) => [c.id, i]));
  const threshold = num(tender.abnormallyLowThreshold || rm.defaultAbnormallyLowThreshold);
  for (const b of adm) {
    const skip = cleanAt.get(b.bidId);
    const count = clean.length - (skip === undefined ? 0 : 1);
    if (count < 2) continue;
    const at = (i: number) => clean[skip !== undefined && i >= skip ? i + 1 : i].p;
    const mid = Math.floor(count / 2);
    const med = count % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
    if (priceOf.get(b.bidId)! < threshold * med) b.findings.push('ABNORMALLY_LOW');
  }

  // Scores (§5) of a set of admissible bids.
  const criteria = tender.criteria.map((c) => ({
    code: c.code,
    kind: c.kind,
    weight: num(c.weight),
    method: c.priceMethod ?? null,
    span: num(c.span || rm.defaultSpan),
  }));
  const reference = tender.priceBasis === 'REFERENCE' ? num(tender.referencePrice) : null;
  // Per criterion, per bid (by index): the mean-grade score of QUALITY, the figure of NUMBER_*.
  const bidIndex = new Map(bids.map((b, i) => [b.bidId, i]));
  const column = new Map<string, Float64Array>();
  const gradeSum = new Map<string, Float64Array>();
  const gradeN = new Map<string, Float64Array>();
  for (const c of criteria) {
    if (c.kind === 'QUALITY') {
      gradeSum.set(c.code, new Float64Array(bids.length));
      gradeN.set(c.code, new Float64Array(bids.length));
    } else if (c.kind.startsWith('NUMBER_'))
      column.set(
        c.code,
        Float64Array.from(bids, (b) => num(b.figures[c.code])),
      );
  }
  for (const g of input.grades) {
    const i = bidIndex.get(g.bidId)!;
    gradeSum.get(g.criterionCode)![i] += g.grade;
    gradeN.get(g.criterionCode)![i] += 1;
  }
  for (const [code, sum] of gradeSum) {
    const n = gradeN.get(code)!;
    const col = new Float64Array(bids.length);
    for (let i = 0; i < bids.length; i++) col[i] = n[i] > 0 ? sum[i] / (5 * n[i]) : 0;
    column.set(code, col);
  }
  const criterionScores = (c: (typeof criteria)[number], set: FloatMethodBid[]): Float64Array => {
    const n = set.length;
    const s = new Float64Array(n);
    if (c.kind === 'PRICE') {
      let pmin = Infinity;
      let pmax = -Infinity;
      for (const b of set) {
        const p = priceArr[b.index];
        if (p < pmin) pmin = p;
        if (p > pmax) pmax = p;
      }
      if (reference !== null) pmin = reference;
      for (let i = 0; i < n; i++) {
        const p = priceArr[set[i].index];
        let v: number;
        if (c.method === 'LINEAR_SPAN') v = (pmin * (1 + c.span) - p) / (pmin * c.span);
        else if (c.method === 'PROPORTIONAL') v = pmin / p;
        else if (c.method === 'QUADRATIC') v = (pmin / p) ** 2;
        else if (c.method === 'CUBIC') v = (pmin / p) ** 3;
        else v = pmax <= pmin ? 1 : (pmax - p) / (pmax - pmin);
        s[i] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
    } else if (c.kind === 'QUALITY') {
      const col = column.get(c.code)!;
      for (let i = 0; i < n; i++) s[i] = col[set[i].index];
    } else if (c.kind === 'HUMAN_RIGHTS') {
      for (let i = 0; i < n; i++) s[i] = 1 - set[i].R;
    } else {
      const col = column.get(c.code)!;
      if (c.kind === 'NUMBER_LOWER_BETTER') {
        let min = Infinity;
        for (const b of set) if (col[b.index] < min) min = col[b.index];
        for (let i = 0; i < n; i++) s[i] = col[set[i].index] === 0 ? 1 : min / col[set[i].index];
      } else {
        let max = -Infinity;
        for (const b of set) if (col[b.index] > max) max = col[b.index];
        for (let i = 0; i < n; i++) s[i] = max === 0 ? 0 : col[set[i].index] / max;
      }
    }
    return s;
  };
  const received = Float64Array.from(bids, (b) => Date.parse(b.receivedAt));
  const chain = tender.tieBreak.length > 0 ? tender.tieBreak : ['HUMAN_RIGHTS', 'PRICE', 'RECEIVED_AT'];
  const compare = (a: FloatMethodBid, b: FloatMethodBid, total: (x: FloatMethodBid) => number, score: (x: FloatMethodBid, code: string) => number): number => {
    const t = total(b) - total(a);
    if (t !== 0) return t;
    for (const key of chain) {
      let r = 0;
      if (key === 'HUMAN_RIGHTS') r = a.R - b.R;
      else if (key === 'PRICE') r = priceArr[a.index] - priceArr[b.index];
      else if (key === 'RECEIVED_AT') r = received[a.index] - received[b.index];
      else r = score(b, key) - score(a, key);
      if (r !== 0) return r;
    }
    return 0;
  };
  const byId = (a: FloatMethodBid, b: FloatMethodBid) => (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0);

  // score[code][bid index], total[bid index]
  const score = new Map<string, Float64Array>();
  const total = new Float64Array(bids.length);
  for (const c of criteria) {
    const s = criterionScores(c, adm);
    const col = new Float64Array(bids.length);
    for (let i = 0; i < adm.length; i++) {
      col[adm[i].index] = s[i];
      total[adm[i].index] += c.weight * s[i];
    }
    score.set(c.code, col);
  }
  const totalOf = (x: FloatMethodBid) => total[x.index];
  const scoreOf = (x: FloatMethodBid, code: string) => score.get(code)![x.index];
  const sorted = [...adm].sort((a, b) => compare(a, b, totalOf, scoreOf) || byId(a, b));
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && compare(sorted[i], sorted[j], totalOf, scoreOf) === 0) j++;
    for (let k = i; k < j; k++) sorted[k].rank = i + 1;
    i = j;
  }
  const ranking = sorted.map((b) => b.bidId);

  // Sensitivity (§7): δ = −D(0)/(d_i − S/(100 − w_i)), S = D(0) − w_i·d_i.
  const sensitivity: FloatMethodResult['sensitivity'] = [];
  if (sorted.length >= 2) {
    const [f, s] = sorted;
    const d = criteria.map((c) => scoreOf(f, c.code) - scoreOf(s, c.code));
    const d0 = criteria.reduce((acc, c, i) => acc + c.weight * d[i], 0);
    criteria.forEach((c, i) => {
      if (c.weight === 100) return sensitivity.push({ criterion: c.code, delta: null });
      const slope = d[i] - (d0 - c.weight * d[i]) / (100 - c.weight);
      if (slope === 0) return sensitivity.push({ criterion: c.code, delta: null });
      const delta = -d0 / slope;
      sensitivity.push({ criterion: c.code, delta: delta < -c.weight || delta > 100 - c.weight ? null : delta });
    });
  }

  // IIA (§7): only the sole holder of a relative basis can change anyone's score when removed.
  const iia: FloatMethodResult['iia'] = [];
  if (sorted.length >= 2) {
    const winner = ranking[0];
    const held = new Map<string, Set<string>>();
    const sole = (code: string, values: number[], pick: 'min' | 'max') => {
      const ext = pick === 'min' ? Math.min(...values) : Math.max(...values);
      let at = -1;
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== ext) continue;
        if (at >= 0) return;
        at = i;
      }
      const id = adm[at].bidId;
      (held.get(id) ?? held.set(id, new Set()).get(id)!).add(code);
    };
    for (const c of criteria) {
      if (c.kind === 'PRICE') {
        const ps = adm.map((b) => priceArr[b.index]);
        if (reference === null) sole(c.code, ps, 'min');
        if (c.method === 'MIN_MAX') sole(c.code, ps, 'max');
      } else if (c.kind.startsWith('NUMBER_')) {
        sole(
          c.code,
          adm.map((b) => column.get(c.code)![b.index]),
          c.kind === 'NUMBER_LOWER_BETTER' ? 'min' : 'max',
        );
      }
    }
    for (const removed of adm) {
      const codes = held.get(removed.bidId);
      if (removed.bidId === winner || !codes) continue;
      const rest = adm.filter((b) => b !== removed);
      const newTotal = new Float64Array(total);
      const newScore = new Map<string, Float64Array>();
      for (const c of criteria) {
        if (!codes.has(c.code)) continue;
        const s = criterionScores(c, rest);
        const old = score.get(c.code)!;
        const col = new Float64Array(old);
        for (let i = 0; i < rest.length; i++) {
          const k = rest[i].index;
          newTotal[k] += c.weight * (s[i] - old[k]);
          col[k] = s[i];
        }
        newScore.set(c.code, col);
      }
      let best: FloatMethodBid | null = null;
      const t = (x: FloatMethodBid) => newTotal[x.index];
      const sc = (x: FloatMethodBid, code: string) => (newScore.get(code) ?? score.get(code)!)[x.index];
      for (const b of rest) if (!best || (compare(b, best, t, sc) || byId(b, best)) < 0) best = b;
      if (best!.bidId !== winner) iia.push({ removedBidId: removed.bidId, winnerBidId: best!.bidId });
    }
  }

  const price = criteria.find((c) => c.kind === 'PRICE');
  let effectivePriceWeight: FloatMethodResult['effectivePriceWeight'] = null;
  if (price) {
    const ps = adm.map((b) => scoreOf(b, price.code));
    effectivePriceWeight = { nominal: price.weight, effective: ps.length ? (Math.max(...ps) - Math.min(...ps)) * price.weight : 0 };
  }
  // The per-bid outputs the engine gives: scores and points per criterion, the total.
  for (const b of adm) {
    b.total = total[b.index];
    for (const c of criteria) {
      const v = score.get(c.code)![b.index];
      b.scores.set(c.code, [v, c.weight * v]);
    }
  }
  return { bids: out, ranking, sensitivity, iia, effectivePriceWeight };
}
