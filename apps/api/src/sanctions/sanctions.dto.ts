import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDay } from '../common/calendar-day';
import {
  IsEnum,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { SANCTION_SCOPES, type SanctionScope } from '@app/interop';
import { PageQueryDto } from '../common/paging';
import { ART44_GROUNDS, literalEnum } from '../common/openapi';

const SanctionScopeEnum = literalEnum(SANCTION_SCOPES);

/** Art. 44 ground codes: 44-1-a … 44-1-j, 44-2-a … 44-2-h (evaluation-method.md §2). */
export const GROUND_RE = /^44-(1-[a-j]|2-[a-h])$/;
const IDENTIFIER_KEYS = ['uid', 'lei', 'vat'];

/** Either a list of identifiers or the {uid, lei, vat} object bidders use; both are stored as a list. */
function identifiersError(value: unknown): string | null {
  const ok = (x: unknown) => typeof x === 'string' && x.trim().length >= 1 && x.length <= 64;
  if (Array.isArray(value)) {
    if (value.length > 20) return 'identifiers: at most 20';
    return value.every(ok) ? null : 'identifiers must be strings of 1–64 characters';
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.some(([k]) => !IDENTIFIER_KEYS.includes(k))) return 'identifiers: only uid, lei and vat';
    return entries.every(([, v]) => v === null || ok(v)) ? null : 'identifiers must be strings of 1–64 characters';
  }
  return 'identifiers must be a list of strings or an object {uid?, lei?, vat?}';
}

function IsIdentifiers(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIdentifiers',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (v: unknown) => identifiersError(v) === null, defaultMessage: (a) => identifiersError(a?.value) ?? 'invalid identifiers' },
    });
}

export function identifierList(value: CreateSanctionDto['identifiers']): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : Object.values(value).filter((x): x is string => typeof x === 'string');
  return [...new Set(list.map((x) => x.trim()))];
}

export class CreateSanctionDto {
  /** The sanctioned tenderer or subcontractor, as registered. */
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  /** UID / LEI / VAT numbers; matched whatever their separators and case. */
  @IsOptional()
  @IsIdentifiers()
  @ApiProperty({
    required: false,
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'object', properties: { uid: { type: 'string' }, lei: { type: 'string' }, vat: { type: 'string' } } },
    ],
  })
  identifiers?: string[] | { uid?: string; lei?: string; vat?: string };

  /** ISO 3166-1 alpha-2; a match by name needs the same country. */
  @IsISO31661Alpha2()
  country!: string;

  /** Art. 44 ground code, e.g. 44-1-e (corruption). */
  @Matches(GROUND_RE, { message: 'ground must be an Art. 44 code 44-1-a … 44-1-j or 44-2-a … 44-2-h' })
  @ApiProperty({ enum: ART44_GROUNDS, enumName: 'Art44Ground' })
  ground!: string;

  /** Reasons of the sanction (Art. 45: the list records them). */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reasons?: string;

  /** First day of the exclusion (inclusive). Calendar date: YYYY-MM-DD, or a date-time with offset standing for its day in Europe/Zurich; answered as YYYY-MM-DD. */
  @IsCalendarDay()
  from!: string;

  /** Last day of the exclusion (inclusive); at most 5 years after `from` (Art. 45(1)). Calendar date: YYYY-MM-DD, or a date-time with offset standing for its day in Europe/Zurich; answered as YYYY-MM-DD. */
  @IsCalendarDay()
  until!: string;

  /** BUYER: the contracting authority concerned (buyerId); ALL_FEDERAL: every federal buyer (corruption, Art. 45(1)). */
  @IsEnum(SanctionScopeEnum)
  @ApiProperty({ enum: SanctionScopeEnum, enumName: 'SanctionScope' })
  scope!: SanctionScope;

  @IsOptional()
  @IsUUID()
  buyerId?: string;
}

export const SANCTION_STATUSES = ['ACTIVE', 'EXPIRED', 'UPCOMING'] as const;
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];

export class SanctionQueryDto extends PageQueryDto {
  /** ACTIVE: today (Zurich) within [from, until]; EXPIRED: past until; UPCOMING: before from. */
  @IsOptional()
  @IsIn(SANCTION_STATUSES as unknown as string[])
  status?: SanctionStatus;
}

export class SanctionDto {
  id!: string;
  name!: string;
  /** The name as matched: case, accents, spacing and legal-form suffixes removed. */
  normalizedName!: string;
  identifiers!: string[];
  country!: string;
  @ApiProperty({ enum: ART44_GROUNDS, enumName: 'Art44Ground' })
  ground!: string;
  reasons!: string | null;
  from!: string;
  until!: string;
  @ApiProperty({ enum: SanctionScopeEnum, enumName: 'SanctionScope' })
  scope!: SanctionScope;
  buyerId!: string | null;
  /** As of today, Europe/Zurich. Entries past `until` no longer match any tender whose deadline is later. */
  @ApiProperty({ enum: SANCTION_STATUSES })
  status!: SanctionStatus;
  createdById!: string | null;
  createdAt!: string;
}
