import { Injectable } from '@nestjs/common';
import type { CriteriaTemplate, CriteriaTemplateVersion } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { DomainError, invalid, notFound } from '../common/problem';
import { CriterionDto } from '../tenders/tenders.dto';
import { criteriaErrors } from '../tenders/tenders.service';
import { CriteriaTemplateBodyDto, CriteriaTemplateDto, TemplateCriterionDto } from './criteria-templates.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

/**
 * The JSON a version stores. tenders.service.ts copies it back as
 * CriterionDto[] and re-checks it with criteriaErrors, so optional members
 * are omitted rather than null, and decimals stay strings.
 */
function storedCriteria(criteria: CriterionDto[]): TemplateCriterionDto[] {
  return criteria.map((c) => ({
    code: c.code,
    name: c.name.trim(),
    kind: c.kind,
    weight: c.weight,
    ...(c.priceMethod !== undefined && c.priceMethod !== null ? { priceMethod: c.priceMethod } : {}),
    ...(c.span !== undefined && c.span !== null ? { span: c.span } : {}),
  }));
}

function toDto(t: CriteriaTemplate, v: CriteriaTemplateVersion): CriteriaTemplateDto {
  return {
    id: t.id,
    name: v.name,
    version: v.version,
    versionId: v.id,
    criteria: v.criteria as unknown as TemplateCriterionDto[],
    createdAt: t.createdAt.toISOString(),
    versionCreatedAt: v.createdAt.toISOString(),
  };
}

@Injectable()
export class CriteriaTemplatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  private check(dto: CriteriaTemplateBodyDto): TemplateCriterionDto[] {
    const errors = criteriaErrors(dto.criteria);
    if (errors.length) throw invalid(errors);
    return storedCriteria(dto.criteria);
  }

  create(auth: AuthContext | null, dto: CriteriaTemplateBodyDto): Promise<CriteriaTemplateDto> {
    const criteria = this.check(dto);
    const name = dto.name.trim();
    return this.prisma.transaction(async (tx) => {
      const t = await tx.criteriaTemplate.create({ data: { name } });
      const v = await tx.criteriaTemplateVersion.create({
        data: { templateId: t.id, version: 1, name, criteria: criteria as object[], createdById: auth?.userId ?? null },
      });
      await this.audit.append(tx, {
        auth,
        action: 'criteria-template.created',
        objectType: 'criteria-template',
        objectId: t.id,
        tenderId: null,
        payload: { version: 1, versionId: v.id, name, criteria },
      });
      return toDto(t, v);
    });
  }

  /** Every template with its latest version, by name. */
  async list(q: PageQueryDto): Promise<Page<CriteriaTemplateDto>> {
    const where = { versions: { some: {} } };
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.criteriaTemplate.findMany({
        where,
        include: { versions: { orderBy: { version: 'desc' }, take: 1 } },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        skip: args.skip,
        take: args.take,
      }),
      this.prisma.criteriaTemplate.count({ where }),
    ]);
    return pageOf(
      args,
      rows.map((t) => toDto(t, t.versions[0])),
      total,
    );
  }

  /** The latest version (or `version`), with a summary of every version. */
  async get(id: string, version?: number): Promise<CriteriaTemplateDto> {
    const t = await this.prisma.criteriaTemplate.findUnique({
      where: { id },
      include: { versions: { orderBy: { version: 'asc' }, include: { _count: { select: { tenders: true } } } } },
    });
    if (!t || t.versions.length === 0) throw notFound('Criteria template');
    const chosen = version === undefined ? t.versions[t.versions.length - 1] : t.versions.find((v) => v.version === version);
    if (!chosen) throw notFound('Criteria template version');
    return {
      ...toDto(t, chosen),
      versions: t.versions.map((v) => ({
        version: v.version,
        versionId: v.id,
        name: v.name,
        createdById: v.createdById,
        createdAt: v.createdAt.toISOString(),
        tenderCount: v._count.tenders,
      })),
    };
  }

  /** A new version; older versions stay, and tenders keep the version they copied. `expected` (If-Match) is the latest version the caller saw. */
  update(auth: AuthContext | null, id: string, dto: CriteriaTemplateBodyDto, expected?: number): Promise<CriteriaTemplateDto> {
    const criteria = this.check(dto);
    const name = dto.name.trim();
    return this.prisma.transaction(async (tx) => {
      // The UPDATE locks the template row, so concurrent PUTs number their versions one after the other.
      const exists = await tx.criteriaTemplate.updateMany({ where: { id }, data: { name } });
      if (exists.count === 0) throw notFound('Criteria template');
      const last = await tx.criteriaTemplateVersion.findFirst({ where: { templateId: id }, orderBy: { version: 'desc' }, select: { version: true } });
      const latest = last?.version ?? 0;
      if (expected !== undefined && expected !== latest) {
        throw new DomainError('PRECONDITION_FAILED', `If-Match names version ${expected}, the template is at version ${latest}; GET it again`);
      }
      const v = await tx.criteriaTemplateVersion.create({
        data: { templateId: id, version: latest + 1, name, criteria: criteria as object[], createdById: auth?.userId ?? null },
      });
      const t = await tx.criteriaTemplate.findUniqueOrThrow({ where: { id } });
      await this.audit.append(tx, {
        auth,
        action: 'criteria-template.versioned',
        objectType: 'criteria-template',
        objectId: id,
        tenderId: null,
        payload: { version: v.version, versionId: v.id, previousVersion: latest, name, criteria },
      });
      return toDto(t, v);
    });
  }
}
