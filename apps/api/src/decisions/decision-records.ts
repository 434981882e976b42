import type { Bid, Bidder, ExclusionDecision, TenderStatus } from '@generated/prisma';
import type { DecisionRecord } from '@app/procedure';
import { buyerOf, type AuthContext } from '../auth/auth-context';
import type { Tx } from '../database/prisma.service';
import { conflict, notFound } from '../common/problem';
import type { ExclusionDto } from './decisions.dto';
import { groundArticleOf } from './grounds';

/**
 * Decisions are taken on CLOSED tenders (after the evaluation) and on AWARDED
 * ones (an exclusion confirmed against the winner then revokes the award).
 */
export const DECIDABLE: readonly TenderStatus[] = ['CLOSED', 'AWARDED'];

/**
 * Every decision on a tender locks its row first: decisions, awards and
 * evaluations of one tender then happen one after another, so a check made
 * in the transaction still holds when it commits.
 */
export async function lockTender(tx: Tx, auth: AuthContext, tenderId: string): Promise<TenderStatus> {
  const rows = await tx.$queryRaw<
    { status: TenderStatus }[]
  >`SELECT status::text AS status FROM tender WHERE id = ${tenderId}::uuid AND buyer_id = ${buyerOf(auth)}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound('Tender');
  return rows[0].status;
}

export function assertDecidable(status: TenderStatus, what: string): void {
  if (!DECIDABLE.includes(status)) {
    throw conflict('TENDER_NOT_DECIDABLE', `The tender is ${status}; ${what} only while it is CLOSED or AWARDED`, { tenderStatus: status });
  }
}

export async function loadRecord(tx: Tx, tenderId: string): Promise<DecisionRecord> {
  // One after the other: a transaction is one connection.
  const resolutions = await tx.findingResolution.findMany({ where: { tenderId }, select: { findingKey: true, conclusion: true, exclusionId: true } });
  const exclusions = await tx.exclusionDecision.findMany({ where: { tenderId }, select: { id: true, bidId: true, findingKey: true, status: true } });
  return { resolutions, exclusions };
}

export type ExclusionRow = ExclusionDecision & { bid: Bid & { bidder: Pick<Bidder, 'name'> } };
export const EXCLUSION_INCLUDE = { bid: { include: { bidder: { select: { name: true } } } } } as const;

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
