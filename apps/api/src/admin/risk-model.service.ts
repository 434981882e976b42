import { Injectable } from '@nestjs/common';
import type { RiskModelVersion } from '@generated/prisma';
import type { RiskModelConstants } from '@app/evaluation';
import { riskModelErrors } from '@app/risk-data';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { DomainError, invalid, notFound } from '../common/problem';
import { lockReferenceData } from './reference-lock';
import { PutRiskModelDto, RiskModelDto } from './risk-model.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

export function toRiskModelDto(v: RiskModelVersion): RiskModelDto {
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
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async active(): Promise<RiskModelDto> {
    const v = await this.prisma.riskModelVersion.findFirst({ where: { active: true }, orderBy: { version: 'desc' } });
    if (!v) throw notFound('Active risk model');
    return toRiskModelDto(v);
  }

  async versions(q: PageQueryDto): Promise<Page<RiskModelDto>> {
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.riskModelVersion.findMany({ orderBy: { version: 'desc' }, skip: args.skip, take: args.take }),
      this.prisma.riskModelVersion.count(),
    ]);
    return pageOf(args, rows.map(toRiskModelDto), total);
  }

  /** Validates, stores version n+1 and makes it the only active one; `expected` (If-Match) guards against a concurrent change. */
  replace(auth: AuthContext | null, dto: PutRiskModelDto, expected?: number): Promise<RiskModelDto> {
    const errors = riskModelErrors(dto.constants);
    if (errors.length) throw invalid(errors, 'The risk-model constants are invalid');
    return this.prisma.transaction(async (tx) => {
      await lockReferenceData(tx);
      const current = await tx.riskModelVersion.findFirst({ where: { active: true }, select: { version: true } });
      if (expected !== undefined && current?.version !== expected) {
        throw new DomainError(
          'PRECONDITION_FAILED',
          `If-Match names version ${expected}, the active risk model is version ${current?.version ?? 'none'}; GET it again`,
        );
      }
      return this.storeVersion(tx, auth, dto.constants, dto.note?.trim() || null);
    });
  }

  /** Inside a transaction holding lockReferenceData: version n+1, active, the others deactivated, audited. */
  async storeVersion(tx: Tx, auth: AuthContext | null, constants: RiskModelConstants, note: string | null): Promise<RiskModelDto> {
    const last = await tx.riskModelVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
    const previous = await tx.riskModelVersion.findFirst({ where: { active: true }, select: { version: true } });
    await tx.riskModelVersion.updateMany({ where: { active: true }, data: { active: false } });
    // A JSON round trip drops anything that is not plain data (the validator already refused unknown members).
    const stored = JSON.parse(JSON.stringify(constants)) as RiskModelConstants;
    const v = await tx.riskModelVersion.create({
      data: { version: (last?.version ?? 0) + 1, constants: stored as object, active: true, note, createdById: auth?.userId ?? null },
    });
    await this.audit.append(tx, {
      auth,
      action: 'risk-model.activated',
      objectType: 'risk-model-version',
      objectId: v.id,
      tenderId: null,
      payload: { version: v.version, previousActiveVersion: previous?.version ?? null, constants: stored, note },
    });
    return toRiskModelDto(v);
  }
}
