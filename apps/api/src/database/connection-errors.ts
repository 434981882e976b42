/**
 * Recognises "the database is not there" among the errors that the pg driver,
 * @prisma/adapter-pg and the Prisma client throw, so that the one problem
 * filter answers 503 with Retry-After instead of 500. Duck-typed on purpose:
 * the same failure reaches us as a pg socket error, a pg "Connection
 * terminated" Error, a driver-adapter error kind or a Prisma error code,
 * depending on where in a request the connection was lost.
 */

/** Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017), pool timeout (P2024), too many connections (P2037). */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** @prisma/driver-adapter-utils error kinds for a lost or missing server. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** Node socket errors seen when the server is down, restarting or unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
/**
 * SQLSTATE: admin_shutdown 57P01, crash_shutdown 57P02, cannot_connect_now 57P03
 * (starting up or shutting down), class 08 connection exceptions, too_many_connections 53300.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg and pg-pool raise these as plain Errors without a code. */
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|server closed the connection unexpectedly|Can't reach database server|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

function matches(e: Record<string, unknown>): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (errorCode && PRISMA_CODES.has(errorCode)) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.kind === 'postgres' && typeof e.code === 'string' && (SQLSTATES.has(e.code) || e.code.startsWith('08'))) return true;
  if (typeof e.originalCode === 'string' && (SQLSTATES.has(e.originalCode) || e.originalCode.startsWith('08'))) return true;
  return typeof e.message === 'string' && MESSAGES.test(e.message);
}

/** True when the error (or anything it wraps) says the database server cannot be reached or went away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    const rec = e as Record<string, unknown>;
    if (matches(rec)) return true;
    // Prisma wraps the driver-adapter error in meta.driverAdapterError, which wraps the pg error in cause.
    const meta = rec.meta as Record<string, unknown> | undefined;
    queue.push(rec.cause, meta, meta?.driverAdapterError, (rec.cause as Record<string, unknown> | undefined)?.cause);
    if (Array.isArray(rec.errors)) queue.push(...(rec.errors as unknown[])); // AggregateError (IPv4 and IPv6 refused)
  }
  return false;
}
