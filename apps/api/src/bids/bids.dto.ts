import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsISO31661Alpha2,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EVIDENCE_KINDS, VIOLATION_STANDARDS, type EvidenceKind, type ViolationStandard } from '@app/evaluation';
import { IsCalendarDay } from '../common/calendar-day';
import { IsDecimalRecord, IsDecimalString } from '../common/decimal';
import { ART44_GROUNDS, mapOf } from '../common/openapi';
import { IdentifiersDto } from '../bidders/bidders.dto';
import { CONVENTION_RE, DATETIME_OFFSET_RE } from '../tenders/tenders.dto';

/** The lib's value lists as enum objects, for @IsEnum (its message lists the values). */
const EVIDENCE_KIND = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, k])) as { [K in EvidenceKind]: K };
const VIOLATION_STANDARD = Object.fromEntries(VIOLATION_STANDARDS.map((k) => [k, k])) as { [K in ViolationStandard]: K };

/** The largest price the database holds (numeric(20,4)): a larger one is a 422, not a failed insert. */
export const MAX_PRICE = '9999999999999999.9999';

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Art. 44 ground codes: 44-1-a … 44-1-j and 44-2-a … 44-2-h. */
export const GROUND_RE = /^44-(1-[a-j]|2-[a-h])$/;

/** Self-declarations of one supply-chain node (evaluation-method.md §1). */
export class DeclarationsDto {
  @IsOptional() @IsBoolean() labourProtection?: boolean;
  @IsOptional() @IsBoolean() workingConditions?: boolean;
  @IsOptional() @IsBoolean() equalPay?: boolean;
  /** BGSA reporting and authorisation duties. */
  @IsOptional() @IsBoolean() illegalEmploymentDuties?: boolean;
  @IsOptional() @IsBoolean() environmentalLaw?: boolean;
  @IsOptional() @IsBoolean() taxesAndSocialSecurityPaid?: boolean;
  /** The 8 ILO core conventions of Annex 6. */
  @IsOptional() @IsBoolean() iloCoreConventions?: boolean;

  /** Further conventions respected, e.g. ["C155", "P029"]. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CONVENTION_RE, { each: true, message: 'each convention must look like C155 or P029' })
  additionalConventions?: string[];

  /** Art. 12(4): the duties are written into this node's subcontracts. */
  @IsOptional() @IsBoolean() subcontractClause?: boolean;
}

export class EvidenceDto {
  @IsEnum(EVIDENCE_KIND)
  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' })
  kind!: EvidenceKind;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  issuer!: string;

  /** Day of issue. Calendar date: YYYY-MM-DD, or a date-time with offset standing for its day in Europe/Zurich; answered as YYYY-MM-DD. */
  @IsCalendarDay()
  issuedAt!: string;

  /** Last day of validity. Calendar date: YYYY-MM-DD, or a date-time with offset standing for its day in Europe/Zurich; answered as YYYY-MM-DD. */
  @IsOptional()
  @IsCalendarDay()
  validUntil?: string;
}

export class ViolationDto {
  @ApiProperty({ enum: ART44_GROUNDS, enumName: 'Art44Ground' })
  @Matches(GROUND_RE, { message: 'ground must be an Art. 44 code such as 44-1-a or 44-2-f' })
  ground!: string;

  @IsEnum(VIOLATION_STANDARD)
  @ApiProperty({ enum: VIOLATION_STANDARDS, enumName: 'ViolationStandard' })
  standard!: ViolationStandard;

  /** Day of the violation. Calendar date: YYYY-MM-DD, or a date-time with offset standing for its day in Europe/Zurich; answered as YYYY-MM-DD. */
  @IsCalendarDay()
  occurredAt!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source!: string;

  @IsString()
  @MaxLength(5000)
  description!: string;
}

/** One node of the supply chain: the root is the bidder itself; children are subcontractors. */
export class SupplyChainNodeDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  /** ISO 3166-1 alpha-2; omit when undisclosed. */
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IdentifiersDto)
  identifiers?: IdentifiersDto;

  /** Share of the parent's work in percent (0–100); the root's is 100. */
  @IsDecimalString({ min: '0', max: '100', maxScale: 6 })
  sharePercent!: string;

  /** Goods / product categories, matched case-insensitively to the goods list. */
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  goods!: string[];

  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationsDto)
  declarations!: DeclarationsDto;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence!: EvidenceDto[];

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ViolationDto)
  violations!: ViolationDto[];

  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SupplyChainNodeDto)
  subcontractors!: SupplyChainNodeDto[];
}

export class CreateBidDto {
  @IsUUID()
  bidderId!: string;

  /** When the bid was received (ISO 8601 with offset). */
  @IsISO8601({ strict: true })
  @Matches(DATETIME_OFFSET_RE, { message: 'receivedAt must be an ISO 8601 date-time with an offset' })
  receivedAt!: string;

  /** Total price in the tender's currency, as a decimal string. */
  // At most MAX_PRICE (numeric(20,4)): a larger price is refused here, not by the insert.
  @IsDecimalString({ min: '0', exclusiveMin: true, maxScale: 4, max: MAX_PRICE })
  price!: string;

  /** Figures for NUMBER_* criteria: {CODE: "decimal"}. */
  @ApiPropertyOptional(mapOf('string'))
  @IsOptional()
  @IsObject()
  @IsDecimalRecord({ min: '0', maxScale: 6 })
  figures?: Record<string, string>;

  @IsObject()
  @ValidateNested()
  @Type(() => SupplyChainNodeDto)
  supplyChain!: SupplyChainNodeDto;
}

export class IdentifiersOutDto {
  uid!: string | null;
  lei!: string | null;
  vat!: string | null;
}

export class DeclarationsOutDto {
  labourProtection!: boolean | null;
  workingConditions!: boolean | null;
  equalPay!: boolean | null;
  illegalEmploymentDuties!: boolean | null;
  environmentalLaw!: boolean | null;
  taxesAndSocialSecurityPaid!: boolean | null;
  iloCoreConventions!: boolean | null;
  additionalConventions!: string[];
  subcontractClause!: boolean | null;
}

export class EvidenceOutDto {
  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' })
  kind!: EvidenceKind;
  issuer!: string;
  /** YYYY-MM-DD */
  issuedAt!: string;
  /** YYYY-MM-DD or null. */
  validUntil!: string | null;
}

export class ViolationOutDto {
  @ApiProperty({ enum: ART44_GROUNDS, enumName: 'Art44Ground' })
  ground!: string;
  @ApiProperty({ enum: VIOLATION_STANDARDS, enumName: 'ViolationStandard' })
  standard!: ViolationStandard;
  /** YYYY-MM-DD */
  occurredAt!: string;
  source!: string;
  description!: string;
}

/** A stored supply-chain node with its subcontractors, as submitted. */
export class SupplyChainNodeOut {
  name!: string;
  country!: string | null;
  identifiers!: IdentifiersOutDto;
  sharePercent!: string;
  goods!: string[];
  declarations!: DeclarationsOutDto;
  evidence!: EvidenceOutDto[];
  violations!: ViolationOutDto[];
  @ApiProperty({ type: () => [SupplyChainNodeOut] })
  subcontractors!: SupplyChainNodeOut[];
}

/** One bid of a tender's bid list: the supply chain itself is on GET …/bids/:bidId. */
export class BidSummaryDto {
  id!: string;
  tenderId!: string;
  bidderId!: string;
  bidderName!: string;
  receivedAt!: string;
  price!: string;
  currency!: string;
  @ApiProperty(mapOf('string'))
  figures!: Record<string, string>;
  /** Supply-chain nodes, the bidder included. */
  nodeCount!: number;
  createdAt!: string;
}

export class BidDto {
  id!: string;
  tenderId!: string;
  bidderId!: string;
  bidderName!: string;
  receivedAt!: string;
  price!: string;
  currency!: string;
  /** Figures for NUMBER_* criteria: {CODE: "decimal"}. */
  @ApiProperty(mapOf('string'))
  figures!: Record<string, string>;
  supplyChain!: SupplyChainNodeOut;
  createdAt!: string;
}
