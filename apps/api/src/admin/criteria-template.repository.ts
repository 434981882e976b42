import { Injectable } from '@nestjs/common';
import type { CriteriaTemplate, CriteriaTemplateVersion } from '@generated/prisma';
import { Repository } from '../database/transaction';

export type CriteriaTemplateRow = CriteriaTemplate;
export type CriteriaTemplateVersionRow = CriteriaTemplateVersion;
export type CriteriaTemplateWithVersions = CriteriaTemplate & { versions: (CriteriaTemplateVersion & { _count: { tenders: number } })[] };

/** Criteria templates and their versions (reference data: not owned by a buyer). */
@Injectable()
export class CriteriaTemplateRepository extends Repository {
  create(name: string): Promise<CriteriaTemplate> {
    return this.db.criteriaTemplate.create({ data: { name } });
  }

  createVersion(templateId: string, version: number, name: string, criteria: object[], createdById: string | null): Promise<CriteriaTemplateVersion> {
    return this.db.criteriaTemplateVersion.create({ data: { templateId, version, name, criteria, createdById } });
  }

  /** Renames the template; the UPDATE takes its row lock, so concurrent new versions number one after the other. False when absent. */
  async renameAndLock(id: string, name: string): Promise<boolean> {
    const { count } = await this.db.criteriaTemplate.updateMany({ where: { id }, data: { name } });
    return count === 1;
  }

  find(id: string): Promise<CriteriaTemplate | null> {
    return this.db.criteriaTemplate.findUnique({ where: { id } });
  }

  /** The newest version of a template, or null. */
  latestVersion(templateId: string): Promise<CriteriaTemplateVersion | null> {
    return this.db.criteriaTemplateVersion.findFirst({ where: { templateId }, orderBy: { version: 'desc' } });
  }

  /** A page of templates (those with a version) by name, each with its latest version, and the total. */
  async page(skip: number, take: number): Promise<{ rows: (CriteriaTemplate & { versions: CriteriaTemplateVersion[] })[]; total: number }> {
    const where = { versions: { some: {} } };
    const [rows, total] = await Promise.all([
      this.db.criteriaTemplate.findMany({
        where,
        include: { versions: { orderBy: { version: 'desc' }, take: 1 } },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        skip,
        take,
      }),
      this.db.criteriaTemplate.count({ where }),
    ]);
    return { rows, total };
  }

  /** A template with every version (oldest first) and how many tenders copied each. */
  withVersions(id: string): Promise<CriteriaTemplateWithVersions | null> {
    return this.db.criteriaTemplate.findUnique({
      where: { id },
      include: { versions: { orderBy: { version: 'asc' }, include: { _count: { select: { tenders: true } } } } },
    });
  }
}
