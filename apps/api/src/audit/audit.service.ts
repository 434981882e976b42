import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { chainKeyOf, sealChainEvent } from '@app/audit-chain';
import type { AuthContext } from '../auth/auth-context';
import { Propagation, TransactionHost } from '../database/transaction';
import { AuditRepository } from './audit.repository';

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

/**
 * Appends hash-chained audit events in the caller's transaction, so the event
 * exists exactly when the change does. The hashes are computed by
 * libs/audit-chain (sealChainEvent) only; each event goes on one chain
 * (chainKeyOf: its tender's, else its buyer's, else the system's), whose head
 * row and lock belong to AuditRepository.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly txHost: TransactionHost,
  ) {}

  /**
   * Appends an event in the transaction of the current async context
   * (@Transactional), so the event exists exactly when the change does.
   * Outside a transaction it refuses: an event must never outlive a rolled-back change.
   */
  async record(entry: AuditEntry): Promise<{ seq: bigint; hash: string }> {
    if (!this.txHost.isTransactionActive()) throw new Error(`audit event ${entry.action} recorded outside a transaction`);
    return this.appendIn(entry);
  }

  /** An event that is its own transaction (e.g. a denied request): it survives the rollback of the caller's. */
  appendStandalone(entry: AuditEntry): Promise<{ seq: bigint; hash: string }> {
    return this.txHost.withTransaction(Propagation.RequiresNew, () => this.appendIn(entry));
  }

  /** Two statements, whatever the trail's size: lock and move the chain head, then insert the event and set the head's hash. */
  private async appendIn(entry: AuditEntry): Promise<{ seq: bigint; hash: string }> {
    const buyerId = entry.auth?.buyerId ?? entry.buyerId ?? null;
    const slot = await this.repo.lockHead(chainKeyOf({ tenderId: entry.tenderId, buyerId }));
    const sealed = sealChainEvent(
      {
        seq: slot.seq.toString(),
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        actorId: entry.auth?.userId ?? null,
        actorRole: entry.auth?.role ?? null,
        buyerId,
        tenderId: entry.tenderId,
        tenderSeq: entry.tenderId === null ? null : slot.chainSeq,
        action: entry.action,
        objectType: entry.objectType,
        objectId: entry.objectId,
        requestId: entry.auth?.requestId ?? null,
        payload: entry.payload,
      },
      slot.chainSeq,
      slot.prevHash,
    );
    await this.repo.insertAndMoveHead(sealed);
    return { seq: slot.seq, hash: sealed.hash };
  }
}
