/**
 * The precondition of the evaluate() pair: engine and float baseline compute
 * the same thing. Every total (and R) within 1e-9 relative, the same ranking.
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

function rel(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

export function checkAgreement(engine: EvaluationResult, f: FloatInput, base: FloatResult): Agreement {
  const problems: string[] = [];
  let maxRelTotal = 0;
  let maxRelResidual = 0;
  const byId = new Map(engine.bids.map((b) => [b.bidId, b]));
  for (let i = 0; i < f.nBids; i++) {
    const e = byId.get(f.bidIds[i]);
    if (!e || e.total === null) {
      problems.push(`${f.bidIds[i]}: no total from the engine`);
      continue;
    }
    const rt = rel(Number(e.total), base.total[i]);
    const rr = rel(Number(e.risk.residual), base.residual[i]);
    maxRelTotal = Math.max(maxRelTotal, rt);
    maxRelResidual = Math.max(maxRelResidual, rr);
    if (!(rt <= AGREEMENT_TOLERANCE)) problems.push(`${f.bidIds[i]}: total ${e.total} vs ${base.total[i]} (relative ${rt.toExponential(2)})`);
    if (!(rr <= AGREEMENT_TOLERANCE)) problems.push(`${f.bidIds[i]}: R ${e.risk.residual} vs ${base.residual[i]} (relative ${rr.toExponential(2)})`);
  }
  const baseRanking = Array.from(base.order, (i) => f.bidIds[i]);
  if (engine.ranking.length !== baseRanking.length) problems.push(`ranking length ${engine.ranking.length} vs ${baseRanking.length}`);
  const firstDiff = engine.ranking.findIndex((id, k) => id !== baseRanking[k]);
  if (firstDiff >= 0) problems.push(`ranking differs first at position ${firstDiff + 1}: ${engine.ranking[firstDiff]} vs ${baseRanking[firstDiff]}`);
  return { ok: problems.length === 0, problems: problems.slice(0, 20), maxRelTotal, maxRelResidual, checked: f.nBids };
}
