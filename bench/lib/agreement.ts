/**
 * The precondition of the evaluate() pairs: both sides compute the same thing.
 * Every total (and R) within 1e-9 relative, and the same ranking.
 */
import type { EvaluationResult } from '../../libs/evaluation/src/types';
import type { FloatInput, FloatResult } from './float-baseline';

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
