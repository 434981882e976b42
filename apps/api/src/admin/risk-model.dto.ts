import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { RiskModelConstants } from '@app/evaluation';

export class PutRiskModelDto {
  /**
   * Every constant of evaluation-method.md §4 (full replacement): decimals as
   * strings, probabilities and weights in [0, 1], each weight set summing to
   * exactly 1, socialAuditMonths and violationLookbackYears whole numbers ≥ 1.
   * Checked member by member by riskModelErrors (risk-model.validation.ts).
   */
  @IsObject()
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
  constants!: RiskModelConstants;
  active!: boolean;
  note!: string | null;
  createdById!: string | null;
  createdAt!: string;
}
