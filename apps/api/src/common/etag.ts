import { DomainError } from './problem';

/** Strong ETag derived from the optimistic-concurrency version. */
export const etagOf = (version: number): string => `"v${version}"`;

/** Parses an If-Match header into the expected version; 428 when missing, 412 when unusable. */
export function expectedVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new DomainError('PRECONDITION_REQUIRED', 'This request needs an If-Match header with the ETag from the latest GET');
  }
  const m = /^(?:W\/)?"v(\d+)"$/.exec(ifMatch.trim());
  if (!m) throw new DomainError('PRECONDITION_FAILED', 'If-Match does not match the current version of the resource');
  // A version beyond any stored one (the column is a 32-bit integer) cannot match.
  const version = Number(m[1]);
  if (!Number.isSafeInteger(version) || version > 2_147_483_647)
    throw new DomainError('PRECONDITION_FAILED', 'If-Match does not match the current version of the resource');
  return version;
}
