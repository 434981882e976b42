import { Injectable } from '@nestjs/common';
import { Repository } from '../database/transaction';

// Arbitrary constant, distinct from the audit chain's lock (audit.service.ts).
const REFERENCE_DATA_LOCK_KEY = 727_2101;

/**
 * The reference-data lock, and what the defaults at setup check: which kinds of
 * risk dataset are present. The lock serialises every write to the global
 * configuration — risk-model versions, dataset versions, their activation,
 * red-flag thresholds, and the defaults at setup — for the rest of the
 * transaction. Version numbers (max + 1) and the "one active at a time" rule
 * have no database constraint of their own, so they rely on it. Taken before
 * the audit append (always in that order, so no deadlock).
 */
@Injectable()
export class ReferenceDataRepository extends Repository {
  /** The reference-data lock (see lockReferenceData), in the transaction of the current context. */
  async lock(): Promise<void> {
    if (!this.txHost.isTransactionActive()) throw new Error('the reference-data lock is taken inside a transaction');
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(${REFERENCE_DATA_LOCK_KEY})`;
  }

  async datasetKinds(): Promise<Set<string>> {
    const present = await this.db.riskDataset.findMany({ distinct: ['kind'], select: { kind: true } });
    return new Set(present.map((p) => p.kind));
  }
}
