import type { StoredAuditEvent } from '@app/audit-chain';
import { Transform } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CHECKPOINT_FORMAT } from '@app/audit-chain';
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
  /** Verify only this tender's chain (its events, tenderSeq 1…n) instead of the global chain. */
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
}

export class VerifyDto {
  valid!: boolean;
  count!: number;
  headHash!: string;
  /** Seq of the first event at which verification failed. */
  firstBrokenSeq?: string;
  /** Why it failed there. */
  reason?: string;
  /** 'global' or the tender id whose chain was verified. */
  chain!: string;
  verifiedAt!: string;
}

/** A signed checkpoint of the global chain head, to keep outside the database (see docs/audit.md). */
export class CheckpointDto {
  @ApiProperty({ enum: [CHECKPOINT_FORMAT] })
  @IsIn([CHECKPOINT_FORMAT])
  format!: typeof CHECKPOINT_FORMAT;

  /** Number of events in the chain. */
  @IsInt()
  @Min(0)
  count!: number;

  /** seq of the newest event, a decimal string ("0" for an empty chain). */
  @IsString()
  @Matches(/^(0|[1-9][0-9]{0,18})$/)
  headSeq!: string;

  /** hash of the newest event. */
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

  /** Ed25519 signature (base64) over the canonical JSON of the six members above. */
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
