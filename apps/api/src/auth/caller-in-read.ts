import { SetMetadata } from '@nestjs/common';
import { DomainError } from '../common/problem';
import { toProblem } from '../common/problem.filter';
import type { UserHead } from '../users/user.repository';
import type { AuthContext } from './auth-context';

export const CALLER_IN_READ = 'tender:caller-in-read';

/**
 * A hot read whose one statement also reads the caller's row (active, token
 * version, role, buyer): the guard then verifies the token and the role the
 * token names, and leaves the row to that statement instead of a statement of
 * its own (a round trip costs ~100 µs of the service's CPU). The service must
 * pass `pendingCaller(auth)` to its read and `confirmCaller` the row before
 * anything else; a role the token does not hold takes the guard's full path.
 */
export const CallerInRead = () => SetMetadata(CALLER_IN_READ, true);

const PENDING = Symbol('caller row pending');

type Provisional = AuthContext & { [PENDING]?: { tokenVersion: number; confirmed?: boolean } };

/** The guard's provisional caller, from a verified token's claims; its row is still to be read. */
export function provisionalCaller(
  claims: { sub: string; role: AuthContext['role']; buyerId: string | null; tokenVersion: number },
  requestId: string,
): AuthContext {
  const auth: Provisional = { userId: claims.sub, email: '', role: claims.role, buyerId: claims.buyerId, requestId };
  auth[PENDING] = { tokenVersion: claims.tokenVersion };
  return auth;
}

/** The user id the read must also fetch the row of; null when the guard read it already. */
export function pendingCaller(auth: AuthContext): string | null {
  return (auth as Provisional)[PENDING] ? auth.userId : null;
}

/** The guard's answers for an account that is gone, inactive or has a newer token version. */
export function checkCallerRow(user: UserHead | null, tokenVersion: number): asserts user is UserHead {
  if (!user || !user.active) throw new DomainError('UNAUTHENTICATED', 'The account behind this token is not active');
  if (tokenVersion !== user.tokenVersion) {
    throw new DomainError('UNAUTHENTICATED', 'This token was revoked (password changed or account deactivated); log in again');
  }
}

/**
 * The caller as the guard would have made it, from the row the read fetched:
 * the same 401s. Role and buyer never change on an account; a token naming
 * others than the row's is not honoured.
 */
export function confirmCaller(auth: AuthContext, user: UserHead | null): AuthContext {
  const pending = (auth as Provisional)[PENDING];
  if (!pending) return auth;
  checkCallerRow(user, pending.tokenVersion);
  if (user.role !== auth.role || user.buyerId !== auth.buyerId) {
    throw new DomainError('UNAUTHENTICATED', 'This token was revoked (password changed or account deactivated); log in again');
  }
  pending.confirmed = true;
  return { userId: user.id, email: user.email, role: user.role, buyerId: user.buyerId, requestId: auth.requestId };
}

/** A provisional caller whose row no read has confirmed (yet). */
export function callerUnconfirmed(auth: AuthContext | undefined): boolean {
  const pending = auth ? (auth as Provisional)[PENDING] : undefined;
  return pending !== undefined && pending.confirmed !== true;
}

/**
 * Fails closed (an onSend hook): a success answer of a request whose
 * provisional caller was never confirmed — a @CallerInRead route whose
 * service forgot confirmCaller — is replaced by the guard's 401 and logged
 * as the defect it is. No data leaves on an unchecked account.
 */
export function refuseUnconfirmedCaller(
  req: { auth?: AuthContext; id: string; method: string; url: string },
  reply: { statusCode: number; code(status: number): unknown; header(name: string, value: string): unknown },
  payload: unknown,
  log: (message: string) => void,
): unknown {
  if (reply.statusCode >= 400 || !callerUnconfirmed(req.auth)) return payload;
  log(`${req.method} ${req.url} answered without confirmCaller: refused with 401 (a @CallerInRead route must confirm the caller's row)`);
  const problem = toProblem(new DomainError('UNAUTHENTICATED', 'The account behind this token is not active'), req.id);
  reply.code(401);
  reply.header('content-type', 'application/problem+json; charset=utf-8');
  return JSON.stringify(problem);
}
