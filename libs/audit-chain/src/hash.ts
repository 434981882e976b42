import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** Lowercase hex SHA-256; a string is hashed as its UTF-8 bytes. */
export function sha256Hex(input: string | Buffer): string {
  return createHash('sha256')
    .update(typeof input === 'string' ? Buffer.from(input, 'utf8') : input)
    .digest('hex');
}

/** SHA-256 of the canonical JSON of `value` (evaluation digests, payload digests). */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
