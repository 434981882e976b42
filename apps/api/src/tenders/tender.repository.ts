import { Injectable } from '@nestjs/common';
import type { Tender, TenderCriterion, TenderStatus } from '@generated/prisma';
import { Repository } from '../database/transaction';

export type TenderWithCriteria = Tender & { criteria: TenderCriterion[] };

/** What access and lifecycle checks need of a tender, read with its row lock. */
export interface TenderHead {
  id: string;
  buyerId: string;
  status: TenderStatus;
  version: number;
  publishedAt: Date | null;
}

/**
 * The tender aggregate (tender with its criteria) and the tender row lock:
 * every write on a tender — lifecycle, bids, evaluations, decisions —
 * serialises on this row. Call inside a transaction (@Transactional).
 */
@Injectable()
export class TenderRepository extends Repository {
  /**
   * FOR UPDATE: exclusive; lifecycle transitions, evaluations and decisions.
   * FOR SHARE: bids — many bids at once, but a close waits for them (and they see a close that committed first).
   * Not scoped by buyer: the caller passes the head to AccessService.require, which answers 404 for another buyer's.
   */
  async lock(id: string, mode: 'UPDATE' | 'SHARE' = 'UPDATE'): Promise<TenderHead | null> {
    const rows =
      mode === 'UPDATE'
        ? await this.db.$queryRaw<TenderHead[]>`
            SELECT id::text AS id, buyer_id::text AS "buyerId", status, version, published_at AS "publishedAt" FROM tender WHERE id = ${id}::uuid FOR UPDATE`
        : await this.db.$queryRaw<TenderHead[]>`
            SELECT id::text AS id, buyer_id::text AS "buyerId", status, version, published_at AS "publishedAt" FROM tender WHERE id = ${id}::uuid FOR SHARE`;
    return rows[0] ?? null;
  }

  /** The same head without a lock, for reads. */
  head(id: string): Promise<TenderHead | null> {
    return this.db.tender.findUnique({ where: { id }, select: { id: true, buyerId: true, status: true, version: true, publishedAt: true } });
  }

  findWithCriteria(id: string): Promise<TenderWithCriteria | null> {
    return this.db.tender.findUnique({ where: { id }, include: { criteria: true } });
  }
}
