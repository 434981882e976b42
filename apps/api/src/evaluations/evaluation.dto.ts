import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINDING_ORDER, FINDING_SEVERITIES, type FindingCode, type FindingSeverity } from '@app/evaluation';
import { mapOf } from '../common/openapi';

/** What the engine can find (evaluation-method.md §2; the list lives in the engine), plus the re-screening's finding after an award. */
export const FINDING_CODES: readonly (FindingCode | 'DURING_EXECUTION')[] = [...FINDING_ORDER, 'DURING_EXECUTION'];

export class EvaluationFindingDto {
  /** The stored finding (for resolve and exclusions). */
  id!: string | null;
  @ApiProperty({ enum: FINDING_CODES, enumName: 'FindingCode' })
  code!: (typeof FINDING_CODES)[number];
  /** e.g. "Art. 12(1), 44(1)(a)" */
  legalBasis!: string;
  @ApiProperty({ enum: FINDING_SEVERITIES, enumName: 'FindingSeverity' })
  severity!: FindingSeverity;
  /** Names from the root (the bidder) to the node. */
  nodePath!: string[];
  message!: string;
  /** Structured details (SANCTIONED_POSSIBLE_MATCH: the resembling entries with their scores and the threshold). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  data?: Record<string, unknown>;
}

export class CriterionScoreDto {
  /** The raw value the score came from (price, adjusted price, mean grade, figure, R). */
  raw!: string | null;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  rawFraction?: string | null;
  score!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  scoreFraction?: string;
  points!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  pointsFraction?: string;
}

export class NodeRiskDto {
  path!: string[];
  country!: string | null;
  goods!: string[];
  countryRisk!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  countryRiskFraction?: string;
  productRisk!: string;
  inherent!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  inherentFraction?: string;
  mitigation!: string;
  residual!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  residualFraction?: string;
  sharePercent!: string;
  effectiveShare!: string;
  ownShare!: string;
  contribution!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  contributionFraction?: string;
  /** Human-readable parts of the computation. */
  explanation!: string[];
  /** Unknown ratifications, missing prevalence, … */
  dataGaps!: string[];
}

export class BidRiskDto {
  residual!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  residualFraction?: string;
  nodes!: NodeRiskDto[];
  largestContributor!: string[];
}

@ApiExtraModels(CriterionScoreDto)
export class EvaluatedBidDto {
  bidId!: string;
  bidderName!: string;
  admissible!: boolean;
  /** Why not admissible. */
  @ApiProperty({ enum: ['EXCLUDED', 'LATE'], enumName: 'InadmissibleReason', nullable: true, required: false })
  inadmissibleReason?: 'EXCLUDED' | 'LATE' | null;
  findings!: EvaluationFindingDto[];
  /** Per criterion code; empty for bids that are not admissible. */
  @ApiProperty(mapOf(CriterionScoreDto))
  scores!: Record<string, CriterionScoreDto>;
  total!: string | null;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  totalFraction?: string | null;
  rank!: number | null;
  price!: string;
  adjustedPrice!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  adjustedPriceFraction?: string;
  /** Present only when the tender uses the price-level adjustment. */
  priceLevelFactor?: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  priceLevelFactorFraction?: string;
  risk!: BidRiskDto;
  tieUnresolved!: boolean;
}

export class SensitivityDto {
  criterion!: string;
  /** Percentage points; null where no swap. */
  delta!: string | null;
  /** The same δ as an exact reduced fraction "p/q". */
  deltaFraction!: string | null;
  swapWeight!: string | null;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  swapWeightFraction?: string | null;
}

export class IiaDto {
  removedBidId!: string;
  winnerBidId!: string;
}

export class EffectivePriceWeightDto {
  nominal!: string;
  effective!: string;
  /** Exact value as a reduced fraction "n/d" (method version 2; absent in version-1 records). */
  effectiveFraction?: string;
}

export class TieDto {
  rank!: number;
  bidIds!: string[];
}

export class DatasetVersionRefDto {
  id!: string;
  version!: number;
  name!: string;
  contentDigest!: string;
}

@ApiExtraModels(DatasetVersionRefDto)
export class EvaluationDto {
  id!: string;
  tenderId!: string;
  seq!: number;
  createdAt!: string;
  createdById!: string | null;
  methodVersion!: string;
  riskModelVersion!: number;
  /** The dataset versions used, by kind. */
  @ApiProperty(mapOf(DatasetVersionRefDto))
  datasetVersions!: Record<string, DatasetVersionRefDto>;
  /** SHA-256 of the canonical inputs. */
  inputsDigest!: string;
  /** SHA-256 of the canonical snapshot (inputs, versions, results). */
  digest!: string;
  bids!: EvaluatedBidDto[];
  /** Admissible bid ids, best first. */
  ranking!: string[];
  sensitivity!: SensitivityDto[];
  iia!: IiaDto[];
  effectivePriceWeight!: EffectivePriceWeightDto | null;
  ties!: TieDto[];
}

export class ReplayDto {
  /** True when the recomputed snapshot's digest equals the stored one. */
  identical!: boolean;
  digest!: string;
  replayDigest!: string;
  methodVersion!: string;
}
