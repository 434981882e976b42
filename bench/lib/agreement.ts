/**
 * The precondition of the evaluate() pairs: both sides compute the same thing.
 * Every total (and R) within 1e-9 relative, and the same ranking.
 */
import type { EvaluationResult } from '../../libs/evaluation/src/types';
import type { FloatInput, FloatResult } from './float-baseline';
import type { FloatMethodResult } from './float-method';

export const AGREEMENT_TOLERANCE = 1e-9;

export interface Agreement {
  ok: boolean;
  problems: string[];
  /** Largest relative difference of a total seen. */
  maxRelTotal: number;
  maxRelResidual: number;
  checked: number;
}

/** Totals, R and ranking of some implementation, by bidId, as decimal strings or numbers. */
export interface Computed {
  total: (bidId: string) => string | number | null | undefined;
  residual: (bidId: string) => string | number | null | undefined;
  ranking: string[];
}

function rel(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

export function checkAgainstFloat(c: Computed, f: FloatInput, base: FloatResult): Agreement {
  const problems: string[] = [];
  let maxRelTotal = 0;
  let maxRelResidual = 0;
  for (let i = 0; i < f.nBids; i++) {
    const id = f.bidIds[i];
    const total = c.total(id);
    const residual = c.residual(id);
    if (total === null || total === undefined || residual === null || residual === undefined) {
      problems.push(`${id}: no total or R`);
      continue;
    }
    const rt = rel(Number(total), base.total[i]);
    const rr = rel(Number(residual), base.residual[i]);
    maxRelTotal = Math.max(maxRelTotal, rt);
    maxRelResidual = Math.max(maxRelResidual, rr);
    if (!(rt <= AGREEMENT_TOLERANCE)) problems.push(`${id}: total ${total} vs ${base.total[i]} (relative ${rt.toExponential(2)})`);
    if (!(rr <= AGREEMENT_TOLERANCE)) problems.push(`${id}: R ${residual} vs ${base.residual[i]} (relative ${rr.toExponential(2)})`);
  }
  const baseRanking = Array.from(base.order, (i) => f.bidIds[i]);
  if (c.ranking.length !== baseRanking.length) problems.push(`ranking length ${c.ranking.length} vs ${baseRanking.length}`);
  const firstDiff = c.ranking.findIndex((id, k) => id !== baseRanking[k]);
  if (firstDiff >= 0) problems.push(`ranking differs first at position ${firstDiff + 1}: ${c.ranking[firstDiff]} vs ${baseRanking[firstDiff]}`);
  return { ok: problems.length === 0, problems: problems.slice(0, 20), maxRelTotal, maxRelResidual, checked: f.nBids };
}

export function checkAgreement(engine: EvaluationResult, f: FloatInput, base: FloatResult): Agreement {
  const byId = new Map(engine.bids.map((b) => [b.bidId, b]));
  return checkAgainstFloat({ total: (id) => byId.get(id)?.total, residual: (id) => byId.get(id)?.risk.residual, ranking: engine.ranking }, f, base);
}

/**
 * evaluate() against the float-method baseline, on every output they share:
 * the same ranking, ranks, IIA list, findings codes per bid and null-ness of
 * each δ; totals, scores, points, R, node contributions, δ and the effective
 * price weight within 1e-9 (relative, or absolute below 1).
 */
export function checkFloatMethod(engine: EvaluationResult, fm: FloatMethodResult): Agreement {
  const problems: string[] = [];
  let maxRelTotal = 0;
  let maxRelResidual = 0;
  const close = (what: string, a: number, b: number): number => {
    const d = Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
    if (!(d <= AGREEMENT_TOLERANCE)) problems.push(`${what}: ${a} vs ${b}`);
    return d;
  };
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  };
  same('ranking', engine.ranking, fm.ranking);
  same('iia', engine.iia, fm.iia);
  const byId = new Map(fm.bids.map((b) => [b.bidId, b]));
  for (const b of engine.bids) {
    const f = byId.get(b.bidId);
    if (!f) {
      problems.push(`${b.bidId}: missing in the float method`);
      continue;
    }
    same(`${b.bidId} admissible`, b.admissible, f.admissible);
    same(`${b.bidId} rank`, b.rank, f.rank);
    same(`${b.bidId} findings`, [...new Set(b.findings.map((x) => x.code))].sort(), [...new Set(f.findings)].sort());
    maxRelResidual = Math.max(maxRelResidual, close(`${b.bidId} R`, Number(b.risk.residual), f.R));
    b.risk.nodes.forEach((n, i) => close(`${b.bidId} node ${i} contribution`, Number(n.contribution), f.contributions[i]));
    if (b.total !== null) maxRelTotal = Math.max(maxRelTotal, close(`${b.bidId} total`, Number(b.total), f.total ?? NaN));
    for (const [code, s] of Object.entries(b.scores)) {
      const [score, points] = f.scores.get(code) ?? [NaN, NaN];
      close(`${b.bidId} ${code} score`, Number(s.score), score);
      close(`${b.bidId} ${code} points`, Number(s.points), points);
    }
  }
  engine.sensitivity.forEach((s, i) => {
    const f = fm.sensitivity[i];
    same(`δ ${s.criterion} is null`, s.delta === null, f?.delta === null);
    if (s.delta !== null && f?.delta != null) close(`δ ${s.criterion}`, Number(s.delta), f.delta);
  });
  same('sensitivity length', engine.sensitivity.length, fm.sensitivity.length);
  if (engine.effectivePriceWeight && fm.effectivePriceWeight) {
    close('effective price weight', Number(engine.effectivePriceWeight.effective), fm.effectivePriceWeight.effective);
  } else same('effective price weight', engine.effectivePriceWeight === null, fm.effectivePriceWeight === null);
  return { ok: problems.length === 0, problems: problems.slice(0, 20), maxRelTotal, maxRelResidual, checked: engine.bids.length };
}
