/**
 * Per-chain audit trail. Every new event belongs to exactly one chain:
 *
 *   tender:<tenderId>  an event with a tender (the tender's chain, as before: chainSeq = tenderSeq)
 *   buyer:<buyerId>    an event without tender of one buyer (bidders, users, buyer settings…)
 *   system             an event without tender and without buyer (bootstrap, security events of no buyer)
 *
 * Within a chain, chainSeq runs 1, 2, 3… without gaps and each event's hash
 * is over its predecessor's (GENESIS_HASH for the first):
 *
 *   hash = hex(SHA-256(UTF-8(prevHash + "\n" + canonicalJson(content))))
 *
 * with the same 13 content members as before. A tender event stores the same
 * values in tender_prev_hash / tender_hash, so a tender's chain reads (and
 * prints) exactly as it always did, across old and new events.
 *
 * `seq` is only the global order (a database sequence): strictly increasing
 * within a chain, not gap-free across the trail. Events appended before the
 * per-chain scheme (chainKey null) form the frozen legacy chain LEGACY_CHAIN,
 * seq 1…n without gaps, verified as it always was (and their tender links
 * continue in the tender chains).
 */
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './hash';
import { contentOf, eventHash, GENESIS_HASH, type AuditEventContent, type StoredAuditEvent } from './audit-chain';

/** The chain key of the frozen pre-per-chain global chain (its head row is seeded by the migration). */
export const LEGACY_CHAIN = 'global';

/** The chain an event belongs to, from members that are hashed (so the key cannot be moved unnoticed). */
export function chainKeyOf(e: { tenderId: string | null; buyerId: string | null }): string {
  if (e.tenderId !== null) return `tender:${e.tenderId}`;
  if (e.buyerId !== null) return `buyer:${e.buyerId}`;
  return 'system';
}

/**
 * Seals a new event on its chain at position `chainSeq`, after `prevHash`
 * (the chain head's hash, GENESIS_HASH for the first). For a tender event
 * `tenderSeq` must be `chainSeq`, and the tender columns repeat the chain's.
 */
export function sealChainEvent(event: AuditEventContent, chainSeq: number, prevHash: string): StoredAuditEvent {
  const content = contentOf(event);
  if (!Number.isSafeInteger(chainSeq) || chainSeq < 1) throw new TypeError(`audit event: chainSeq must be a positive integer, got ${String(chainSeq)}`);
  if (content.tenderId !== null && content.tenderSeq !== chainSeq) throw new TypeError('audit event: tenderSeq must be the chain seq of a tender event');
  const hash = eventHash(prevHash, content);
  const tender = content.tenderId !== null;
  return {
    ...content,
    chainKey: chainKeyOf(content),
    chainSeq,
    prevHash,
    hash,
    tenderPrevHash: tender ? prevHash : null,
    tenderHash: tender ? hash : null,
  };
}

/** A chain's head: its key, the chain seq of its newest event (decimal string; legacy: the global seq) and that event's hash. */
export interface ChainHeadEntry {
  chain: string;
  seq: string;
  hash: string;
}

/**
 * The digest of a set of chain heads, what a v2 checkpoint signs:
 * hex(SHA-256(canonicalJson([[chain, seq, hash], …]))) sorted by chain
 * (UTF-16 code units; keys are ASCII). The empty set hashes "[]".
 */
export function headsDigest(heads: readonly ChainHeadEntry[]): string {
  const sorted = [...heads].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) if (sorted[i].chain === sorted[i - 1].chain) throw new TypeError(`chain ${sorted[i].chain} has two heads`);
  return sha256Hex(canonicalJson(sorted.map((h) => [h.chain, h.seq, h.hash])));
}

export interface ChainResult {
  chain: string;
  valid: boolean;
  /** Events of the chain (a tender chain counts its legacy events too). */
  count: number;
  headSeq: string;
  headHash: string;
  /** Global seq of the first bad event of this chain. */
  firstBrokenSeq?: string;
  reason?: string;
}

export interface TrailResult {
  /** Every chain valid (and matching its head row, when heads were given). */
  valid: boolean;
  count: number;
  /** headsDigest of every chain's head now. */
  headHash: string;
  /** The highest global seq seen ("0" when empty). */
  headSeq: string;
  /** The smallest global seq at which some chain broke, and why. */
  firstBrokenSeq?: string;
  reason?: string;
  /** Every chain, sorted by key (the legacy chain as LEGACY_CHAIN when it has events). */
  chains: ChainResult[];
  /** With a watermark: the trail as it stood at that global seq (events with seq ≤ watermark). */
  atWatermark?: { headSeq: string; count: number; chains: number; headHash: string };
}

interface ChainState {
  count: number;
  seq: bigint;
  hash: string;
  /** Global seq of the newest event, for the global order and for naming a truncated chain. */
  lastGlobal: string;
  /** `head`: found by compareHeads (the rows themselves were consistent). */
  broken: { seq: string; reason: string; head?: true } | null;
  /** Head as of the watermark (last event with seq ≤ watermark). */
  atW: { seq: bigint; hash: string } | null;
}

const SEQ = /^(0|[1-9][0-9]*)$/;

function hashOrNull(prev: string, row: AuditEventContent): string | null {
  try {
    return eventHash(prev, row);
  } catch {
    return null;
  }
}

/**
 * Streaming verifier of the whole trail: push every row in ascending global
 * seq (page by page), optionally compare with the stored head rows
 * (compareHeads), then read result(). Memory is one entry per chain.
 * A break in one chain does not stop the others from being verified.
 */
export class TrailVerifier {
  private count = 0;
  private countAtW = 0;
  private lastSeq: bigint | null = null;
  private sawChained = false;
  private readonly chains = new Map<string, ChainState>();
  private readonly watermark: bigint | null;

  constructor(opts: { watermark?: string } = {}) {
    if (opts.watermark !== undefined && !SEQ.test(opts.watermark)) throw new TypeError('watermark must be a decimal string');
    this.watermark = opts.watermark === undefined ? null : BigInt(opts.watermark);
  }

  private state(key: string): ChainState {
    let s = this.chains.get(key);
    if (!s) this.chains.set(key, (s = { count: 0, seq: 0n, hash: GENESIS_HASH, lastGlobal: '0', broken: null, atW: null }));
    return s;
  }

  private advance(s: ChainState, seq: bigint, hash: string, globalSeq: string, inW: boolean, reason: string | null): void {
    s.count++;
    if (reason !== null && !s.broken) s.broken = { seq: globalSeq, reason };
    s.seq = seq;
    s.hash = hash;
    s.lastGlobal = globalSeq;
    if (inW) s.atW = { seq, hash };
  }

  push(row: StoredAuditEvent): void {
    this.count++;
    const seqOk = typeof row.seq === 'string' && SEQ.test(row.seq);
    const seq = seqOk ? BigInt(row.seq) : null;
    const inW = this.watermark !== null && seq !== null && seq <= this.watermark;
    if (inW) this.countAtW++;
    let orderProblem: string | null = seq === null ? `malformed seq ${String(row.seq)}` : null;
    if (seq !== null && this.lastSeq !== null && seq <= this.lastSeq) orderProblem = `seq out of order: ${seq} after ${this.lastSeq}`;
    if (seq !== null) this.lastSeq = seq;
    if (row.chainKey === null || row.chainKey === undefined) this.pushLegacy(row, seq, inW, orderProblem);
    else this.pushChained(row, inW, orderProblem);
  }

  /** A row of the frozen global chain: the old rules (seq 1…n, global links, tender links). */
  private pushLegacy(row: StoredAuditEvent, seq: bigint | null, inW: boolean, orderProblem: string | null): void {
    const g = this.state(LEGACY_CHAIN);
    const expected = g.seq + 1n;
    let reason = orderProblem;
    if (reason === null && this.sawChained) reason = 'a legacy (global chain) event after the per-chain events began';
    if (reason === null && seq !== expected) {
      reason = seq! > expected ? `seq gap: expected ${expected}, got ${seq} (rows missing)` : `seq out of order: expected ${expected}, got ${seq}`;
    }
    if (reason === null && row.chainSeq !== null && row.chainSeq !== undefined) reason = 'chainSeq set on a legacy event';
    if (reason === null && row.prevHash !== g.hash) reason = "prevHash does not match the previous row's hash";
    if (reason === null) {
      try {
        if (eventHash(row.prevHash, row) !== row.hash) reason = 'hash mismatch (content or hash altered)';
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
      }
    }
    this.advance(g, seq ?? g.seq + 1n, row.hash, String(row.seq), inW, reason);

    if (row.tenderId === null) {
      if ((row.tenderPrevHash !== null || row.tenderHash !== null) && !g.broken)
        g.broken = { seq: String(row.seq), reason: 'tender hashes set on an event without tender' };
      return;
    }
    const t = this.state(chainKeyOf(row));
    const tExpected = t.seq + 1n;
    let tReason: string | null = null;
    if (row.tenderSeq === null || BigInt(row.tenderSeq) !== tExpected) {
      tReason = `tenderSeq for tender ${row.tenderId}: expected ${tExpected}, got ${String(row.tenderSeq)}`;
    } else if (row.tenderPrevHash !== t.hash) tReason = `tenderPrevHash does not match the previous hash of tender ${row.tenderId}`;
    else if (hashOrNull(t.hash, row) !== row.tenderHash) tReason = 'tenderHash mismatch';
    this.advance(t, tExpected, row.tenderHash ?? '', String(row.seq), inW, tReason);
  }

  /** A row of a per-chain chain: its chain's seq and links, and for a tender event the tender columns equal to them. */
  private pushChained(row: StoredAuditEvent, inW: boolean, orderProblem: string | null): void {
    this.sawChained = true;
    const key = row.chainKey!;
    const s = this.state(key);
    const expected = s.seq + 1n;
    let reason = orderProblem;
    if (reason === null && key === LEGACY_CHAIN) reason = 'an event appended to the frozen legacy chain';
    if (reason === null && key !== chainKeyOf(row)) reason = `event of ${chainKeyOf(row)} stored in chain ${key}`;
    if (reason === null && (row.chainSeq === null || !Number.isSafeInteger(row.chainSeq) || BigInt(row.chainSeq) !== expected)) {
      reason = `chainSeq in ${key}: expected ${expected}, got ${String(row.chainSeq)} (a row is missing or moved)`;
    }
    if (reason === null && row.prevHash !== s.hash) {
      reason =
        row.tenderId !== null
          ? `tenderPrevHash does not match the previous hash of tender ${row.tenderId}`
          : `prevHash does not match the previous hash of ${key}`;
    }
    if (reason === null && hashOrNull(row.prevHash, row) !== row.hash) reason = 'hash mismatch (content or hash altered)';
    if (reason === null) {
      if (row.tenderId === null) {
        if (row.tenderPrevHash !== null || row.tenderHash !== null || row.tenderSeq !== null) reason = 'tender columns set on an event without tender';
      } else if (row.tenderSeq !== row.chainSeq) reason = `tenderSeq for tender ${row.tenderId}: expected ${expected}, got ${String(row.tenderSeq)}`;
      else if (row.tenderPrevHash !== row.prevHash) reason = `tenderPrevHash does not match the previous hash of tender ${row.tenderId}`;
      else if (row.tenderHash !== row.hash) reason = 'tenderHash mismatch';
    }
    const chainSeq = row.chainSeq !== null && Number.isSafeInteger(row.chainSeq) ? BigInt(row.chainSeq) : expected;
    this.advance(s, chainSeq, row.hash, String(row.seq), inW, reason);
  }

  /**
   * Compares every chain with its stored head row (audit_chain): a chain
   * whose newest events were deleted no longer reaches its head, a head row
   * without events or events without a head row break too.
   */
  compareHeads(heads: readonly ChainHeadEntry[]): void {
    const seen = new Set<string>();
    for (const h of heads) {
      seen.add(h.chain);
      const s = this.chains.get(h.chain);
      if (!s) {
        if (h.seq !== '0') this.state(h.chain).broken = { seq: '0', reason: `chain ${h.chain} has a head (seq ${h.seq}) but no events`, head: true };
        continue;
      }
      if (s.broken) continue;
      if (s.seq.toString() !== h.seq || s.hash !== h.hash) {
        s.broken = {
          seq: s.lastGlobal,
          reason: `chain ${h.chain} ends at ${s.seq} (${s.hash.slice(0, 12)}…) but its head row is at ${h.seq} (${h.hash.slice(0, 12)}…): its newest events were deleted or rewritten`,
          head: true,
        };
      }
    }
    for (const [key, s] of this.chains) {
      if (!seen.has(key) && !s.broken) s.broken = { seq: s.lastGlobal, reason: `chain ${key} has events but no head row`, head: true };
    }
  }

  result(): TrailResult {
    const keys = [...this.chains.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const chains: ChainResult[] = [];
    const heads: ChainHeadEntry[] = [];
    const headsAtW: ChainHeadEntry[] = [];
    // A bad row is named before a head mismatch (which a bad row elsewhere in the chain can cause).
    let first: { seq: bigint; reason: string; head: boolean } | null = null;
    for (const key of keys) {
      const s = this.chains.get(key)!;
      const c: ChainResult = { chain: key, valid: s.broken === null, count: s.count, headSeq: s.seq.toString(), headHash: s.hash };
      if (s.broken) {
        c.firstBrokenSeq = s.broken.seq;
        c.reason = s.broken.reason;
        const cand = { seq: BigInt(s.broken.seq), reason: s.broken.reason, head: s.broken.head === true };
        if (!first || (first.head && !cand.head) || (first.head === cand.head && cand.seq < first.seq)) first = cand;
      }
      chains.push(c);
      if (s.count > 0) heads.push({ chain: key, seq: c.headSeq, hash: s.hash });
      if (s.atW) headsAtW.push({ chain: key, seq: s.atW.seq.toString(), hash: s.atW.hash });
    }
    const r: TrailResult = {
      valid: first === null,
      count: this.count,
      headHash: headsDigest(heads),
      headSeq: (this.lastSeq ?? 0n).toString(),
      chains,
    };
    if (first) {
      r.firstBrokenSeq = first.seq.toString();
      r.reason = first.reason;
    }
    if (this.watermark !== null) {
      r.atWatermark = { headSeq: this.watermark.toString(), count: this.countAtW, chains: headsAtW.length, headHash: headsDigest(headsAtW) };
    }
    return r;
  }
}

/** Verifies a whole trail (rows in ascending seq), optionally against its head rows; see TrailVerifier. */
export function verifyTrail(rows: Iterable<StoredAuditEvent>, opts: { heads?: readonly ChainHeadEntry[]; watermark?: string } = {}): TrailResult {
  const v = new TrailVerifier({ watermark: opts.watermark });
  for (const row of rows) v.push(row);
  if (opts.heads) v.compareHeads(opts.heads);
  return v.result();
}
