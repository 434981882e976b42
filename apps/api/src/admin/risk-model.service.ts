import { Injectable } from '@nestjs/common';
import type { RiskModelConstants } from '@app/evaluation';
import { riskModelErrors } from '@app/risk-data';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { Transactional } from '../database/transaction';
import { DomainError, invalid, notFound } from '../common/problem';
import { PutRiskModelDto, RiskModelDto } from './risk-model.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';
import { ReferenceDataRepository } from './reference-data.repository';
import { RiskModelRepository, type RiskModelVersionRow } from './risk-model.repository';

export function toRiskModelDto(v: RiskModelVersionRow): RiskModelDto {
  return {
    id: v.id,
    version: v.version,
    constants: v.constants as unknown as RiskModelConstants,
    active: v.active,
    note: v.note,
    createdById: v.createdById,
    createdAt: v.createdAt.toISOString(),
  };
}

@Injectable()
export class RiskModelService {
  constructor(
    private readonly versionsRepo: RiskModelRepository,
    private readonly reference: ReferenceDataRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async active(): Promise<RiskModelDto> {
    const v = await this.versionsRepo.active();
    if (!v) throw notFound('Active risk model');
    return toRiskModelDto(v);
  }

  async versions(q: PageQueryDto): Promise<Page<RiskModelDto>> {
    const args = pageArgs(q);
    const { rows, total } = await this.versionsRepo.page(args.skip, args.take);
    return pageOf(args, rows.map(toRiskModelDto), total);
  }

  /** Validates, stores version n+1 and makes it the only active one; `expected` (If-Match) guards against a concurrent change. */
  async replace(auth: AuthContext | null, dto: PutRiskModelDto, expected?: number): Promise<RiskModelDto> {
    const errors = riskModelErrors(dto.constants);
    if (errors.length) throw invalid(errors, 'The risk-model constants are invalid');
    return this.replaceValid(auth, dto, expected);
  }

  @Transactional()
  private async replaceValid(auth: AuthContext | null, dto: PutRiskModelDto, expected?: number): Promise<RiskModelDto> {
    if (auth) await this.access.require(auth, 'reference.manage', { buyerId: null, label: 'Risk model' });
    await this.reference.lock();
    const current = await this.versionsRepo.active();
    if (expected !== undefined && current?.version !== expected) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `If-Match names version ${expected}, the active risk model is version ${current?.version ?? 'none'}; GET it again`,
      );
    }
    return this.storeVersion(auth, dto.constants, dto.note?.trim() || null);
  }

  /** Inside a @Transactional method holding the reference-data lock: version n+1, active, the others deactivated, audited. */
  async storeVersion(auth: AuthContext | null, constants: RiskModelConstants, note: string | null): Promise<RiskModelDto> {
    // A JSON round trip drops anything that is not plain data (the validator already refused unknown members).
    const plain = JSON.parse(JSON.stringify(constants)) as RiskModelConstants;
    const { stored: v, previousActiveVersion } = await this.versionsRepo.storeNext(plain, note, auth?.userId ?? null);
    await this.audit.record({
      auth,
      action: 'risk-model.activated',
      objectType: 'risk-model-version',
      objectId: v.id,
      tenderId: null,
      payload: { version: v.version, previousActiveVersion, constants: plain, note },
    });
    return toRiskModelDto(v);
  }
}
