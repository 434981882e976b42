import type { Tx } from '../database/prisma.service';

// Arbitrary constant, distinct from the audit chain's lock (audit.service.ts).
const REFERENCE_DATA_LOCK_KEY = 727_2101;

/**
 * Serialises every write to the global configuration — risk-model versions,
 * dataset versions, their activation, and the defaults at setup — for the
 * rest of the transaction. Version numbers (max + 1) and the "one active at a
 * time" rule have no database constraint of their own, so they rely on this.
 * Taken before AuditService's lock (always in that order, so no deadlock).
 */
export async function lockReferenceData(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFERENCE_DATA_LOCK_KEY})`;
}
