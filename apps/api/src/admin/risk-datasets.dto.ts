import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DATASET_KINDS, type DatasetKind as DatasetKindName } from '@app/risk-data';
import type { ParsedRow, SkippedRow } from '@app/risk-data';
import { PageQueryDto } from '../common/paging';
import { literalEnum } from '../common/openapi';

// The kinds of risk dataset (libs/risk-data); an object so validation messages and the schema stay as they were.
const DatasetKind = literalEnum(DATASET_KINDS);
type DatasetKind = DatasetKindName;

const NOT_BLANK = /\S/;

/**
 * Metadata of an import: the form fields of a multipart upload, or the query
 * parameters of a text/csv upload.
 */
export class ImportDatasetMetaDto {
  @IsEnum(DatasetKind)
  @ApiProperty({ enum: DatasetKind, enumName: 'DatasetKind' })
  kind!: DatasetKind;

  /** e.g. "US TIP Report 2026 — tier placements" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  /** Where the data comes from (publisher, edition, file), as an auditor would need to find it again. */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(NOT_BLANK, { message: 'source must not be blank' })
  source!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  licence?: string;

  /** YYYY-MM-DD: when the data was retrieved from its source. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'retrievedAt must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'retrievedAt must be a valid calendar date' })
  retrievedAt?: string;
}

export class DatasetListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(DatasetKind)
  @ApiPropertyOptional({ enum: DatasetKind, enumName: 'DatasetKind' })
  kind?: DatasetKind;
}

/** A dataset version's metadata; never its rows. */
export class RiskDatasetDto {
  id!: string;
  @ApiProperty({ enum: DatasetKind, enumName: 'DatasetKind' })
  kind!: DatasetKind;
  /** 1, 2, … per kind. */
  version!: number;
  name!: string;
  source!: string;
  licence!: string | null;
  /** YYYY-MM-DD or null. */
  retrievedAt!: string | null;
  rowCount!: number;
  /** SHA-256 (hex) of the imported file's bytes. */
  contentDigest!: string;
  /** At most one version per kind is active; evaluations use the active ones. */
  active!: boolean;
  createdById!: string | null;
  createdAt!: string;
}

export class SkippedRowDto {
  line!: number;
  iso2!: string;
  reason!: string;
}

export class ImportedRiskDatasetDto extends RiskDatasetDto {
  /** Valid rows without a value (PRICE_LEVELS with an empty ratio): not stored, listed for information. */
  @ApiProperty({ type: () => [SkippedRowDto] })
  skipped!: SkippedRow[];
}

export class RiskDatasetDetailDto extends RiskDatasetDto {
  /** The first stored rows (normalised, with their file line). */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true, description: 'A row of the kind (its columns), with `line`' } })
  preview!: ParsedRow[];
}
