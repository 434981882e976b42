import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SANCTION_LIST_FORMATS, type SanctionListFormat } from '@app/interop';
import { PageQueryDto } from '../common/paging';
import { SanctionDto } from './sanctions.dto';
import { literalEnum } from '../common/openapi';

const SanctionListFormatEnum = literalEnum(SANCTION_LIST_FORMATS);

const NOT_BLANK = /\S/;

/** Metadata of a list import: form fields of a multipart upload, or query parameters of a raw body. */
export class ImportSanctionListMetaDto {
  /** The list's name, e.g. "SECO debarment list"; a second import under the same name is its next version and supersedes the previous one. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  /** Where the file comes from (publisher, edition, address), as an auditor would need to find it again. */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(NOT_BLANK, { message: 'source must not be blank' })
  source!: string;

  /** CSV or JSON; default from the upload's content type (text/csv, application/json) or file name. */
  @IsOptional()
  @IsEnum(SanctionListFormatEnum)
  format?: SanctionListFormat;

  /** JSON object {ourField: theirColumn} for a foreign layout, e.g. {"name":"Firm","country":"ISO"}. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  mapping?: string;

  /** JSON object {field: value} for fields the file lacks, e.g. {"scope":"ALL_FEDERAL","ground":"44-1-e"}. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  defaults?: string;
}

export class SanctionListQueryDto extends PageQueryDto {}

export class SanctionListDto {
  id!: string;
  name!: string;
  /** 1, 2, … per list name. */
  version!: number;
  source!: string;
  @ApiProperty({ enum: SanctionListFormatEnum, enumName: 'SanctionListFormat' })
  format!: SanctionListFormat;
  /** SHA-256 (hex) of the imported file's bytes. */
  contentDigest!: string;
  /** The column mapping used, or null. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  mapping!: Record<string, string> | null;
  entryCount!: number;
  /** Only the newest version of a list matches; older versions stay on record. */
  active!: boolean;
  createdById!: string | null;
  createdAt!: string;
}

export class SanctionListEntryDto extends SanctionDto {
  aliases!: string[];
  source!: string | null;
  /** Line (CSV) or position (JSON) in the imported file. */
  line!: number | null;
}

export class SanctionListDetailDto extends SanctionListDto {
  @ApiProperty({ type: [SanctionListEntryDto] })
  entries!: SanctionListEntryDto[];
}

export class SanctionListPageDto {
  @ApiProperty({ type: [SanctionListDto] })
  items!: SanctionListDto[];
  page!: number;
  pageSize!: number;
  total!: number;
}

/** An error in the file: `field` is "line 7, column country" (JSON: "entry 3, field country"); line and column as members. */
export class ImportErrorDto {
  field!: string;
  message!: string;
  line!: number;
  column!: string | null;
}
