import { ApiProperty } from '@nestjs/swagger';
import type { FindingSeverity as Severity } from '@app/evaluation';
import { RESCREEN_TRIGGER_KINDS, type RescreenTriggerKind } from '@app/interop';
import { literalEnum } from '../common/openapi';

type AlertTriggerKind = RescreenTriggerKind;
const AlertTriggerKind = literalEnum(RESCREEN_TRIGGER_KINDS);
type AwardStatus = 'ACTIVE' | 'REVOKED';
const AwardStatus = literalEnum<AwardStatus>(['ACTIVE', 'REVOKED']);
type FindingSeverity = Severity;
const FindingSeverity = literalEnum<FindingSeverity>(['EXCLUSION_GROUND', 'VERIFY', 'INFO']);
import { PageQueryDto } from '../common/paging';

/** Where a finding stands (libs/procedure findingState). */
export enum FindingStateName {
  INFO = 'INFO',
  OPEN = 'OPEN',
  PROPOSED = 'PROPOSED',
  EXCLUDED = 'EXCLUDED',
  NOT_EXCLUDED = 'NOT_EXCLUDED',
  BID_EXCLUDED = 'BID_EXCLUDED',
  ACCEPTED = 'ACCEPTED',
  ESCALATED = 'ESCALATED',
}

export class AlertQueryDto extends PageQueryDto {}

export class AlertTriggerDto {
  /** SANCTION: an entry added by hand; SANCTION_LIST: an imported list version; RISK_DATASET: a goods list version activated. */
  @ApiProperty({ enum: AlertTriggerKind, enumName: 'AlertTriggerKind' })
  kind!: AlertTriggerKind;
  /** Id of the entry, list version or dataset version. */
  id!: string;
  /** The pg-boss job that screened. */
  jobId!: string | null;
}

export class AlertFindingDto {
  id!: string;
  /** Always DURING_EXECUTION. */
  code!: string;
  legalBasis!: string;
  @ApiProperty({ enum: FindingSeverity, enumName: 'FindingSeverity' })
  severity!: FindingSeverity;
  nodePath!: string[];
  findingKey!: string;
  message!: string;
  /** The match: kind (SANCTION_IDENTIFIER, SANCTION_NAME, SANCTION_POSSIBLE_MATCH, FORCED_LABOUR_LISTING), the entry (list, name, country, identifiers) or good and country, the score as a decimal string. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
  @ApiProperty({ enum: FindingStateName, enumName: 'FindingStateName' })
  state!: FindingStateName;
  /** True until the officer resolved it (VERIFY) or an exclusion on it was decided (EXCLUSION_GROUND). */
  open!: boolean;
}

export class AlertTenderDto {
  id!: string;
  reference!: string;
  title!: string;
}

export class AlertAwardDto {
  id!: string;
  @ApiProperty({ enum: AwardStatus, enumName: 'AwardStatus' })
  status!: AwardStatus;
  winnerBidId!: string;
  bidderName!: string;
}

export class AlertDto {
  id!: string;
  createdAt!: string;
  trigger!: AlertTriggerDto;
  finding!: AlertFindingDto;
  tender!: AlertTenderDto;
  award!: AlertAwardDto;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] })
  items!: AlertDto[];
  page!: number;
  pageSize!: number;
  total!: number;
}
