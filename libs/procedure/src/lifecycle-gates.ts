/**
 * The tender lifecycle as one explicit state machine (api.md "Status"), and
 * the gates around it: DRAFT → PUBLISHED → CLOSED → AWARDED → CONCLUDED, or
 * CANCELLED; a revoked award takes AWARDED back to CLOSED. Every status
 * change goes through here. When a tender may be closed and a bid recorded
 * (Art. 46 PPA: the deadline is published and binds both sides). Pure: the
 * caller passes the clock.
 */

/** The statuses of a tender, in lifecycle order (the database enum has the same members). */
export const TENDER_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'AWARDED', 'CONCLUDED', 'CANCELLED'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

/** The award procedures of the PPA (Art. 18–21), as the database enum. */
export const PROCEDURES = ['OPEN', 'SELECTIVE', 'INVITATION', 'DIRECT'] as const;
export type TenderProcedure = (typeof PROCEDURES)[number];

export type TenderTransition = 'publish' | 'close' | 'cancel' | 'award' | 'revokeAward' | 'conclude';

export const TRANSITIONS: Record<TenderTransition, { from: readonly TenderStatus[]; to: TenderStatus }> = {
  publish: { from: ['DRAFT'], to: 'PUBLISHED' },
  close: { from: ['PUBLISHED'], to: 'CLOSED' },
  cancel: { from: ['DRAFT', 'PUBLISHED', 'CLOSED'], to: 'CANCELLED' },
  award: { from: ['CLOSED'], to: 'AWARDED' },
  revokeAward: { from: ['AWARDED'], to: 'CLOSED' },
  conclude: { from: ['AWARDED'], to: 'CONCLUDED' },
};

export function canTransition(status: TenderStatus, t: TenderTransition): boolean {
  return TRANSITIONS[t].from.includes(status);
}

export function nextStatus(status: TenderStatus, t: TenderTransition): TenderStatus | null {
  return canTransition(status, t) ? TRANSITIONS[t].to : null;
}

/** Editing (PATCH), bids, grades and evaluation are allowed only in these states. */
export const EDITABLE: readonly TenderStatus[] = ['DRAFT'];
export const ACCEPTS_BIDS: readonly TenderStatus[] = ['PUBLISHED'];
export const EVALUABLE: readonly TenderStatus[] = ['CLOSED'];
/** Quality grades are given while bids come in and after the close, until the award (the evaluation reads them then). */
export const GRADABLE: readonly TenderStatus[] = ['PUBLISHED', 'CLOSED'];

/** The problem code of a refused lifecycle step: what the step needed (codes of apps/api/src/common/problem.ts). */
export type TransitionRefusalCode = 'TENDER_NOT_DRAFT' | 'TENDER_NOT_PUBLISHED' | 'TENDER_NOT_CLOSED' | 'INVALID_TRANSITION';

export function transitionRefusalCode(transition: TenderTransition): TransitionRefusalCode {
  const from = TRANSITIONS[transition].from;
  if (from.length === 1 && from[0] === 'DRAFT') return 'TENDER_NOT_DRAFT';
  if (from.length === 1 && from[0] === 'PUBLISHED') return 'TENDER_NOT_PUBLISHED';
  if (from.length === 1 && from[0] === 'CLOSED') return 'TENDER_NOT_CLOSED';
  return 'INVALID_TRANSITION';
}

/** Why `transition` cannot be applied to a tender in `status`, or null when it can. */
export function transitionRefusal(status: TenderStatus, transition: TenderTransition): { code: TransitionRefusalCode; message: string } | null {
  if (canTransition(status, transition)) return null;
  return {
    code: transitionRefusalCode(transition),
    message: `Cannot ${transition} a ${status} tender (allowed from ${TRANSITIONS[transition].from.join(', ')})`,
  };
}

/** The timestamp column a status records when a tender enters it. */
export const TIMESTAMP_OF: Partial<Record<TenderStatus, 'publishedAt' | 'closedAt' | 'cancelledAt' | 'concludedAt'>> = {
  PUBLISHED: 'publishedAt',
  CLOSED: 'closedAt',
  CANCELLED: 'cancelledAt',
  CONCLUDED: 'concludedAt',
};

/** Why a tender cannot be closed at `now`, or null: bids may arrive until the submission deadline has passed. */
export function closeRefusal(submissionDeadline: Date, now: Date): string | null {
  if (now.getTime() >= submissionDeadline.getTime()) return null;
  return `The submission deadline ${submissionDeadline.toISOString()} has not passed yet; a tender is closed only after it (bids may still arrive until then)`;
}

/** Why a bid received at `receivedAt` is not credible for a tender published at `publishedAt`, or null. */
export function receiptRefusal(receivedAt: Date, publishedAt: Date | null): string | null {
  if (publishedAt === null || receivedAt.getTime() >= publishedAt.getTime()) return null;
  return `must not be before the tender's publication (${publishedAt.toISOString()}): a bid cannot be received before the tender exists`;
}
