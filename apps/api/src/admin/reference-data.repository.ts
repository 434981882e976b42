import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/prisma.service';
import { Repository } from '../database/transaction';

// Arbitrary constant, distinct from the audit chain's lock (audit.service.ts).
const REFERENCE_DATA_LOCK_KEY = 727_2101;

/**
 * Serialises every write to the global configuration — risk-model versions,
 * dataset versions, their activation, red-flag thresholds, and the defaults
 * at setup — for the rest of the transaction. Version numbers (max + 1) and
 * the "one active at a time" rule have no database constraint of their own,
 * so they rely on this. Taken before AuditService's lock (always in that
 * order, so no deadlock). For callers that still pass their client.
 */
export async function lockReferenceData(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFERENCE_DATA_LOCK_KEY})`;
}

/** The reference-data lock, and what the defaults at setup check: which kinds of risk dataset are present. */
@Injectable()
export class ReferenceDataRepository extends Repository {
  /** The reference-data lock (see lockReferenceData), in the transaction of the current context. */
  async lock(): Promise<void> {
    if (!this.txHost.isTransactionActive()) throw new Error('the reference-data lock is taken inside a transaction');
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(${REFERENCE_DATA_LOCK_KEY})`;
  }

  /** The transaction client of the current context, for services that still take one (risk datasets). */
  transactionClient(): Tx {
    if (!this.txHost.isTransactionActive()) throw new Error('no transaction open');
    return this.db as unknown as Tx;
  }

  async datasetKinds(): Promise<Set<string>> {
    const present = await this.db.riskDataset.findMany({ distinct: ['kind'], select: { kind: true } });
    return new Set(present.map((p) => p.kind));
  }
}
