import { groundArticleOf } from '@app/procedure';
import type { TenderHead } from '../tenders/tender.repository';

type TenderStatus = TenderHead['status'];
import { conflict } from '../common/problem';
import type { ExclusionDto } from './decisions.dto';
import type { ExclusionRow } from './decision.repository';

/**
 * Decisions are taken on CLOSED tenders (after the evaluation) and on AWARDED
 * ones (an exclusion confirmed against the winner then revokes the award).
 * Every decision locks the tender's row first (TenderRepository.lock): decisions,
 * awards and evaluations of one tender then happen one after another, so a
 * check made in the transaction still holds when it commits.
 */
export const DECIDABLE: readonly TenderStatus[] = ['CLOSED', 'AWARDED'];

export function assertDecidable(status: TenderStatus, what: string): void {
  if (!DECIDABLE.includes(status)) {
    throw conflict('TENDER_NOT_DECIDABLE', `The tender is ${status}; ${what} only while it is CLOSED or AWARDED`, { tenderStatus: status });
  }
}

export function toExclusionDto(e: ExclusionRow): ExclusionDto {
  return {
    id: e.id,
    tenderId: e.tenderId,
    bidId: e.bidId,
    bidderName: e.bid.bidder.name,
    nodePath: e.nodePath,
    findingKey: e.findingKey,
    ground: e.ground,
    legalBasis: groundArticleOf(e.ground),
    reasons: e.reasons,
    status: e.status,
    proposedById: e.proposedById,
    proposedAt: e.proposedAt.toISOString(),
    decidedById: e.decidedById,
    decidedAt: e.decidedAt?.toISOString() ?? null,
    decisionNote: e.decisionNote,
  };
}
