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
export type AuditEventDto = StoredAuditEvent;

export interface VerifyDto {
  valid: boolean;
  count: number;
  headHash: string;
  firstBrokenSeq?: string;
  reason?: string;
  /** 'global' or the tender id whose chain was verified. */
  chain: string;
  verifiedAt: string;
}
