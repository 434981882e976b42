import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { RiskModelConstants } from '@app/evaluation';

/** TIP tier → score (decimal strings). */
export class TierScoresDto {
  @ApiProperty({ name: '1' }) '1'!: string;
  @ApiProperty({ name: '2' }) '2'!: string;
  @ApiProperty({ name: '2WL' }) '2WL'!: string;
  @ApiProperty({ name: '3' }) '3'!: string;
  special!: string;
  /** Countries not in the dataset. */
  missing!: string;
}

export class CountryRiskWeightsDto {
  tier!: string;
  iloGap!: string;
  prevalence!: string;
}

export class ProductRiskDto {
  forcedLabour!: string;
  childLabour!: string;
  listedElsewhere!: string;
  downstream!: string;
}

export class MitigationDto {
  socialAudit!: string;
  certification!: string;
  remediationPlan!: string;
  cap!: string;
}

/** The constants of evaluation-method.md §4; decimals as strings. */
export class RiskModelConstantsDto implements RiskModelConstants {
  tierScores!: TierScoresDto;
  /** Country-risk weights without a prevalence table. */
  weightsWithoutPrevalence!: CountryRiskWeightsDto;
  /** Country-risk weights with an active prevalence table. */
  weightsWithPrevalence!: CountryRiskWeightsDto;
  /** prevalence(c) = min(1, per1000 / prevalenceDivisor). */
  prevalenceDivisor!: string;
  productRisk!: ProductRiskDto;
  mitigation!: MitigationDto;
  /** A SOCIAL_AUDIT counts when issued within this many months before the deadline. */
  socialAuditMonths!: number;
  /** Violations count when they occurred within this many years before the deadline. */
  violationLookbackYears!: number;
  /** LINEAR_SPAN default k. */
  defaultSpan!: string;
  /** Default abnormally-low threshold for new tenders. */
  defaultAbnormallyLowThreshold!: string;
}

export class PutRiskModelDto {
  /**
   * Every constant of evaluation-method.md §4 (full replacement): decimals as
   * strings, probabilities and weights in [0, 1], each weight set summing to
   * exactly 1, socialAuditMonths and violationLookbackYears whole numbers ≥ 1.
   * Checked member by member by riskModelErrors (libs/risk-data).
   */
  @IsObject()
  @ApiProperty({ type: () => RiskModelConstantsDto })
  constants!: RiskModelConstants;

  /** Why the constants changed (kept with the version). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RiskModelDto {
  id!: string;
  version!: number;
  constants!: RiskModelConstantsDto;
  active!: boolean;
  note!: string | null;
  createdById!: string | null;
  createdAt!: string;
}
