import { Injectable } from '@nestjs/common';
import { Repository } from '../database/transaction';

/** A stored first answer to an Idempotency-Key. */
export interface IdempotencyRecord {
  requestHash: string;
  responseStatus: number;
  /** The answer's JSON text, byte for byte (older rows: the answer as a JSON value). */
  responseBody: unknown;
}

export interface NewIdempotencyRecord {
  userId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  responseStatus: number;
  /** The answer serialised once: a replay answers the same bytes (jsonb would reorder an object's keys). */
  responseText: string;
}

/** Idempotency keys: one row per user and key, written in the transaction of the change it answers. */
@Injectable()
export class IdempotencyRepository extends Repository {
  async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const rows = await this.db.$queryRaw<IdempotencyRecord[]>`
      SELECT request_hash AS "requestHash", response_status AS "responseStatus", response_body AS "responseBody"
        FROM idempotency_key WHERE user_id = ${userId}::uuid AND key = ${key}`;
    return rows[0] ?? null;
  }

  /** Stores the answer as a JSON string value (to_jsonb(text)): its bytes survive. A concurrent same key fails the insert (unique). */
  async save(r: NewIdempotencyRecord): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO idempotency_key (id, user_id, key, method, path, request_hash, response_status, response_body)
      VALUES (gen_random_uuid(), ${r.userId}::uuid, ${r.key}, ${r.method}, ${r.path}, ${r.requestHash}, ${r.responseStatus}, to_jsonb(${r.responseText}::text))`;
  }
}
