import type { EvaluationResult } from '@app/evaluation';
import { decisiveAdvantages, runnerUpOf, type DecisiveAdvantage } from './decisive-advantages';
import { findingState, type DecisionRecord, type FindingRef, type FindingStateName } from './findings';

/** Why an award is refused (409), named in the problem document's `reason`. */
export type AwardRefusalReason =
  /** A confirmed exclusion took out a bid this evaluation still ranked: evaluate again. */
  | 'STALE_EVALUATION'
  | 'NO_ADMISSIBLE_BID'
  /** The first rank is shared after the tie-break chain and the request does not say how it was settled (§5). */
  | 'TIE_UNSETTLED'
  | 'EXCLUSION_GROUND_UNDECIDED'
  | 'VERIFY_UNRESOLVED'
  /** An exclusion of the winner is proposed and not yet confirmed or rejected. */
  | 'EXCLUSION_PENDING';

export interface AwardFinding extends FindingRef {
  id: string;
  code: string;
  nodePath: string[];
}

export interface AwardCheckInput {
  result: Pick<EvaluationResult, 'bids' | 'ranking' | 'ties'>;
  /** The bid a tie settlement names, if the request carries one. */
  tieSettlementBidId: string | null;
  /** The findings of the evaluation awarded from. */
  findings: readonly AwardFinding[];
  record: DecisionRecord;
  /** Tender criteria codes in their published order (ties between equal advantages). */
  criteriaOrder: readonly string[];
}

export type AwardCheck =
  | {
      ok: true;
      winnerBidId: string;
      runnerUpBidId: string | null;
      /** The tie for the first rank that the settlement decided, if there was one. */
      settledTie: string[] | null;
      decisiveAdvantages: DecisiveAdvantage[];
    }
  | {
      ok: false;
      status: 409;
      reason: AwardRefusalReason;
      detail: string;
      blocking: { findingId?: string; exclusionId?: string; code?: string; state?: FindingStateName; nodePath?: string[]; bidIds?: string[] }[];
    }
  | { ok: false; status: 422; field: string; detail: string };

/**
 * The award rules of evaluation-method.md §2, §5 and §7 on one evaluation:
 * the first-ranked admissible bid (or the one a settled tie names) wins,
 * unless a decision about it is still outstanding.
 */
export function checkAward(input: AwardCheckInput): AwardCheck {
  const { result, record } = input;
  const confirmed = new Set(record.exclusions.filter((e) => e.status === 'CONFIRMED').map((e) => e.bidId));
  const stale = result.bids.filter((b) => b.admissible && confirmed.has(b.bidId)).map((b) => b.bidId);
  if (stale.length > 0) {
    return {
      ok: false,
      status: 409,
      reason: 'STALE_EVALUATION',
      detail: 'An exclusion was confirmed after this evaluation against a bid it still ranks: run a new evaluation and award from it',
      blocking: [{ bidIds: stale }],
    };
  }
  if (result.ranking.length === 0)
    return { ok: false, status: 409, reason: 'NO_ADMISSIBLE_BID', detail: 'The evaluation ranks no admissible bid: there is nothing to award', blocking: [] };

  const firstTie = result.ties.find((t) => t.rank === 1) ?? null;
  let winnerBidId = result.ranking[0];
  if (firstTie) {
    if (!input.tieSettlementBidId) {
      return {
        ok: false,
        status: 409,
        reason: 'TIE_UNSETTLED',
        detail: `Bids ${firstTie.bidIds.join(', ')} share the first rank after the tie-break chain: say how the tie was settled (tieSettlement {method, note, bidId})`,
        blocking: [{ bidIds: firstTie.bidIds }],
      };
    }
    if (!firstTie.bidIds.includes(input.tieSettlementBidId)) {
      return { ok: false, status: 422, field: 'tieSettlement.bidId', detail: `must be one of the bids tied for the first rank: ${firstTie.bidIds.join(', ')}` };
    }
    winnerBidId = input.tieSettlementBidId;
  } else if (input.tieSettlementBidId) {
    return { ok: false, status: 422, field: 'tieSettlement', detail: 'the first rank is not tied in this evaluation: there is no tie to settle' };
  }

  const mine = input.findings.filter((f) => f.bidId === winnerBidId).map((f) => ({ f, s: findingState(f, record) }));
  const blockers = (severity: 'EXCLUSION_GROUND' | 'VERIFY') =>
    mine
      .filter((x) => x.s.open && x.f.severity === severity)
      .map((x) => ({
        findingId: x.f.id,
        code: x.f.code,
        state: x.s.state,
        nodePath: x.f.nodePath,
        ...(x.s.exclusionId ? { exclusionId: x.s.exclusionId } : {}),
      }));
  const undecided = blockers('EXCLUSION_GROUND');
  if (undecided.length > 0) {
    return {
      ok: false,
      status: 409,
      reason: 'EXCLUSION_GROUND_UNDECIDED',
      detail: `The winning bid has ${undecided.length} EXCLUSION_GROUND finding(s) without a confirmed or rejected exclusion decision (${undecided.map((b) => b.code).join(', ')})`,
      blocking: undecided,
    };
  }
  const unresolved = blockers('VERIFY');
  if (unresolved.length > 0) {
    return {
      ok: false,
      status: 409,
      reason: 'VERIFY_UNRESOLVED',
      detail: `The winning bid has ${unresolved.length} VERIFY finding(s) without the bidder's answer and the officer's conclusion (${unresolved.map((b) => b.code).join(', ')})`,
      blocking: unresolved,
    };
  }
  const pending = record.exclusions.filter((e) => e.bidId === winnerBidId && e.status === 'PROPOSED');
  if (pending.length > 0) {
    return {
      ok: false,
      status: 409,
      reason: 'EXCLUSION_PENDING',
      detail: 'An exclusion of the winning bid is proposed and awaits confirmation or rejection by a second officer',
      blocking: pending.map((e) => ({ exclusionId: e.id })),
    };
  }
  const runnerUpBidId = runnerUpOf(result, winnerBidId);
  return {
    ok: true,
    winnerBidId,
    runnerUpBidId,
    settledTie: firstTie ? firstTie.bidIds : null,
    decisiveAdvantages: decisiveAdvantages(result, winnerBidId, runnerUpBidId, input.criteriaOrder),
  };
}
