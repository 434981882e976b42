/**
 * Tamper-evident audit trail: every event is chained to its predecessor in
 * one global chain (ordered by `seq`) and, if it concerns a tender, also to
 * the previous event of that tender (ordered by `tenderSeq`).
 *
 * Hash format (fixed; an auditor re-implements exactly this, see README):
 *
 *   hash       = hex(SHA-256(UTF-8(prevHash       + "\n" + canonicalJson(content))))
 *   tenderHash = hex(SHA-256(UTF-8(tenderPrevHash + "\n" + canonicalJson(content))))
 *
 * where `content` is the object with exactly the 13 members of
 * AuditEventContent (null members present as null, never omitted), hashes
 * are 64 lowercase hex characters, and the first event of the chain (or of a
 * tender) uses GENESIS_HASH as its predecessor.
 */
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './hash';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventContent {
  /** Decimal string of the bigint `seq` column ("1", "2", …; no sign, no leading zeros). */
  seq: string;
  id: string;
  /** `Date#toISOString()` form: UTC, milliseconds, trailing Z ("2025-01-31T09:00:00.000Z"). */
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  buyerId: string | null;
  tenderId: string | null;
  /** 1, 2, 3… per tender; null exactly when tenderId is null. */
  tenderSeq: number | null;
  action: string;
  objectType: string;
  objectId: string | null;
  requestId: string | null;
  /** Anything canonicalJson accepts (no floats: decimals as strings). */
  payload: unknown;
}

export interface StoredAuditEvent extends AuditEventContent {
  /**
   * The one chain a new event belongs to (chains.ts: `tender:<id>`, `buyer:<id>`, `system`);
   * null for the events of the frozen legacy global chain (before per-chain appends).
   * Not hashed: it follows from tenderId and buyerId, which are.
   */
  chainKey: string | null;
  /** 1, 2, 3… within chainKey (for a tender chain: tenderSeq); null for legacy events. */
  chainSeq: number | null;
  prevHash: string;
  hash: string;
  tenderPrevHash: string | null;
  tenderHash: string | null;
}

export interface VerifyOptions {
  /**
   * Seq the first row must carry (e.g. "1"). Without it any start is
   * accepted; deleting the first rows is still caught because the first
   * row's prevHash must be GENESIS_HASH.
   */
  firstSeq?: string;
}

export interface VerifyResult {
  valid: boolean;
  /** Rows seen, including any after the first break. */
  count: number;
  /** Stored `hash` of the last row seen (GENESIS_HASH when empty); trustworthy only when valid. */
  headHash: string;
  /** Seq (as stored) of the first row at which verification failed. */
  firstBrokenSeq?: string;
  reason?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const SEQ = /^(0|[1-9][0-9]*)$/;
const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NULLABLE_STRINGS = ['actorId', 'actorRole', 'buyerId', 'tenderId', 'objectId', 'requestId'] as const;
const STRINGS = ['id', 'action', 'objectType'] as const;

function invalid(what: string): never {
  throw new TypeError(`audit event: ${what}`);
}

/**
 * Copies exactly the content members, so a StoredAuditEvent (or a Prisma row
 * with extra columns) can be passed without its hashes leaking into the hash,
 * and checks their shape: a value that hashes but would not read back
 * identically from the database (a Date, a missing null, an occurredAt without
 * milliseconds) would make the chain unverifiable later.
 */
export function contentOf(e: AuditEventContent): AuditEventContent {
  if (typeof e.seq !== 'string' || !SEQ.test(e.seq)) invalid(`seq must be a decimal string, got ${String(e.seq)}`);
  if (typeof e.occurredAt !== 'string' || !ISO_MS_UTC.test(e.occurredAt)) {
    invalid(`occurredAt must be an ISO string with milliseconds and Z, got ${String(e.occurredAt)}`);
  }
  if (new Date(e.occurredAt).toISOString() !== e.occurredAt) invalid(`occurredAt is not a real instant: ${e.occurredAt}`);
  for (const k of STRINGS) if (typeof e[k] !== 'string') invalid(`${k} must be a string`);
  for (const k of NULLABLE_STRINGS) if (e[k] !== null && typeof e[k] !== 'string') invalid(`${k} must be a string or null`);
  if (e.tenderSeq !== null && !(Number.isSafeInteger(e.tenderSeq) && e.tenderSeq >= 1)) {
    invalid(`tenderSeq must be a positive integer or null, got ${String(e.tenderSeq)}`);
  }
  if ((e.tenderId === null) !== (e.tenderSeq === null)) invalid('tenderId and tenderSeq must be both null or both set');
  if (e.payload === undefined) invalid('payload is undefined (use null)');
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt,
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
  };
}

/**
 * hex(SHA-256(UTF-8(prevHash + "\n" + canonicalJson(content)))). Used for both
 * chains: pass the global predecessor's hash for `hash`, the tender
 * predecessor's tenderHash (or GENESIS_HASH) for `tenderHash`. Throws a
 * TypeError on malformed content or prevHash.
 */
export function eventHash(prevHash: string, event: AuditEventContent): string {
  if (typeof prevHash !== 'string' || !HEX64.test(prevHash)) invalid('prevHash must be 64 lowercase hex characters');
  return sha256Hex(`${prevHash}\n${canonicalJson(contentOf(event))}`);
}

/**
 * Legacy sealing (the frozen global chain, see chains.ts for new events):
 * computes the four hash columns for an event. `prevHash` is the hash of
 * the row with seq − 1 (GENESIS_HASH for the first); `tenderPrevHash` is the
 * tenderHash of the tender's previous event, GENESIS_HASH for its first, and
 * must be null for an event without tender (explicit, so a forgotten lookup
 * cannot silently restart a tender chain).
 */
export function sealAuditEvent(event: AuditEventContent, prevHash: string, tenderPrevHash: string | null): StoredAuditEvent {
  const content = contentOf(event);
  if ((content.tenderId === null) !== (tenderPrevHash === null)) {
    invalid('tenderPrevHash must be null exactly when tenderId is null');
  }
  return {
    ...content,
    chainKey: null,
    chainSeq: null,
    prevHash,
    hash: eventHash(prevHash, content),
    tenderPrevHash,
    tenderHash: tenderPrevHash === null ? null : eventHash(tenderPrevHash, content),
  };
}

/**
 * Streaming verifier: push rows in ascending seq (e.g. page by page from the
 * database), then read result(). Memory is one entry per tender (its last
 * tenderSeq and tenderHash), not per row. After the first failure further
 * rows are only counted.
 */
export class ChainVerifier {
  private count = 0;
  private head = GENESIS_HASH;
  private expectedSeq: bigint | null;
  private broken: { seq: string; reason: string } | null = null;
  private readonly tenders = new Map<string, { seq: number; hash: string }>();

  constructor(opts: VerifyOptions = {}) {
    if (opts.firstSeq !== undefined && !SEQ.test(opts.firstSeq)) invalid('firstSeq must be a decimal string');
    this.expectedSeq = opts.firstSeq === undefined ? null : BigInt(opts.firstSeq);
  }

  push(row: StoredAuditEvent): void {
    this.count++;
    const prevHead = this.head;
    this.head = row.hash;
    if (this.broken) return;
    const reason = this.check(row, prevHead);
    if (reason !== null) this.broken = { seq: String(row.seq), reason };
  }

  result(): VerifyResult {
    const r: VerifyResult = { valid: this.broken === null, count: this.count, headHash: this.head };
    if (this.broken) {
      r.firstBrokenSeq = this.broken.seq;
      r.reason = this.broken.reason;
    }
    return r;
  }

  /** Returns why the row breaks the chain, or null (and advances the state). */
  private check(row: StoredAuditEvent, prevHead: string): string | null {
    if (typeof row.seq !== 'string' || !SEQ.test(row.seq)) return `malformed seq ${String(row.seq)}`;
    const seq = BigInt(row.seq);
    if (this.expectedSeq !== null && seq !== this.expectedSeq) {
      return seq > this.expectedSeq
        ? `seq gap: expected ${this.expectedSeq}, got ${seq} (rows missing)`
        : `seq out of order: expected ${this.expectedSeq}, got ${seq}`;
    }
    if (row.prevHash !== prevHead) return "prevHash does not match the previous row's hash";
    let hash: string;
    try {
      hash = eventHash(row.prevHash, row);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    if (hash !== row.hash) return 'hash mismatch (content or hash altered)';

    if (row.tenderId === null) {
      if (row.tenderPrevHash !== null || row.tenderHash !== null) return 'tender hashes set on an event without tender';
    } else {
      const last = this.tenders.get(row.tenderId);
      const expected = (last?.seq ?? 0) + 1;
      if (row.tenderSeq !== expected) {
        return `tenderSeq for tender ${row.tenderId}: expected ${expected}, got ${String(row.tenderSeq)}`;
      }
      if (row.tenderPrevHash !== (last?.hash ?? GENESIS_HASH)) {
        return `tenderPrevHash does not match the previous hash of tender ${row.tenderId}`;
      }
      if (row.tenderHash !== eventHash(row.tenderPrevHash, row)) return 'tenderHash mismatch';
      this.tenders.set(row.tenderId, { seq: expected, hash: row.tenderHash });
    }
    this.expectedSeq = seq + 1n;
    return null;
  }
}

/** Verifies a whole chain (rows in ascending seq); see ChainVerifier. */
export function verifyChain(rows: Iterable<StoredAuditEvent>, opts?: VerifyOptions): VerifyResult {
  const v = new ChainVerifier(opts);
  for (const row of rows) v.push(row);
  return v.result();
}

/**
 * Verifies one tender's chain: its events in tenderSeq order, tenderSeq 1…n,
 * each tenderHash over the previous one (GENESIS_HASH for the first) and the
 * event's content. firstBrokenSeq names the global seq of the first bad event.
 * With `head` (the tender chain's stored head row), the events must end there.
 */
export function verifyTenderChain(rows: readonly StoredAuditEvent[], head?: { seq: string; hash: string } | null): VerifyResult {
  let prev = GENESIS_HASH;
  let broken: { seq: string; reason: string } | null = null;
  for (let i = 0; i < rows.length && !broken; i++) {
    const r = rows[i];
    if (r.tenderSeq !== i + 1) broken = { seq: r.seq, reason: `tenderSeq ${r.tenderSeq} where ${i + 1} was expected (a row is missing or moved)` };
    else if (r.tenderPrevHash !== prev) broken = { seq: r.seq, reason: 'tenderPrevHash does not match the previous event of this tender' };
    else {
      let hash: string | null;
      try {
        hash = eventHash(prev, r);
      } catch {
        hash = null;
      }
      if (hash !== r.tenderHash) broken = { seq: r.seq, reason: 'tenderHash does not match the event content' };
      // A per-chain event (chainKey set) repeats its tender links in its chain columns.
      else if (r.chainKey && (r.chainSeq !== r.tenderSeq || r.prevHash !== r.tenderPrevHash || r.hash !== r.tenderHash)) {
        broken = { seq: r.seq, reason: 'the chain columns of this event differ from its tender columns' };
      }
    }
    prev = r.tenderHash ?? '';
  }
  const last = rows.length ? rows[rows.length - 1] : null;
  // The chain's head row (audit_chain) must be where the events end: else its newest events were cut off.
  if (!broken && head !== undefined) {
    const h = head ?? { seq: '0', hash: GENESIS_HASH };
    if (String(last?.tenderSeq ?? 0) !== h.seq || (last?.tenderHash ?? GENESIS_HASH) !== h.hash) {
      broken = {
        seq: last?.seq ?? '0',
        reason: `the chain ends at tenderSeq ${last?.tenderSeq ?? 0} but its head row is at ${h.seq}: its newest events were deleted or rewritten`,
      };
    }
  }
  const result: VerifyResult = { valid: !broken, count: rows.length, headHash: last ? (last.tenderHash ?? '') : GENESIS_HASH };
  if (broken) {
    result.firstBrokenSeq = broken.seq;
    result.reason = broken.reason;
  }
  return result;
}
