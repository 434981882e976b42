/**
 * When a tender may be closed and a bid recorded (Art. 46 PPA: the deadline
 * is published and binds both sides). Pure: the caller passes the clock.
 */

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
