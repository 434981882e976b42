import type { EvaluationResult } from '@app/evaluation';
import { decisiveAdvantages, runnerUpOf, type DecisiveAdvantage } from './decisive-advantages';
import { findingState, type DecisionRecord, type FindingRef, type FindingStateName } from './findings';

/** Why an award is refused (409): each reason of the problem document's `reasons`. */
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

/** One thing that stands in the way of the award, with what blocks it. */
export interface AwardBlockingReason {
  code: AwardRefusalReason;
  detail: string;
  blocking: AwardBlocker[];
}

export interface AwardBlocker {
  findingId?: string;
  exclusionId?: string;
  code?: string;
  state?: FindingStateName;
  nodePath?: string[];
  bidIds?: string[];
}

/** The problem code of a refusal: what the first (most fundamental) reason is about. */
export type AwardRefusalCode = 'STALE_EVALUATION' | 'NO_ADMISSIBLE_BID' | 'TIE_UNSETTLED' | 'OPEN_FINDINGS';

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
      code: AwardRefusalCode;
      /** Every reason at once, most fundamental first, so that officers can settle them in one go. */
      reasons: AwardBlockingReason[];
      /** The first reason's code and blockers (what v1 clients read). */
      reason: AwardRefusalReason;
      blocking: AwardBlocker[];
      detail: string;
    }
  | { ok: false; status: 422; field: string; detail: string };

const REFUSAL_CODE: Record<AwardRefusalReason, AwardRefusalCode> = {
  STALE_EVALUATION: 'STALE_EVALUATION',
  NO_ADMISSIBLE_BID: 'NO_ADMISSIBLE_BID',
  TIE_UNSETTLED: 'TIE_UNSETTLED',
  EXCLUSION_GROUND_UNDECIDED: 'OPEN_FINDINGS',
  VERIFY_UNRESOLVED: 'OPEN_FINDINGS',
  EXCLUSION_PENDING: 'OPEN_FINDINGS',
};

function refusal(reasons: AwardBlockingReason[]): AwardCheck {
  return {
    ok: false,
    status: 409,
    code: REFUSAL_CODE[reasons[0].code],
    reasons,
    reason: reasons[0].code,
    blocking: reasons[0].blocking,
    detail: reasons.map((r) => r.detail).join('; '),
  };
}

/**
 * The award rules of evaluation-method.md §2, §5 and §7 on one evaluation:
 * the first-ranked admissible bid (or the one a settled tie names) wins,
 * unless a decision about it is still outstanding. A refusal names every
 * outstanding reason, not only the first; the winner's own findings are
 * checked once the winner is known (no unsettled tie).
 */
export function checkAward(input: AwardCheckInput): AwardCheck {
  const { result, record } = input;
  const reasons: AwardBlockingReason[] = [];
  const confirmed = new Set(record.exclusions.filter((e) => e.status === 'CONFIRMED').map((e) => e.bidId));
  const stale = result.bids.filter((b) => b.admissible && confirmed.has(b.bidId)).map((b) => b.bidId);
  if (stale.length > 0) {
    reasons.push({
      code: 'STALE_EVALUATION',
      detail: 'An exclusion was confirmed after this evaluation against a bid it still ranks: run a new evaluation and award from it',
      blocking: [{ bidIds: stale }],
    });
  }
  if (result.ranking.length === 0) {
    reasons.push({ code: 'NO_ADMISSIBLE_BID', detail: 'The evaluation ranks no admissible bid: there is nothing to award', blocking: [] });
    return refusal(reasons);
  }

  const firstTie = result.ties.find((t) => t.rank === 1) ?? null;
  let winnerBidId: string | null = result.ranking[0];
  if (firstTie) {
    if (!input.tieSettlementBidId) {
      reasons.push({
        code: 'TIE_UNSETTLED',
        detail: `Bids ${firstTie.bidIds.join(', ')} share the first rank after the tie-break chain: say how the tie was settled (tieSettlement {method, note, bidId})`,
        blocking: [{ bidIds: firstTie.bidIds }],
      });
      winnerBidId = null;
    } else if (!firstTie.bidIds.includes(input.tieSettlementBidId)) {
      return { ok: false, status: 422, field: 'tieSettlement.bidId', detail: `must be one of the bids tied for the first rank: ${firstTie.bidIds.join(', ')}` };
    } else {
      winnerBidId = input.tieSettlementBidId;
    }
  } else if (input.tieSettlementBidId) {
    return { ok: false, status: 422, field: 'tieSettlement', detail: 'the first rank is not tied in this evaluation: there is no tie to settle' };
  }

  if (winnerBidId !== null) reasons.push(...winnerReasons(input, winnerBidId));
  if (reasons.length > 0 || winnerBidId === null) return refusal(reasons);
  const runnerUpBidId = runnerUpOf(result, winnerBidId);
  return {
    ok: true,
    winnerBidId,
    runnerUpBidId,
    settledTie: firstTie ? firstTie.bidIds : null,
    decisiveAdvantages: decisiveAdvantages(result, winnerBidId, runnerUpBidId, input.criteriaOrder),
  };
}

/** What is still undecided about the winner: its open findings and pending exclusions of it. */
function winnerReasons(input: AwardCheckInput, winnerBidId: string): AwardBlockingReason[] {
  const { record } = input;
  const reasons: AwardBlockingReason[] = [];
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
    reasons.push({
      code: 'EXCLUSION_GROUND_UNDECIDED',
      detail: `The winning bid has ${undecided.length} EXCLUSION_GROUND finding(s) without a confirmed or rejected exclusion decision (${undecided.map((b) => b.code).join(', ')})`,
      blocking: undecided,
    });
  }
  const unresolved = blockers('VERIFY');
  if (unresolved.length > 0) {
    reasons.push({
      code: 'VERIFY_UNRESOLVED',
      detail: `The winning bid has ${unresolved.length} VERIFY finding(s) without the bidder's answer and the officer's conclusion (${unresolved.map((b) => b.code).join(', ')})`,
      blocking: unresolved,
    });
  }
  // Exclusions already named with the finding they decide are not listed twice.
  const named = new Set([...undecided, ...unresolved].map((b) => b.exclusionId).filter(Boolean));
  const pending = record.exclusions.filter((e) => e.bidId === winnerBidId && e.status === 'PROPOSED' && !named.has(e.id));
  if (pending.length > 0) {
    reasons.push({
      code: 'EXCLUSION_PENDING',
      detail: 'An exclusion of the winning bid is proposed and awaits confirmation or rejection by a second officer',
      blocking: pending.map((e) => ({ exclusionId: e.id })),
    });
  }
  return reasons;
}

/** An award is ACTIVE until an exclusion confirmed against its winner revokes it (it stays on record, REVOKED). */
export const AWARD_STATUSES = ['ACTIVE', 'REVOKED'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/** The procurement procedures (Art. 18–21), as a tender records them and an award repeats. */
// The procedure list has one home: lifecycle-gates.ts (PROCEDURES, TenderProcedure).
export type { TenderProcedure as Procedure } from './lifecycle-gates';
