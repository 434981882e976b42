import { Injectable } from '@nestjs/common';
import { GENESIS_HASH, type StoredAuditEvent } from '@app/audit-chain';
import type { AuditEvent, Prisma } from '@generated/prisma';
import { Repository, type PrismaTxHost } from '../database/transaction';

type PrismaTx = PrismaTxHost['tx'];
import type { Tx } from '../database/prisma.service';

/** The client a caller not yet on @Transactional passes (AuditService.append). */
export type AuditTx = Tx;

/** The chain positions a new event is sealed after: the global head and, for a tender's event, the tender's head. */
export interface ChainHeads {
  seq: bigint;
  prevHash: string;
  tenderSeq: number | null;
  tenderPrevHash: string | null;
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

// Arbitrary constant naming the lock that serialises appends to the global chain.
const AUDIT_LOCK_KEY = 727_2001;

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
  };
}

/**
 * audit_event: the only code that reads or writes it, and owner of the audit
 * lock. Appends run in the caller's transaction (the CLS one, or the client
 * passed by a caller not yet converted).
 */
@Injectable()
export class AuditRepository extends Repository {
  /**
   * Locks the chain for an append (released at commit or rollback) and reads
   * the heads the new event is sealed after. Seq numbers are assigned under
   * this lock (not by a database sequence), so the chain has no gaps even
   * when transactions roll back.
   */
  async lockHeads(tenderId: string | null, db: Tx | PrismaTx = this.db): Promise<ChainHeads> {
    await db.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
    const last = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    let tenderSeq: number | null = null;
    let tenderPrevHash: string | null = null;
    if (tenderId) {
      const lastOfTender = await db.auditEvent.findFirst({
        where: { tenderId },
        orderBy: { tenderSeq: 'desc' },
        select: { tenderSeq: true, tenderHash: true },
      });
      tenderSeq = (lastOfTender?.tenderSeq ?? 0) + 1;
      tenderPrevHash = lastOfTender?.tenderHash ?? GENESIS_HASH;
    }
    return { seq: (last?.seq ?? 0n) + 1n, prevHash: last?.hash ?? GENESIS_HASH, tenderSeq, tenderPrevHash };
  }

  async insert(e: StoredAuditEvent, db: Tx | PrismaTx = this.db): Promise<void> {
    await db.auditEvent.create({
      data: {
        seq: BigInt(e.seq),
        id: e.id,
        occurredAt: new Date(e.occurredAt),
        actorId: e.actorId,
        actorRole: e.actorRole,
        buyerId: e.buyerId,
        tenderId: e.tenderId,
        tenderSeq: e.tenderSeq,
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId,
        requestId: e.requestId,
        payload: e.payload as Prisma.InputJsonValue,
        prevHash: e.prevHash,
        hash: e.hash,
        tenderPrevHash: e.tenderPrevHash,
        tenderHash: e.tenderHash,
      },
    });
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

  async lastSeq(): Promise<bigint> {
    return (await this.db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } }))?.seq ?? 0n;
  }

  async hashAt(seq: bigint): Promise<string | null> {
    return (await this.db.auditEvent.findUnique({ where: { seq }, select: { hash: true } }))?.hash ?? null;
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
