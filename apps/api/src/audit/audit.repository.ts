import { Injectable } from '@nestjs/common';
import { GENESIS_HASH, type ChainHeadEntry, type StoredAuditEvent } from '@app/audit-chain';
import type { AuditEvent, Prisma } from '@generated/prisma';
import { Repository } from '../database/transaction';

/** Where a new event goes: its global seq and its position on its chain, after the chain head's hash. */
export interface ChainSlot {
  seq: bigint;
  chainSeq: number;
  prevHash: string;
}

/** Filters of the audit list; `buyerId` (the caller's scope) is part of the query. */
export interface AuditFilter {
  buyerId?: string;
  tenderId?: string;
  actorId?: string;
  /** Exact action, or a prefix ending in '.'. */
  action?: string;
  from?: Date;
  to?: Date;
}

export function toStoredEvent(e: AuditEvent): StoredAuditEvent {
  return {
    seq: e.seq.toString(),
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    buyerId: e.buyerId,
    tenderId: e.tenderId,
    tenderSeq: e.tenderSeq,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    requestId: e.requestId,
    payload: e.payload,
    prevHash: e.prevHash,
    hash: e.hash,
    tenderPrevHash: e.tenderPrevHash,
    tenderHash: e.tenderHash,
    chainKey: e.chainKey,
    chainSeq: e.chainSeq,
  };
}

/**
 * audit_event and audit_chain: the only code that reads or writes them, and
 * owner of the chain head locks. Appends run in the caller's transaction (the
 * CLS one).
 */
@Injectable()
export class AuditRepository extends Repository {
  /**
   * Locks the chain's head row (created at the first event) until commit or
   * rollback, moves it one position on and reads the hash the new event is
   * sealed after, plus the event's global seq: one statement. The chain seq
   * is assigned under the row lock, so a chain has no gaps even when
   * transactions roll back (the update rolls back with them); nextval is
   * taken under it too, so seq increases along each chain. Appends to other
   * chains do not wait.
   */
  async lockHead(chainKey: string): Promise<ChainSlot> {
    const rows = await this.db.$queryRaw<{ chain_seq: bigint; prev_hash: string; seq: bigint }[]>`
      INSERT INTO audit_chain (chain_key, seq, hash) VALUES (${chainKey}, 1, ${GENESIS_HASH})
      ON CONFLICT (chain_key) DO UPDATE SET seq = audit_chain.seq + 1
      RETURNING seq AS chain_seq, hash AS prev_hash, nextval('audit_event_seq_seq') AS seq`;
    const r = rows[0];
    return { seq: BigInt(r.seq), chainSeq: Number(r.chain_seq), prevHash: r.prev_hash };
  }

  /** Inserts the sealed event and makes it its chain's head: one statement, under the lock lockHead took. */
  async insertAndMoveHead(e: StoredAuditEvent): Promise<void> {
    await this.db.$executeRaw`
      WITH e AS (
        INSERT INTO audit_event (seq, id, occurred_at, actor_id, actor_role, buyer_id, tender_id, tender_seq, action, object_type, object_id,
          request_id, payload, prev_hash, hash, tender_prev_hash, tender_hash, chain_key, chain_seq)
        VALUES (${BigInt(e.seq)}, ${e.id}::uuid, ${new Date(e.occurredAt)}, ${e.actorId}::uuid, ${e.actorRole}, ${e.buyerId}::uuid, ${e.tenderId}::uuid,
          ${e.tenderSeq}::int, ${e.action}, ${e.objectType}, ${e.objectId}, ${e.requestId}, ${JSON.stringify(e.payload)}::jsonb, ${e.prevHash},
          ${e.hash}, ${e.tenderPrevHash}, ${e.tenderHash}, ${e.chainKey}, ${e.chainSeq}::int)
        RETURNING chain_key, hash)
      UPDATE audit_chain c SET hash = e.hash FROM e WHERE c.chain_key = e.chain_key`;
  }

  /** Every chain's head row. */
  async heads(): Promise<ChainHeadEntry[]> {
    const rows = await this.db.auditChain.findMany({ orderBy: { chainKey: 'asc' } });
    return rows.map((r) => ({ chain: r.chainKey, seq: r.seq.toString(), hash: r.hash }));
  }

  async head(chainKey: string): Promise<{ seq: string; hash: string } | null> {
    const r = await this.db.auditChain.findUnique({ where: { chainKey } });
    return r ? { seq: r.seq.toString(), hash: r.hash } : null;
  }

  /**
   * The highest seq below which every event is committed: waits for the
   * appends in flight (SHARE conflicts with the ROW EXCLUSIVE every append
   * holds from lockHead to commit) and holds new ones back for one read. Run
   * it in a short transaction of its own; a checkpoint signs the trail up to it.
   */
  async settledSeq(): Promise<bigint> {
    await this.db.$executeRaw`LOCK TABLE audit_chain IN SHARE MODE`;
    return (await this.db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
  }

  /** Hash of the legacy (global chain) event at seq, or null when there is none. */
  async legacyHashAt(seq: bigint): Promise<string | null> {
    return (await this.db.auditEvent.findFirst({ where: { seq, chainKey: null }, select: { hash: true } }))?.hash ?? null;
  }

  async list(f: AuditFilter, page: { skip: number; take: number; order: 'asc' | 'desc' }): Promise<{ rows: StoredAuditEvent[]; total: number }> {
    const where = whereOf(f);
    const rows = await this.db.auditEvent.findMany({ where, orderBy: { seq: page.order }, skip: page.skip, take: page.take });
    const total = await this.db.auditEvent.count({ where });
    return { rows: rows.map(toStoredEvent), total };
  }

  /** A page of the whole trail in seq order, after `afterSeq` (null: from the start). */
  async pageAfter(afterSeq: bigint | null, take: number): Promise<StoredAuditEvent[]> {
    const rows = await this.db.auditEvent.findMany({ where: afterSeq === null ? {} : { seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take });
    return rows.map(toStoredEvent);
  }

  /** One tender's chain, in tenderSeq order. */
  async ofTender(tenderId: string): Promise<StoredAuditEvent[]> {
    return (await this.db.auditEvent.findMany({ where: { tenderId }, orderBy: { tenderSeq: 'asc' } })).map(toStoredEvent);
  }
}

function whereOf(f: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(f.buyerId ? { buyerId: f.buyerId } : {}),
    ...(f.tenderId ? { tenderId: f.tenderId } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.action ? (f.action.endsWith('.') ? { action: { startsWith: f.action } } : { action: f.action }) : {}),
    ...(f.from || f.to ? { occurredAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}
