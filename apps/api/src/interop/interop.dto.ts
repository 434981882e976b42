import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { RED_FLAG_CODES, type RedFlagThresholds } from '@app/interop';
import { PageQueryDto } from '../common/paging';

export enum RedFlagCodeEnum {
  SINGLE_BID = 'SINGLE_BID',
  ALL_BUT_WINNER_DISQUALIFIED = 'ALL_BUT_WINNER_DISQUALIFIED',
  LOWEST_PRICE_DISQUALIFIED = 'LOWEST_PRICE_DISQUALIFIED',
  IDENTICAL_BID_PRICES = 'IDENTICAL_BID_PRICES',
  BID_PRICES_CLUSTERED = 'BID_PRICES_CLUSTERED',
  BID_PRICES_NEAR_REFERENCE = 'BID_PRICES_NEAR_REFERENCE',
  WINNER_NEAR_REFERENCE = 'WINNER_NEAR_REFERENCE',
  WINNER_CHANGED = 'WINNER_CHANGED',
  SHORT_SUBMISSION_PERIOD = 'SHORT_SUBMISSION_PERIOD',
}
// The enum above is the OpenAPI face of the library's closed list; a new code must be added to both.
const _sameCodes: Record<(typeof RED_FLAG_CODES)[number], RedFlagCodeEnum> = RedFlagCodeEnum;
void _sameCodes;

export enum RedFlagStatusEnum {
  RAISED = 'RAISED',
  NOT_RAISED = 'NOT_RAISED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export class OcdsPublisherDto {
  name!: string;
}

/** An OCDS 1.1 release package (release-package-schema.json of OCDS 1.1.5); the release fields are described in docs/interoperability.md. */
export class OcdsReleasePackageDto {
  /** Where this package is served. */
  uri!: string;
  /** "1.1" */
  version!: string;
  /** URLs of the OCDS extensions used (the bids extension). */
  extensions!: string[];
  /** The last change of anything the release shows. */
  publishedDate!: string;
  @ApiProperty({ type: OcdsPublisherDto })
  publisher!: OcdsPublisherDto;
  /** One release: ocid, tender, parties, bids, awards and the x_tenderEvaluation namespace. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  releases!: Record<string, unknown>[];
}

export class RedFlagThresholdsValuesDto implements RedFlagThresholds {
  /** BID_PRICES_CLUSTERED: highest − lowest at most this percent of the lowest price. */
  priceClusterPercent!: string;
  /** BID_PRICES_NEAR_REFERENCE: every price within this percent of the reference price. */
  referenceClusterPercent!: string;
  /** WINNER_NEAR_REFERENCE: the winner's price within this percent of the reference price. */
  winnerReferencePercent!: string;
  /** WINNER_CHANGED: at least this many changes of the first-ranked bid. */
  winnerChangesMin!: number;
  /** SHORT_SUBMISSION_PERIOD: publication to deadline shorter than this many days. */
  minSubmissionDays!: string;
}

export class RedFlagThresholdVersionDto {
  id!: string;
  version!: number;
  @ApiProperty({ type: RedFlagThresholdsValuesDto })
  thresholds!: RedFlagThresholdsValuesDto;
  active!: boolean;
  note!: string | null;
  createdById!: string | null;
  createdAt!: string;
}

export class PutRedFlagThresholdsDto {
  /**
   * Every threshold (full replacement): percentages and days as decimal
   * strings (0–100 and 0–365, at most 6 decimal places), winnerChangesMin a
   * whole number 1–1000. Checked field by field by redFlagThresholdErrors.
   */
  @IsObject()
  @ApiProperty({ type: RedFlagThresholdsValuesDto })
  thresholds!: RedFlagThresholds;

  /** Why the thresholds changed (kept with the version). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RedFlagDto {
  @ApiProperty({ enum: RedFlagCodeEnum, enumName: 'RedFlagCode' })
  code!: RedFlagCodeEnum;
  @ApiProperty({ enum: RedFlagStatusEnum, enumName: 'RedFlagStatus' })
  status!: RedFlagStatusEnum;
  /** In the language of Accept-Language (en, fr, de, it). */
  title!: string;
  definition!: string;
  /**
   * The threshold the rule used, as configured: a decimal string (percent or
   * days), a whole number (WINNER_CHANGED's count), or null for rules without one.
   */
  // Each branch carries `nullable` (OpenAPI 3.0 has no null type); a top-level
  // `nullable` would make the generator keep the plugin's `type: object` beside the union.
  @ApiProperty({
    anyOf: [
      { type: 'string', nullable: true, description: 'Percent or days, decimal string (e.g. "1", "20").' },
      { type: 'integer', nullable: true, description: 'WINNER_CHANGED: the number of changes.' },
    ],
  })
  threshold!: string | number | null;
  /** The exact figures behind the outcome: decimal strings, counts, bid ids. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  numbers!: Record<string, unknown>;
}

export class TenderRedFlagsDto {
  tenderId!: string;
  reference!: string;
  title!: string;
  /** The evaluation the flags were computed from (null before the first one). */
  evaluationId!: string | null;
  /** The threshold version used. */
  thresholdsVersion!: number;
  /** Number of RAISED flags. */
  raised!: number;
  /** Every flag, raised or not, in a fixed order. */
  @ApiProperty({ type: [RedFlagDto] })
  flags!: RedFlagDto[];
}

export class RedFlagsPageDto {
  @ApiProperty({ type: [TenderRedFlagsDto] })
  items!: TenderRedFlagsDto[];
  page!: number;
  pageSize!: number;
  total!: number;
}

export class RedFlagsQueryDto extends PageQueryDto {}
