import { Injectable } from '@nestjs/common';
import type { Prisma } from '@generated/prisma';
import { Repository } from '../database/transaction';

export type EvaluationForReport = Prisma.EvaluationGetPayload<{ include: { findings: true; tender: { include: { criteria: true; buyer: true } } } }>;

export interface CachedReport {
  modelDigest: string;
  digest: string;
  pdf: Buffer;
}

/**
 * What an audit report is assembled from (the evaluation, the decisions on
 * its tender, the datasets and users named) and the rendered reports
 * (report_cache). Reads only, but the cache insert.
 */
@Injectable()
export class ReportRepository extends Repository {
  evaluation(id: string): Promise<EvaluationForReport | null> {
    return this.db.evaluation.findUnique({ where: { id }, include: { findings: true, tender: { include: { criteria: true, buyer: true } } } });
  }

  async latestEvaluationId(tenderId: string): Promise<string | null> {
    return (await this.db.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, select: { id: true } }))?.id ?? null;
  }

  datasets(ids: string[]) {
    return this.db.riskDataset.findMany({
      where: { id: { in: ids } },
      select: { id: true, kind: true, name: true, version: true, source: true, licence: true, retrievedAt: true, contentDigest: true },
    });
  }

  resolutions(tenderId: string) {
    return this.db.findingResolution.findMany({ where: { tenderId } });
  }

  exclusions(tenderId: string) {
    return this.db.exclusionDecision.findMany({ where: { tenderId }, orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }] });
  }

  awards(evaluationId: string) {
    return this.db.award.findMany({ where: { evaluationId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  }

  declarations(tenderId: string) {
    return this.db.evaluatorDeclaration.findMany({ where: { tenderId }, orderBy: [{ declaredAt: 'asc' }, { id: 'asc' }] });
  }

  /** The chain head as it stood right after the evaluation was recorded: fixed for the evaluation. */
  evaluationAnchor(evaluationId: string) {
    return this.db.auditEvent.findFirst({ where: { action: 'evaluation.created', objectId: evaluationId }, select: { hash: true } });
  }

  async userEmails(ids: string[]): Promise<Map<string, string>> {
    const users = await this.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
    return new Map(users.map((u) => [u.id, u.email]));
  }

  async cached(evaluationId: string, lang: string, modelDigest: string): Promise<CachedReport | null> {
    const row = await this.db.reportCache.findUnique({
      where: { evaluationId_lang_modelDigest: { evaluationId, lang, modelDigest } },
      select: { modelDigest: true, digest: true, pdf: true },
    });
    return row ? { modelDigest: row.modelDigest, digest: row.digest, pdf: Buffer.from(row.pdf) } : null;
  }

  /** Stores a rendered report; an equal one stored meanwhile is kept (same key, same bytes). */
  async store(evaluationId: string, lang: string, report: CachedReport): Promise<void> {
    await this.db.reportCache.createMany({
      data: [{ evaluationId, lang, modelDigest: report.modelDigest, digest: report.digest, pdf: new Uint8Array(report.pdf) }],
      skipDuplicates: true,
    });
  }
}
