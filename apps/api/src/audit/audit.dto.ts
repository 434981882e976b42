import { ApiProperty } from '@nestjs/swagger';
import type { StoredAuditEvent } from '@app/audit-chain';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
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
