export { canonicalJson } from './canonical-json';
export { sha256Hex, digestOf } from './hash';
export {
  GENESIS_HASH,
  eventHash,
  sealAuditEvent,
  verifyChain,
  verifyTenderChain,
  ChainVerifier,
  type AuditEventContent,
  type StoredAuditEvent,
  type VerifyOptions,
  type VerifyResult,
} from './audit-chain';
export {
  LEGACY_CHAIN,
  chainKeyOf,
  sealChainEvent,
  headsDigest,
  verifyTrail,
  TrailVerifier,
  type ChainHeadEntry,
  type ChainResult,
  type TrailResult,
} from './chains';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_V2,
  compareWithTrailCheckpoint,
  signTrailCheckpoint,
  type TrailHead,
  checkCheckpoint,
  checkpointSigningText,
  compareWithCheckpoint,
  publicKeyId,
  signCheckpoint,
  type ChainHead,
  type CheckpointComparison,
  type CheckpointProblem,
  type SignedCheckpoint,
} from './checkpoint';
