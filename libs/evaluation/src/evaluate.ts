/**
 * evaluate(): the whole method of evaluation-method.md, version 2, in exact
 * rational arithmetic, on plain data. Records of method version 1 are
 * evaluated by the frozen v1 engine (./v1), so that they replay bit for bit.
 * Deterministic: bids are processed in bidId order, sanctions in id order, and
 * grades are summed exactly, so the order of the input lists never shows.
 */
import { Rational, ONE, ZERO, fmt } from './rational';
import { evaluate as evaluateV1 } from './v1/evaluate';
import { type Issue, throwIfIssues } from './model';
import { findingsOf } from './participation';
import { type Common, type PreparedBid, type Scoring, prepareCommon, prepareScoring } from './prepare';
import { riskOfNodes } from './risk';
import { effectivePriceWeightOf, iiaOf, sensitivityOf } from './robustness';
import { type ScoreBid, rankBids, scoreBids } from './scores';
import {
  type BidResult,
  type CriterionScore,
  type EvaluationInput,
  EvaluationInputError,
  type EvaluationResult,
  METHOD_VERSION,
  SUPPORTED_METHOD_VERSIONS,
} from './types';

/**
 * Art. 29(1) price levels: P · Σ_n ownShare(n) · PL(home)/PL(c_n). A node whose
 * country is undisclosed or missing from the dataset uses PL(home) (ratio 1).
 * When the buyer's own country is missing from the dataset there is no level
 * to compare with: the factor is 1 and prices stay unadjusted.
 */
function priceLevelFactor(b: PreparedBid, c: Common): Rational {
  const levels = c.index.priceLevels;
  const home = levels?.get((c.tender.buyerCountry ?? '').trim().toUpperCase());
  if (!levels || !home) return ONE;
  let factor = ZERO;
  for (const n of b.nodes) {
    const level = n.country !== null ? levels.get(n.country) : undefined;
    factor = factor.add(level ? n.ownShare.mul(home).div(level) : n.ownShare);
  }
  return factor;
}

function gradingGaps(c: Common, s: Scoring): Issue[] {
  const gaps: Issue[] = [];
  for (const b of c.bids.filter((x) => x.admissible)) {
    for (const crit of s.criteria.filter((x) => x.kind === 'QUALITY')) {
      const have = s.grades.get(b.bid.bidId)?.get(crit.code)?.size ?? 0;
      if (have < s.requiredEvaluators) {
        gaps.push({
          bidId: b.bid.bidId,
          criterionCode: crit.code,
          message: `bid ${b.bid.bidId} has grades from ${have} of ${s.requiredEvaluators} required evaluators on ${crit.code}`,
        });
      }
    }
  }
  return gaps;
}

/**
 * Evaluate a tender's bids: participation findings (§2), risk (§4), scores
 * (§3), ranking (§5) and robustness (§6).
 *
 * Throws EvaluationInputError: 'INVALID_INPUT' (every malformed field named),
 * or 'GRADING_INCOMPLETE' (each admissible bid × QUALITY criterion lacking
 * grades from `requiredEvaluators` distinct evaluators).
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  // Dispatch on the recorded version: a version-1 record is recomputed by the version-1 engine, unchanged.
  if (input?.methodVersion === '1') return evaluateV1(input) as EvaluationResult;
  const issues: Issue[] = [];
  if (input?.methodVersion !== METHOD_VERSION) {
    issues.push({
      field: 'methodVersion',
      message: `method version ${JSON.stringify(input?.methodVersion)} is not supported (this engine: ${SUPPORTED_METHOD_VERSIONS.join(', ')})`,
    });
  }
  const common = prepareCommon(input, issues);
  const scoring = prepareScoring(input, common, issues);
  throwIfIssues(issues);

  const gaps = gradingGaps(common, scoring);
  if (gaps.length > 0) {
    throw new EvaluationInputError('GRADING_INCOMPLETE', `Grading incomplete: ${gaps.map((g) => `${g.bidId}/${g.criterionCode}`).join(', ')}`, gaps);
  }

  const env = { model: common.model, index: common.index, deadlineDate: common.deadlineDate };
  const findings = findingsOf(common);
  const hasPrice = scoring.criteria.some((x) => x.kind === 'PRICE');
  const adjust = !!common.tender.priceLevelAdjustment && hasPrice;

  const perBid = common.bids.map((b) => {
    const { risk, residual } = riskOfNodes(b.nodes, env);
    const factor = adjust ? priceLevelFactor(b, common) : ONE;
    return { b, risk, residual, factor, adjustedPrice: b.price.mul(factor) };
  });

  const scoreInputs: ScoreBid[] = perBid
    .filter((x) => x.b.admissible)
    .map((x) => {
      // The grades present (at least requiredEvaluators of them, checked above); their order does not matter.
      const grades = new Map<string, number[]>();
      for (const crit of scoring.criteria.filter((k) => k.kind === 'QUALITY')) {
        grades.set(crit.code, [...(scoring.grades.get(x.b.bid.bidId)?.get(crit.code)?.values() ?? [])]);
      }
      const figures: Record<string, Rational> = {};
      for (const crit of scoring.criteria) {
        if (crit.kind === 'NUMBER_LOWER_BETTER' || crit.kind === 'NUMBER_HIGHER_BETTER') figures[crit.code] = Rational.parse(x.b.bid.figures[crit.code])!;
      }
      return { bidId: x.b.bid.bidId, price: x.adjustedPrice, residual: x.residual, receivedMs: x.b.receivedMs, figures, grades };
    });

  const scored = scoreBids(scoring.criteria, scoreInputs, scoring.referencePrice);
  const ranked = rankBids(scored, scoring.tieBreak);
  const scoredById = new Map(scored.map((s) => [s.bid.bidId, s]));

  const bids: BidResult[] = perBid.map(({ b, risk, factor, adjustedPrice }) => {
    const s = scoredById.get(b.bid.bidId);
    const scores: Record<string, CriterionScore> = {};
    if (s) {
      for (const crit of scoring.criteria) {
        const v = s.scores.get(crit.code)!;
        scores[crit.code] = {
          raw: fmt(v.raw),
          rawFraction: v.raw.toFraction(),
          score: fmt(v.score),
          scoreFraction: v.score.toFraction(),
          points: fmt(v.points),
          pointsFraction: v.points.toFraction(),
        };
      }
    }
    const result: BidResult = {
      bidId: b.bid.bidId,
      bidderName: b.bid.bidderName,
      admissible: b.admissible,
      inadmissibleReason: b.excluded ? 'EXCLUDED' : b.late ? 'LATE' : null,
      findings: findings.get(b.bid.bidId) ?? [],
      scores,
      total: s ? fmt(s.total) : null,
      totalFraction: s ? s.total.toFraction() : null,
      rank: ranked.ranks.get(b.bid.bidId) ?? null,
      price: fmt(b.price),
      adjustedPrice: fmt(adjustedPrice),
      adjustedPriceFraction: adjustedPrice.toFraction(),
      risk,
      tieUnresolved: ranked.unresolved.has(b.bid.bidId),
    };
    if (adjust) {
      result.priceLevelFactor = fmt(factor);
      result.priceLevelFactorFraction = factor.toFraction();
    }
    return result;
  });

  const [firstId, secondId] = ranked.ranking;
  const sensitivity = ranked.ranking.length >= 2 ? sensitivityOf(scoring.criteria, scoredById.get(firstId)!, scoredById.get(secondId)!) : [];
  const iia = ranked.ranking.length >= 2 ? iiaOf(scoring.criteria, scoreInputs, scoring.referencePrice, scoring.tieBreak, firstId, scored) : [];

  return {
    methodVersion: METHOD_VERSION,
    bids,
    ranking: ranked.ranking,
    sensitivity,
    iia,
    effectivePriceWeight: effectivePriceWeightOf(scoring.criteria, scored),
    ties: ranked.ties,
  };
}
