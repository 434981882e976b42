import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  AWARD_STATUSES,
  EXCLUSION_STATUSES,
  FINDING_CONCLUSIONS,
  PROCEDURES,
  SEVERITIES,
  type AwardStatus,
  type DecisiveAdvantage,
  type ExclusionStatus,
  type FindingConclusion,
  type FindingStateName,
  type Procedure,
  type Severity as FindingSeverity,
} from '@app/procedure';
import { GROUND_RE } from '../sanctions/sanctions.dto';
import { PageQueryDto } from '../common/paging';
import { ART44_GROUNDS } from '../common/openapi';

const NOT_BLANK = /\S/;
const GROUND_MESSAGE = 'ground must be an Art. 44 code 44-1-a … 44-1-j or 44-2-a … 44-2-h';

export class FindingsQueryDto extends PageQueryDto {
  /** A given evaluation of the tender; default the latest. */
  @IsOptional()
  @IsUUID()
  evaluationId?: string;

  /** Only the findings that still block an award to their bid (true) or only the others (false). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;
}

export class ResolveFindingDto {
  /** What the bidder answered when asked (the hearing). */
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  @Matches(NOT_BLANK, { message: 'bidderAnswer must not be blank' })
  bidderAnswer!: string;

  /** ACCEPTED settles the finding; ESCALATED opens a proposed exclusion (which a second officer confirms or rejects). */
  @IsIn(FINDING_CONCLUSIONS)
  @ApiProperty({ enum: FINDING_CONCLUSIONS, enumName: 'FindingConclusion' })
  conclusion!: FindingConclusion;

  /** ESCALATED only: the Art. 44 ground of the proposed exclusion; default the one the finding cites (else 44-1-a). */
  @IsOptional()
  @Matches(GROUND_RE, { message: GROUND_MESSAGE })
  @ApiPropertyOptional({ enum: ART44_GROUNDS, enumName: 'Art44Ground' })
  ground?: string;

  /** ESCALATED only: the reasons of the proposed exclusion; default the finding and the bidder's answer. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  @Matches(NOT_BLANK, { message: 'reasons must not be blank' })
  reasons?: string;
}

export class ProposeExclusionDto {
  @IsUUID()
  bidId!: string;

  /** The node the ground concerns (names from the bidder down); default the bidder itself. The whole bid is excluded either way. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  nodePath?: string[];

  /** Art. 44 ground code. */
  @Matches(GROUND_RE, { message: GROUND_MESSAGE })
  @ApiProperty({ enum: ART44_GROUNDS, enumName: 'Art44Ground' })
  ground!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  @Matches(NOT_BLANK, { message: 'reasons must not be blank' })
  reasons!: string;

  /** The EXCLUSION_GROUND finding this proposal decides (its decision then carries over to later evaluations). */
  @IsOptional()
  @IsUUID()
  findingId?: string;
}

export class DecideExclusionDto {
  /** Why the second officer confirms or rejects. */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  note?: string;
}

export class ExclusionsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(EXCLUSION_STATUSES)
  @ApiPropertyOptional({ enum: EXCLUSION_STATUSES, enumName: 'ExclusionStatus' })
  status?: ExclusionStatus;
}

export class TieSettlementDto {
  /** How the tie was settled, e.g. DRAWING_LOTS. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: 'method must not be blank' })
  method!: string;

  /** Who supervised, when, what happened. */
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note!: string;

  /** The bid chosen among those tied for the first rank. */
  @IsUUID()
  bidId!: string;
}

export class CreateAwardDto {
  /** Must be the tender's latest evaluation. */
  @IsUUID()
  evaluationId!: string;

  /** Required when bids share the first rank after the tie-break chain (evaluation-method.md §5). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TieSettlementDto)
  tieSettlement?: TieSettlementDto;
}

export class ExclusionDto {
  id!: string;
  tenderId!: string;
  bidId!: string;
  bidderName!: string;
  nodePath!: string[];
  /** The finding identity this decision settles, when it came from a finding. */
  findingKey!: string | null;
  @ApiProperty({ enum: ART44_GROUNDS, enumName: 'Art44Ground' })
  ground!: string;
  /** e.g. "Art. 44(1)(a)" */
  legalBasis!: string;
  reasons!: string;
  @ApiProperty({ enum: EXCLUSION_STATUSES, enumName: 'ExclusionStatus' })
  status!: ExclusionStatus;
  proposedById!: string;
  proposedAt!: string;
  decidedById!: string | null;
  decidedAt!: string | null;
  decisionNote!: string | null;
  /** Confirm only: the award this confirmation revoked (an exclusion of the winner after the award). */
  revokedAwardId?: string | null;
}

export class ResolutionDto {
  id!: string;
  tenderId!: string;
  findingId!: string | null;
  findingKey!: string;
  bidId!: string;
  code!: string;
  nodePath!: string[];
  bidderAnswer!: string;
  @ApiProperty({ enum: FINDING_CONCLUSIONS, enumName: 'FindingConclusion' })
  conclusion!: FindingConclusion;
  /** ESCALATED: the exclusion proposed from it. */
  exclusion!: ExclusionDto | null;
  resolvedById!: string;
  resolvedAt!: string;
}

const FINDING_STATES = [
  'INFO',
  'OPEN',
  'PROPOSED',
  'EXCLUDED',
  'NOT_EXCLUDED',
  'BID_EXCLUDED',
  'ACCEPTED',
  'ESCALATED',
] as const satisfies readonly FindingStateName[];

/** A finding's resolution, without the exclusion it may have proposed (listed with the finding). */
export class FindingResolutionDto extends OmitType(ResolutionDto, ['exclusion'] as const) {}

/** Art. 51(3): a criterion where the winner leads the runner-up. */
export class DecisiveAdvantageDto implements DecisiveAdvantage {
  criterion!: string;
  points!: string;
  runnerUpPoints!: string;
  difference!: string;
}

export class FindingDto {
  id!: string;
  evaluationId!: string;
  evaluationSeq!: number;
  bidId!: string;
  bidderName!: string;
  code!: string;
  legalBasis!: string;
  @ApiProperty({ enum: SEVERITIES, enumName: 'FindingSeverity' })
  severity!: FindingSeverity;
  nodePath!: string[];
  findingKey!: string;
  message!: string;
  /** Where the finding stands in the decision record. */
  @ApiProperty({ enum: FINDING_STATES, enumName: 'FindingState' })
  state!: FindingStateName;
  /** True while it blocks an award to its bid. */
  open!: boolean;
  @ApiProperty({ type: () => FindingResolutionDto, nullable: true })
  resolution!: Omit<ResolutionDto, 'exclusion'> | null;
  /** Exclusion decisions on this finding (at most one). */
  exclusions!: ExclusionDto[];
}

/** How a tie for the first rank was settled (evaluation-method.md §5). */
export class TieSettlementOutDto {
  method!: string;
  note!: string;
  bidId!: string;
  /** The bids that shared the first rank. */
  tiedBidIds!: string[];
}

export class AwardDto {
  id!: string;
  tenderId!: string;
  evaluationId!: string;
  evaluationSeq!: number;
  @ApiProperty({ enum: AWARD_STATUSES, enumName: 'AwardStatus' })
  status!: AwardStatus;
  /** Art. 51(3): procedure type, winner, total price and decisive advantages. */
  @ApiProperty({ enum: PROCEDURES, enumName: 'Procedure' })
  procedure!: Procedure;
  winnerBidId!: string;
  winnerName!: string;
  price!: string;
  currency!: string;
  runnerUpBidId!: string | null;
  decisiveAdvantages!: DecisiveAdvantageDto[];
  tieSettlement!: TieSettlementOutDto | null;
  notifiedAt!: string;
  /** End of the appeal period (Art. 56): 23:59:59.999 Europe/Zurich of its last day. */
  appealDeadline!: string;
  /** The same instant in Zurich local time with its offset. */
  appealDeadlineLocal!: string;
  awardedById!: string;
  createdAt!: string;
  revokedAt!: string | null;
  /** The confirmed exclusion of the winner that revoked this award. */
  revokingExclusion!: ExclusionDto | null;
}
