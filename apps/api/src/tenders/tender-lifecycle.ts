import type { TenderStatus } from '@generated/prisma';

/**
 * The tender lifecycle as one explicit state machine (api.md "Status"):
 * DRAFT → PUBLISHED → CLOSED → AWARDED → CONCLUDED, or CANCELLED; a revoked
 * award takes AWARDED back to CLOSED. Every status change goes through here.
 */
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
