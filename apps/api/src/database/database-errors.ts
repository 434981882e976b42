import { Prisma } from '@generated/prisma';

/**
 * Database errors a repository turns into domain outcomes, recognised in one
 * place. Repositories call these and throw the domain error the aggregate
 * means ("this bidder already has a bid"); services never see Prisma errors.
 */

/** A unique constraint was violated (Prisma P2002, or SQLSTATE 23505 from a raw query). */
export function isUniqueViolation(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError) return e.code === 'P2002' || (e.code === 'P2010' && sqlState(e) === '23505');
  return sqlState(e) === '23505';
}

/** The row a write expected is not there (Prisma P2025). */
export function isRecordNotFound(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025';
}

/** A serialization failure or deadlock: the transaction may be retried (SQLSTATE 40001, 40P01; Prisma P2034). */
export function isRetryableConflict(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2034') return true;
  const s = sqlState(e);
  return s === '40001' || s === '40P01';
}

function sqlState(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object' && !seen.has(cur); i++) {
    seen.add(cur);
    const r = cur as Record<string, unknown>;
    // A Prisma error's own code (P2010, raw query failed) looks like a SQLSTATE: read its meta instead.
    if (typeof r.code === 'string' && /^[0-9A-Z]{5}$/.test(r.code) && !(cur instanceof Prisma.PrismaClientKnownRequestError)) return r.code;
    const meta = r.meta as Record<string, unknown> | undefined;
    const adapter = meta?.driverAdapterError as Record<string, unknown> | undefined;
    const cause = (adapter?.cause ?? r.cause) as Record<string, unknown> | undefined;
    if (typeof cause?.originalCode === 'string') return cause.originalCode;
    if (typeof meta?.code === 'string' && /^[0-9A-Z]{5}$/.test(meta.code)) return meta.code;
    cur = cause;
  }
  return undefined;
}
