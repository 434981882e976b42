import type { StoredAuditEvent } from '@app/audit-chain';
import { Transform } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_V2 } from '@app/audit-chain';
import { PageQueryDto } from '../common/paging';

export class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  tenderId?: string;

  /** Exact action, e.g. bid.submitted, or a prefix ending in '.', e.g. tender. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  /** Events at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Events before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class VerifyQueryDto {
  /** Verify only this tender's chain (its events, tenderSeq 1…n) instead of the whole trail. */
  @IsOptional()
  @IsUUID()
  tenderId?: string;
}

/** An event as stored: the hashed content plus its global and per-tender chain hashes. */
export class AuditEventDto implements StoredAuditEvent {
  /** Decimal string of the global sequence number ("1", "2", …). */
  seq!: string;
  id!: string;
  occurredAt!: string;
  actorId!: string | null;
  actorRole!: string | null;
  buyerId!: string | null;
  tenderId!: string | null;
  /** 1, 2, 3… per tender; null exactly when tenderId is null. */
  tenderSeq!: number | null;
  /** e.g. tender.publish, bid.submitted */
  action!: string;
  objectType!: string;
  objectId!: string | null;
  requestId!: string | null;
  /** The event's content, as hashed (decimals as strings). */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  payload!: unknown;
  prevHash!: string;
  hash!: string;
  tenderPrevHash!: string | null;
  tenderHash!: string | null;
  /** The one chain the event is on: tender:<id>, buyer:<id> or system; null for an event of the frozen legacy global chain. */
  chainKey!: string | null;
  /** 1, 2, 3… within chainKey (a tender's: tenderSeq); null for a legacy event. */
  chainSeq!: number | null;
}

/** A chain that does not verify (ids of other buyers withheld, as in `reason`). */
export class BrokenChainDto {
  /** tender:<id>, buyer:<id>, system or global (the frozen legacy chain). */
  chain!: string;
  /** Global seq of the chain's first bad event. */
  firstBrokenSeq!: string;
  reason!: string;
}

/** Per-chain validity of the whole trail. */
export class ChainsSummaryDto {
  /** Chains verified. */
  total!: number;
  /** Of which valid. */
  valid!: number;
  /** The broken ones (at most 100), by key. */
  broken!: BrokenChainDto[];
}

export class VerifyDto {
  /** Whole trail: every chain valid (and ending at its head row); ?tenderId: that tender's chain valid. */
  valid!: boolean;
  count!: number;
  /** Whole trail: SHA-256 over every chain's head (what a v2 checkpoint signs); ?tenderId: the tender chain's head hash. */
  headHash!: string;
  /** Seq of the first event at which verification failed (whole trail: the smallest over the broken chains). */
  firstBrokenSeq?: string;
  /** Why it failed there. */
  reason?: string;
  /** 'global' (the whole trail: every chain) or the tender id whose chain was verified. */
  chain!: string;
  verifiedAt!: string;
  /** Whole trail only: the highest global seq verified. */
  headSeq?: string;
  /** Whole trail only: per-chain validity. */
  chains?: ChainsSummaryDto;
}

/**
 * A signed checkpoint to keep outside the database (see docs/security.md): v2 (exported now) of every
 * chain's head as of global seq headSeq; v1 (exported before per-chain appends) of the global chain head.
 */
export class CheckpointDto {
  @ApiProperty({ enum: [CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_V2] })
  @IsIn([CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_V2])
  format!: typeof CHECKPOINT_FORMAT | typeof CHECKPOINT_FORMAT_V2;

  /** v2: number of chains with events up to headSeq (absent in v1). */
  @IsOptional()
  @IsInt()
  @Min(0)
  chains?: number;

  /** Number of events (v2: with seq ≤ headSeq). */
  @IsInt()
  @Min(0)
  count!: number;

  /** v1: seq of the newest event; v2: the global seq the trail was taken at. A decimal string ("0" for an empty chain). */
  @IsString()
  @Matches(/^(0|[1-9][0-9]{0,18})$/)
  headSeq!: string;

  /** v1: hash of the newest event; v2: SHA-256 over the chain heads at headSeq (libs/audit-chain headsDigest). */
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  headHash!: string;

  /** When the head was read (ISO 8601 UTC, milliseconds). */
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  at!: string;

  /** SHA-256 (hex) of the signing key's SPKI DER; GET /api/v1/audit-events/checkpoint-key publishes the key. */
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  keyId!: string;

  /** Ed25519 signature (base64) over the canonical JSON of the other members (v1: six, v2: seven with chains). */
  @IsString()
  @IsBase64()
  @MaxLength(200)
  signature!: string;
}

export enum CheckpointAlgorithm {
  Ed25519 = 'Ed25519',
}

export class CheckpointKeyDto {
  @ApiProperty({ enum: CheckpointAlgorithm, enumName: 'CheckpointAlgorithm' })
  algorithm!: CheckpointAlgorithm;
  keyId!: string;
  /** The public key, SPKI PEM. */
  publicKeyPem!: string;
}

export class CheckpointComparisonDto {
  headSeq!: string;
  headHash!: string;
  at!: string;
  /** The chain still holds the checkpoint's head: nothing up to it was deleted or rewritten. */
  holds!: boolean;
  reason?: string;
}

/** The chain verified and compared with a checkpoint kept outside: valid only when both hold. */
export class CheckpointVerifyDto extends VerifyDto {
  checkpoint!: CheckpointComparisonDto;
}
