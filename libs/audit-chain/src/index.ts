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
  CHECKPOINT_FORMAT,
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
