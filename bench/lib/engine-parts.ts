/**
 * Where evaluate()'s time goes at the bench size, measured with the engine's
 * own internal functions (read-only use of libs/evaluation/src) in the order
 * evaluate() calls them: prepare (validation and parsing), risk (§4 with its
 * explanations), findings (§2, ABNORMALLY_LOW included), scoring (§3),
 * ranking (§5), sensitivity and IIA (§6). Each part is the median of a few
 * runs. "other" in the report is the whole evaluate() median minus these
 * parts: grading check, score inputs, result assembly and formatting.
 */
import { Rational } from '../../libs/evaluation/src/rational';
import { findingsOf } from '../../libs/evaluation/src/participation';
import { prepareCommon, prepareScoring } from '../../libs/evaluation/src/prepare';
import { riskOfNodes } from '../../libs/evaluation/src/risk';
import { iiaOf, sensitivityOf } from '../../libs/evaluation/src/robustness';
import { type ScoreBid, rankBids, scoreBids } from '../../libs/evaluation/src/scores';
import type { EvaluationInput } from '../../libs/evaluation/src/types';
import { stats, timeOnce } from './measure';

export type PartName = 'prepare' | 'risk' | 'findings' | 'scoring' | 'ranking' | 'sensitivity' | 'iia';

export interface EngineParts {
  bids: number;
  runs: number;
  /** Median ms per part. */
  partsMs: Record<PartName, number>;
  sumMs: number;
}

export function measureEngineParts(input: EvaluationInput, runs = 3): EngineParts {
  const samples: Record<PartName, number[]> = { prepare: [], risk: [], findings: [], scoring: [], ranking: [], sensitivity: [], iia: [] };
  let bids = 0;
  for (let r = 0; r < runs; r++) {
    const issues: { message: string }[] = [];
    let common!: ReturnType<typeof prepareCommon>;
    let scoring!: ReturnType<typeof prepareScoring>;
    samples.prepare.push(
      timeOnce(() => {
        common = prepareCommon(input, issues);
        scoring = prepareScoring(input, common, issues);
      }),
    );
    if (issues.length > 0) throw new Error(`engine parts: invalid input: ${issues[0].message}`);
    const env = { model: common.model, index: common.index, deadlineDate: common.deadlineDate };
    let risks!: ReturnType<typeof riskOfNodes>[];
    samples.risk.push(timeOnce(() => (risks = common.bids.map((b) => riskOfNodes(b.nodes, env)))));
    samples.findings.push(timeOnce(() => findingsOf(common)));

    // The score inputs as evaluate() builds them (every bench bid is admissible; no price-level adjustment).
    const qualityCodes = scoring.criteria.filter((c) => c.kind === 'QUALITY').map((c) => c.code);
    const numberCodes = scoring.criteria.filter((c) => c.kind === 'NUMBER_LOWER_BETTER' || c.kind === 'NUMBER_HIGHER_BETTER').map((c) => c.code);
    const scoreInputs: ScoreBid[] = common.bids.map((b, i) => {
      const grades = new Map<string, number[]>();
      for (const code of qualityCodes) grades.set(code, [...(scoring.grades.get(b.bid.bidId)?.get(code)?.values() ?? [])]);
      const figures: Record<string, Rational> = {};
      for (const code of numberCodes) figures[code] = Rational.parse(b.bid.figures[code])!;
      return { bidId: b.bid.bidId, price: b.price, residual: risks[i].residual, receivedMs: b.receivedMs, figures, grades };
    });
    bids = scoreInputs.length;
    let scored!: ReturnType<typeof scoreBids>;
    samples.scoring.push(timeOnce(() => (scored = scoreBids(scoring.criteria, scoreInputs, scoring.referencePrice))));
    let ranked!: ReturnType<typeof rankBids>;
    samples.ranking.push(timeOnce(() => (ranked = rankBids(scored, scoring.tieBreak))));
    const byId = new Map(scored.map((s) => [s.bid.bidId, s]));
    const [first, second] = ranked.ranking;
    samples.sensitivity.push(timeOnce(() => sensitivityOf(scoring.criteria, byId.get(first)!, byId.get(second)!)));
    samples.iia.push(timeOnce(() => iiaOf(scoring.criteria, scoreInputs, scoring.referencePrice, scoring.tieBreak, first)));
  }
  const partsMs = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v).medianMs])) as Record<PartName, number>;
  return { bids, runs, partsMs, sumMs: Object.values(partsMs).reduce((a, x) => a + x, 0) };
}
