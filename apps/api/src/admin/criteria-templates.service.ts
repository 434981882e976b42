import { Injectable } from '@nestjs/common';
import { criteriaIssues } from '@app/evaluation';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { DomainError, invalid, notFound } from '../common/problem';
import { CriterionDto } from '../tenders/tenders.dto';
import { CriteriaTemplateRepository, type CriteriaTemplateRow, type CriteriaTemplateVersionRow } from './criteria-template.repository';
import { CriteriaTemplateBodyDto, CriteriaTemplateDto, TemplateCriterionDto } from './criteria-templates.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

/**
 * The JSON a version stores. tenders.service.ts copies it back as
 * CriterionDto[] and re-checks it with the criteria rules (libs/evaluation), so optional members
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

function toDto(t: CriteriaTemplateRow, v: CriteriaTemplateVersionRow): CriteriaTemplateDto {
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
    private readonly repo: CriteriaTemplateRepository,
    private readonly audit: AuditService,
  ) {}

  private check(dto: CriteriaTemplateBodyDto): TemplateCriterionDto[] {
    const issues = criteriaIssues(dto.criteria);
    if (issues.length) throw invalid(issues.map((i) => ({ field: i.field, message: i.message })));
    return storedCriteria(dto.criteria);
  }

  @Transactional()
  async create(auth: AuthContext | null, dto: CriteriaTemplateBodyDto): Promise<CriteriaTemplateDto> {
    const criteria = this.check(dto);
    const name = dto.name.trim();
    const t = await this.repo.create(name);
    const v = await this.repo.createVersion(t.id, 1, name, criteria as object[], auth?.userId ?? null);
    await this.audit.record({
      auth,
      action: 'criteria-template.created',
      objectType: 'criteria-template',
      objectId: t.id,
      tenderId: null,
      payload: { version: 1, versionId: v.id, name, criteria },
    });
    return toDto(t, v);
  }

  /** Every template with its latest version, by name. */
  async list(q: PageQueryDto): Promise<Page<CriteriaTemplateDto>> {
    const args = pageArgs(q);
    const { rows, total } = await this.repo.page(args.skip, args.take);
    return pageOf(
      args,
      rows.map((t) => toDto(t, t.versions[0])),
      total,
    );
  }

  /** The latest version (or `version`), with a summary of every version. */
  async get(id: string, version?: number): Promise<CriteriaTemplateDto> {
    const t = await this.repo.withVersions(id);
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
  @Transactional()
  async update(auth: AuthContext | null, id: string, dto: CriteriaTemplateBodyDto, expected?: number): Promise<CriteriaTemplateDto> {
    const criteria = this.check(dto);
    const name = dto.name.trim();
    // The UPDATE locks the template row, so concurrent PUTs number their versions one after the other.
    if (!(await this.repo.renameAndLock(id, name))) throw notFound('Criteria template');
    const last = await this.repo.latestVersion(id);
    const latest = last?.version ?? 0;
    if (expected !== undefined && expected !== latest) {
      throw new DomainError('PRECONDITION_FAILED', `If-Match names version ${expected}, the template is at version ${latest}; GET it again`);
    }
    const v = await this.repo.createVersion(id, latest + 1, name, criteria as object[], auth?.userId ?? null);
    const t = (await this.repo.find(id))!;
    await this.audit.record({
      auth,
      action: 'criteria-template.versioned',
      objectType: 'criteria-template',
      objectId: id,
      tenderId: null,
      payload: { version: v.version, versionId: v.id, previousVersion: latest, name, criteria },
    });
    return toDto(t, v);
  }
}
