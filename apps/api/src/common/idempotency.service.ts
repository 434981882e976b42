import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { canonicalJson } from '@app/audit-chain';
import type { AuthContext } from '../auth/auth-context';
import { TransactionHost } from '../database/transaction';
import { IdempotencyRepository } from './idempotency.repository';
import { DomainError, invalid } from './problem';

/**
 * The request as hashed for Idempotency-Key: the one canonical JSON
 * (libs/audit-chain), so the same body hashes the same whatever its key
 * order. The validated DTO is a class instance: read back as plain JSON
 * first. A body canonical JSON refuses (a lone surrogate, a float) is a 422.
 */
function requestText(body: unknown): string {
  try {
    return canonicalJson(body === undefined ? null : JSON.parse(JSON.stringify(body)));
  } catch (e) {
    if (e instanceof TypeError) throw invalid([{ field: 'body', message: e.message.replace(/^canonicalJson: /, '') }]);
    throw e;
  }
}

export interface IdempotentResult<T> {
  body: T;
  status: number;
  replayed: boolean;
}

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

/**
 * Idempotency-Key: the same key and body return the first answer, byte for
 * byte; the same key with another body is 422. The key is stored in the same
 * transaction as the change, so a failed request leaves no key behind.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly txHost: TransactionHost,
  ) {}

  /** Runs `fn` in a transaction (its @Transactional methods join it) and, with a key, stores the answer in that transaction. */
  async run<T>(
    auth: AuthContext,
    key: string | undefined,
    method: string,
    path: string,
    body: unknown,
    status: number,
    fn: () => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined) return { body: await this.txHost.withTransaction(fn), status, replayed: false };
    if (!KEY_RE.test(key)) throw invalid([{ field: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' }]);
    const requestHash = createHash('sha256')
      .update(`${method} ${path}\n${requestText(body)}`)
      .digest('hex');
    const earlier = await this.replay<T>(auth, key, requestHash);
    if (earlier) return earlier;
    try {
      const result = await this.txHost.withTransaction(async () => {
        const out = await fn();
        await this.repo.save({ userId: auth.userId, key, method, path, requestHash, responseStatus: status, responseText: JSON.stringify(out) });
        return out;
      });
      return { body: result, status, replayed: false };
    } catch (e) {
      // A concurrent request with the same key may have won the race (its
      // change then made ours fail, e.g. on a unique constraint): answer as it did.
      const other = await this.replay<T>(auth, key, requestHash);
      if (other) return other;
      throw e;
    }
  }

  private async replay<T>(auth: AuthContext, key: string, requestHash: string): Promise<IdempotentResult<T> | null> {
    const row = await this.repo.find(auth.userId, key);
    if (!row) return null;
    if (row.requestHash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body', [
        { field: 'Idempotency-Key', message: 'already used with a different request' },
      ]);
    }
    const body = (typeof row.responseBody === 'string' ? JSON.parse(row.responseBody) : row.responseBody) as T;
    return { body, status: row.responseStatus, replayed: true };
  }
}
