/**
 * Signed checkpoints of the chain head. The chain alone cannot show that its
 * newest rows were cut off, or that the whole table was rewritten with fresh
 * hashes; a checkpoint kept outside the database can: a later chain must still
 * hold the checkpoint's head (same hash at the same seq).
 *
 * Signed text = canonical JSON of {format, count, headSeq, headHash, at, keyId}
 * (v2 adds `chains`), signature = Ed25519 (RFC 8032, pure, no pre-hash) over
 * its UTF-8 bytes, base64.
 *
 * v1 (format …/1): the head of the one global chain (now the frozen legacy chain).
 * v2 (format …/2): the per-chain trail as it stood at global seq `headSeq`
 * (every event with seq ≤ headSeq committed): `count` events, `chains` chain
 * heads, `headHash` = headsDigest of those heads (chains.ts).
 */
import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const CHECKPOINT_FORMAT = 'tender-evaluation/audit-checkpoint/1';
export const CHECKPOINT_FORMAT_V2 = 'tender-evaluation/audit-checkpoint/2';

export interface ChainHead {
  /** Number of events in the chain. */
  count: number;
  /** seq of the newest event ("0" for an empty chain), a decimal string. */
  headSeq: string;
  /** hash of the newest event (GENESIS_HASH for an empty chain). */
  headHash: string;
  /** When the head was read, ISO 8601 UTC with milliseconds. */
  at: string;
}

/** v2: the trail at a global seq. headSeq = that seq, headHash = headsDigest of the chain heads then. */
export interface TrailHead extends ChainHead {
  /** Number of chains with events at headSeq. */
  chains: number;
}

export interface SignedCheckpoint extends ChainHead {
  format: typeof CHECKPOINT_FORMAT | typeof CHECKPOINT_FORMAT_V2;
  /** v2 only. */
  chains?: number;
  /** Lowercase hex SHA-256 of the public key's SPKI DER: says which key signed. */
  keyId: string;
  /** Base64 Ed25519 signature over checkpointSigningText. */
  signature: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const SEQ = /^(0|[1-9][0-9]*)$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function publicKeyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The exact text that is signed. */
export function checkpointSigningText(c: Omit<SignedCheckpoint, 'signature'>): string {
  const base = { format: c.format, count: c.count, headSeq: c.headSeq, headHash: c.headHash, at: c.at, keyId: c.keyId };
  return canonicalJson(c.format === CHECKPOINT_FORMAT_V2 ? { ...base, chains: c.chains } : base);
}

function assertEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== type) throw new TypeError(`an Ed25519 ${type} key is needed`);
}

function checkHead(h: ChainHead): void {
  if (!Number.isSafeInteger(h.count) || h.count < 0) throw new TypeError('count must be a non-negative integer');
  if (typeof h.headSeq !== 'string' || !SEQ.test(h.headSeq)) throw new TypeError('headSeq must be a decimal string');
  if (typeof h.headHash !== 'string' || !HEX64.test(h.headHash)) throw new TypeError('headHash must be 64 lowercase hex digits');
  if (typeof h.at !== 'string' || !ISO_MS.test(h.at) || Number.isNaN(Date.parse(h.at))) throw new TypeError('at must be ISO 8601 UTC with milliseconds');
}

export function signCheckpoint(head: ChainHead, privateKey: KeyObject): SignedCheckpoint {
  assertEd25519(privateKey, 'private');
  checkHead(head);
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    count: head.count,
    headSeq: head.headSeq,
    headHash: head.headHash,
    at: head.at,
    keyId: publicKeyId(privateKey),
  } as const;
  const signature = sign(null, Buffer.from(checkpointSigningText(unsigned), 'utf8'), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** A v2 checkpoint of the per-chain trail at global seq head.headSeq. */
export function signTrailCheckpoint(head: TrailHead, privateKey: KeyObject): SignedCheckpoint {
  assertEd25519(privateKey, 'private');
  checkHead(head);
  if (!Number.isSafeInteger(head.chains) || head.chains < 0) throw new TypeError('chains must be a non-negative integer');
  const unsigned = {
    format: CHECKPOINT_FORMAT_V2,
    count: head.count,
    headSeq: head.headSeq,
    headHash: head.headHash,
    chains: head.chains,
    at: head.at,
    keyId: publicKeyId(privateKey),
  } as const;
  const signature = sign(null, Buffer.from(checkpointSigningText(unsigned), 'utf8'), privateKey).toString('base64');
  return { ...unsigned, signature };
}

export type CheckpointProblem = { field: string; message: string };

/**
 * Checks shape, key and signature of a checkpoint received from outside.
 * Answers the problems found ([] when the checkpoint is authentic); never throws on bad input.
 */
export function checkCheckpoint(input: unknown, publicKey: KeyObject): CheckpointProblem[] {
  assertEd25519(publicKey, 'public');
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return [{ field: 'checkpoint', message: 'must be an object' }];
  const c = input as Record<string, unknown>;
  const problems: CheckpointProblem[] = [];
  if (c.format !== CHECKPOINT_FORMAT && c.format !== CHECKPOINT_FORMAT_V2)
    problems.push({ field: 'format', message: `must be ${CHECKPOINT_FORMAT} or ${CHECKPOINT_FORMAT_V2}` });
  if (c.format === CHECKPOINT_FORMAT_V2 && !(Number.isSafeInteger(c.chains) && (c.chains as number) >= 0)) {
    problems.push({ field: 'chains', message: 'chains must be a non-negative integer' });
  }
  if (c.format === CHECKPOINT_FORMAT && c.chains !== undefined)
    problems.push({ field: 'chains', message: `only a ${CHECKPOINT_FORMAT_V2} checkpoint has chains` });
  try {
    checkHead(c as unknown as ChainHead);
  } catch (e) {
    const message = (e as Error).message;
    problems.push({ field: message.split(' ')[0], message });
  }
  if (typeof c.keyId !== 'string' || !HEX64.test(c.keyId)) problems.push({ field: 'keyId', message: 'must be 64 lowercase hex digits' });
  else if (c.keyId !== publicKeyId(publicKey)) problems.push({ field: 'keyId', message: 'signed by another key than this service’s checkpoint key' });
  if (typeof c.signature !== 'string' || !BASE64.test(c.signature) || Buffer.from(c.signature, 'base64').length !== 64) {
    problems.push({ field: 'signature', message: 'must be a base64 Ed25519 signature (64 bytes)' });
  }
  if (problems.length) return problems;
  const text = checkpointSigningText(c as unknown as SignedCheckpoint);
  const ok = verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(c.signature as string, 'base64'));
  return ok ? [] : [{ field: 'signature', message: 'does not match the checkpoint: it was altered or forged' }];
}

export interface CheckpointComparison {
  /** The chain still holds the checkpoint's head (same hash at the same seq). */
  holds: boolean;
  /** The first seq that differs from what the checkpoint saw (the first deleted one, or the checkpoint's head). */
  firstBrokenSeq?: string;
  reason?: string;
}

/**
 * Does the chain as it is now extend the (authentic) checkpoint?
 * `hashAtHeadSeq` is the stored hash of the event whose seq is the checkpoint's headSeq (null when there is none);
 * `current` is the chain's head now. Deleting the newest events or rewriting the table breaks it.
 */
export function compareWithCheckpoint(
  checkpoint: Pick<ChainHead, 'count' | 'headSeq' | 'headHash'>,
  current: { count: number; headSeq: string },
  hashAtHeadSeq: string | null,
): CheckpointComparison {
  if (BigInt(current.headSeq) < BigInt(checkpoint.headSeq) || current.count < checkpoint.count) {
    return {
      holds: false,
      firstBrokenSeq: (BigInt(current.headSeq) + 1n).toString(),
      reason: `the chain now ends at seq ${current.headSeq} (${current.count} events) but the checkpoint saw seq ${checkpoint.headSeq} (${checkpoint.count} events): events were deleted`,
    };
  }
  if (checkpoint.headSeq === '0') return { holds: true };
  if (hashAtHeadSeq !== checkpoint.headHash) {
    return {
      holds: false,
      firstBrokenSeq: checkpoint.headSeq,
      reason: `the event at seq ${checkpoint.headSeq} no longer has the checkpoint's hash: the chain was rewritten`,
    };
  }
  return { holds: true };
}

/**
 * Does the trail as it is now still hold the (authentic) v2 checkpoint?
 * `atHeadSeq` is the trail recomputed up to the checkpoint's headSeq (TrailVerifier's
 * watermark): the same events and the same chain heads, else some were deleted or rewritten.
 */
export function compareWithTrailCheckpoint(
  checkpoint: Pick<TrailHead, 'count' | 'headSeq' | 'headHash' | 'chains'>,
  atHeadSeq: { count: number; headHash: string; chains: number },
): CheckpointComparison {
  if (atHeadSeq.count < checkpoint.count || atHeadSeq.chains < checkpoint.chains) {
    return {
      holds: false,
      firstBrokenSeq: checkpoint.headSeq,
      reason: `up to seq ${checkpoint.headSeq} the trail now has ${atHeadSeq.count} events in ${atHeadSeq.chains} chains but the checkpoint saw ${checkpoint.count} in ${checkpoint.chains}: events were deleted`,
    };
  }
  if (atHeadSeq.count !== checkpoint.count || atHeadSeq.chains !== checkpoint.chains || atHeadSeq.headHash !== checkpoint.headHash) {
    return {
      holds: false,
      firstBrokenSeq: checkpoint.headSeq,
      reason: `up to seq ${checkpoint.headSeq} the chain heads no longer have the checkpoint's digest: the trail was rewritten`,
    };
  }
  return { holds: true };
}
