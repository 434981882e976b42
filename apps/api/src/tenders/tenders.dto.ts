import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CRITERION_KINDS,
  PRICE_BASES,
  PRICE_METHODS,
  type CriterionKind as CriterionKindName,
  type PriceBasis as PriceBasisName,
  type PriceMethod as PriceMethodName,
} from '@app/evaluation';
import { PROCEDURES, TENDER_STATUSES, type TenderProcedure, type TenderStatus as TenderStatusName } from '@app/procedure';
import { IsDecimalString } from '../common/decimal';
import { CURRENCIES } from '../common/iso';
import { PageQueryDto } from '../common/paging';

/** A list of names as the enum object class-validator and Swagger take ({ OPEN: 'OPEN', … }; the database enums have the same members). */
function enumObject<T extends string>(names: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(names.map((n) => [n, n])) as { [K in T]: K };
}
const CriterionKind = enumObject(CRITERION_KINDS);
type CriterionKind = CriterionKindName;
const PriceMethod = enumObject(PRICE_METHODS);
type PriceMethod = PriceMethodName;
const PriceBasis = enumObject(PRICE_BASES);
type PriceBasis = PriceBasisName;
const Procedure = enumObject(PROCEDURES);
type Procedure = TenderProcedure;
const TenderStatus = enumObject(TENDER_STATUSES);
type TenderStatus = TenderStatusName;

export const CODE_RE = /^[A-Z][A-Z0-9_]{0,39}$/;
export const CONVENTION_RE = /^(C|P)\d{3}$/;
/** ISO 8601 date-time with an explicit offset or Z. */
export const DATETIME_OFFSET_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CriterionDto {
  /** Upper-case code, e.g. PRICE, QUALITY, HUMAN_RIGHTS, DELIVERY_DAYS. */
  @Matches(CODE_RE, { message: 'code must be upper-case letters, digits and _ (e.g. QUALITY)' })
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsEnum(CriterionKind)
  @ApiProperty({ enum: CriterionKind, enumName: 'CriterionKind' })
  kind!: CriterionKind;

  /** Percent as a decimal string; the weights of a tender sum to exactly 100. */
  @IsDecimalString({ min: '0', exclusiveMin: true, max: '100', maxScale: 6 })
  weight!: string;

  /** PRICE only; default LINEAR_SPAN. */
  @IsOptional()
  @IsEnum(PriceMethod)
  @ApiPropertyOptional({ enum: PriceMethod, enumName: 'PriceMethod' })
  priceMethod?: PriceMethod;

  /** LINEAR_SPAN only: k, default 0.5. */
  @IsOptional()
  @IsDecimalString({ min: '0', exclusiveMin: true, max: '10', maxScale: 6 })
  span?: string;
}

export class CreateTenderDto {
  /** The buyer's own reference, unique per buyer. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @IsEnum(Procedure)
  @ApiProperty({ enum: Procedure, enumName: 'Procedure' })
  procedure!: Procedure;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES as unknown as string[])
  currency!: string;

  /** ISO 8601 with offset, e.g. 2026-03-31T12:00:00+02:00 */
  @IsISO8601({ strict: true })
  @Matches(DATETIME_OFFSET_RE, { message: 'submissionDeadline must be an ISO 8601 date-time with an offset' })
  submissionDeadline!: string;

  @IsArray()
  @ArrayMaxSize(250)
  @IsISO31661Alpha2({ each: true })
  placesOfPerformance!: string[];

  /** Product categories (goods names as in the goods list, e.g. "Garments", "Cotton"). */
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  goods!: string[];

  /** Give either `criteria` or `templateId`. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria?: CriterionDto[];

  /** Copy the latest version of this criteria template instead of giving `criteria`. */
  @IsOptional()
  @IsUUID()
  templateId?: string;

  /** Tie-break chain, e.g. ["HUMAN_RIGHTS", "PRICE", "RECEIVED_AT"] (a criterion code: higher score first). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CODE_RE, { each: true, message: 'each tieBreak entry must be HUMAN_RIGHTS, PRICE, RECEIVED_AT or a criterion code' })
  tieBreak?: string[];

  /** Conventions required beyond the 8 of Annex 6, e.g. ["C155", "C187", "P029"]. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CONVENTION_RE, { each: true, message: 'each convention must look like C155 or P029' })
  additionalConventions?: string[];

  /** ABNORMALLY_LOW threshold, default 0.80. */
  @IsOptional()
  @IsDecimalString({ min: '0', exclusiveMin: true, max: '1', maxScale: 4 })
  abnormallyLowThreshold?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  requiredEvaluators?: number;

  @IsOptional()
  @IsEnum(PriceBasis)
  @ApiPropertyOptional({ enum: PriceBasis, enumName: 'PriceBasis' })
  priceBasis?: PriceBasis;

  /** The buyer's budget price, used as Pmin when priceBasis is REFERENCE. */
  @IsOptional()
  @IsDecimalString({ min: '0', exclusiveMin: true, maxScale: 4 })
  referencePrice?: string;

  /** Art. 29(1): adjust prices for the price levels of the countries of performance. */
  @IsOptional()
  @IsBoolean()
  priceLevelAdjustment?: boolean;
}

/** PATCH (DRAFT only, If-Match): any field of the create body but the template. */
/** Only the fields given change; an explicit null is refused (422): omit a field to keep its value. */
export class UpdateTenderDto extends PartialType(OmitType(CreateTenderDto, ['templateId'] as const)) {}

export class TenderQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(TenderStatus)
  @ApiPropertyOptional({ enum: TenderStatus, enumName: 'TenderStatus' })
  status?: TenderStatus;

  /** Case-insensitive part of the reference or title. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;
}

export class TenderCriterionDto {
  code!: string;
  name!: string;
  @ApiProperty({ enum: CriterionKind, enumName: 'CriterionKind' })
  kind!: CriterionKind;
  weight!: string;
  @ApiProperty({ enum: PriceMethod, enumName: 'PriceMethod', nullable: true })
  priceMethod!: PriceMethod | null;
  span!: string | null;
}

export class TenderDto {
  id!: string;
  buyerId!: string;
  reference!: string;
  title!: string;
  @ApiProperty({ enum: Procedure, enumName: 'Procedure' })
  procedure!: Procedure;
  currency!: string;
  submissionDeadline!: string;
  placesOfPerformance!: string[];
  goods!: string[];
  @ApiProperty({ enum: TenderStatus, enumName: 'TenderStatus' })
  status!: TenderStatus;
  version!: number;
  criteria!: TenderCriterionDto[];
  tieBreak!: string[];
  additionalConventions!: string[];
  abnormallyLowThreshold!: string;
  requiredEvaluators!: number;
  @ApiProperty({ enum: PriceBasis, enumName: 'PriceBasis' })
  priceBasis!: PriceBasis;
  referencePrice!: string | null;
  priceLevelAdjustment!: boolean;
  templateVersionId!: string | null;
  publishedAt!: string | null;
  closedAt!: string | null;
  cancelledAt!: string | null;
  concludedAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}
