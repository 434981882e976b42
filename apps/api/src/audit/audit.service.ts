import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { eventHash, GENESIS_HASH, type AuditEventContent } from '@app/audit-chain';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { TransactionHost } from '../database/transaction';

export interface AuditEntry {
  auth: AuthContext | null;
  action: string;
  objectType: string;
  objectId: string | null;
  tenderId: string | null;
  /** Canonical-JSON-safe: decimals as strings, no floats. */
  payload: Record<string, unknown>;
  /** For events without an authenticated caller (bootstrap, CLI). */
  buyerId?: string | null;
}

// Arbitrary constant naming the lock that serialises appends to the global chain.
const AUDIT_LOCK_KEY = 727_2001;

/**
 * Appends hash-chained audit events in the caller's transaction, so the event
 * exists exactly when the change does. Sequence numbers are assigned under an
 * advisory lock (not a database sequence) so the chain has no gaps even when
 * transactions roll back.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly txHost: TransactionHost,
  ) {}

  /**
   * Appends an event in the transaction of the current async context
   * (@Transactional), so the event exists exactly when the change does.
   * Outside a transaction it refuses: an event must never outlive a rolled-back change.
   */
  async record(entry: AuditEntry): Promise<{ seq: bigint; hash: string }> {
    if (!this.txHost.isTransactionActive()) throw new Error(`audit event ${entry.action} recorded outside a transaction`);
    return this.append(this.txHost.tx as unknown as Tx, entry);
  }

  async append(tx: Tx, entry: AuditEntry): Promise<{ seq: bigint; hash: string }> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
    const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    let tenderSeq: number | null = null;
    let tenderPrevHash: string | null = null;
    if (entry.tenderId) {
      const lastOfTender = await tx.auditEvent.findFirst({
        where: { tenderId: entry.tenderId },
        orderBy: { tenderSeq: 'desc' },
        select: { tenderSeq: true, tenderHash: true },
      });
      tenderSeq = (lastOfTender?.tenderSeq ?? 0) + 1;
      tenderPrevHash = lastOfTender?.tenderHash ?? GENESIS_HASH;
    }
    const seq = (last?.seq ?? 0n) + 1n;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const occurredAt = new Date();
    const content: AuditEventContent = {
      seq: seq.toString(),
      id: randomUUID(),
      occurredAt: occurredAt.toISOString(),
      actorId: entry.auth?.userId ?? null,
      actorRole: entry.auth?.role ?? null,
      buyerId: entry.auth?.buyerId ?? entry.buyerId ?? null,
      tenderId: entry.tenderId,
      tenderSeq,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      requestId: entry.auth?.requestId ?? null,
      payload: entry.payload,
    };
    const hash = eventHash(prevHash, content);
    const tenderHash = tenderPrevHash ? eventHash(tenderPrevHash, content) : null;
    await tx.auditEvent.create({
      data: {
        seq,
        id: content.id,
        occurredAt,
        actorId: content.actorId,
        actorRole: content.actorRole,
        buyerId: content.buyerId,
        tenderId: content.tenderId,
        tenderSeq,
        action: content.action,
        objectType: content.objectType,
        objectId: content.objectId,
        requestId: content.requestId,
        payload: content.payload as object,
        prevHash,
        hash,
        tenderPrevHash,
        tenderHash,
      },
    });
    return { seq, hash };
  }

  /** An event that is its own transaction (e.g. a denied request). */
  appendStandalone(entry: AuditEntry): Promise<{ seq: bigint; hash: string }> {
    return this.prisma.transaction((tx) => this.append(tx, entry));
  }
}
