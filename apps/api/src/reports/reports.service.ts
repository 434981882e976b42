import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { digestOf, sha256Hex } from '@app/audit-chain';
import type { EvaluationInput, EvaluationResult, FindingParams, SupplyChainNodeInput } from '@app/evaluation';
import {
  closeReportWorker,
  renderAuditReportAsync,
  type ReportDecisiveAdvantage,
  type ReportLang,
  type ReportModel,
  type ReportSupplyChainNode,
} from '@app/report';
import { findingKeyOf, findingState, dayOfDateValue } from '@app/procedure';
import type { AuthContext } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { formatMoney } from '../common/decimal';
import { notFound } from '../common/problem';
import { Transactional } from '../database/transaction';
import { InteropService } from '../interop/interop.service';
import type { JobDto } from '../jobs/job.dto';
import { actorParams, JobRecordsService, QUEUE_OF_KIND, toJobDto } from '../jobs/job-records.service';
import { JobRepository, type JobRow } from '../jobs/job.repository';
import { JobsService } from '../jobs/jobs.service';
import { TenderRepository } from '../tenders/tender.repository';
import { type CachedReport, ReportRepository } from './report.repository';

export interface RenderedReport {
  pdf: Buffer;
  digest: string;
  etag: string;
  filename: string;
}

/** A download: the PDF, or (rendering takes longer than REPORT_WAIT_SECONDS) the render job to poll. */
export type ReportAnswer = { ready: true; report: RenderedReport } | { ready: false; job: JobDto };

export const REPORT_QUEUE = QUEUE_OF_KIND.report;

/**
 * Bump when the renderer's output changes for the same model (layout, fonts,
 * texts): the cache key includes it, so reports of the old layout are not served.
 */
export const REPORT_FORMAT_VERSION = 1;

/** Longest render transaction (a 200-bid report takes ~7 s of CPU; a loaded machine more). */
const RENDER_TX_TIMEOUT_MS = 300_000;
const POLL_MS = 150;

const day = (d: Date | null | undefined) => (d ? dayOfDateValue(d) : '');

function toReportNode(n: SupplyChainNodeInput): ReportSupplyChainNode {
  return {
    name: n.name,
    country: n.country ?? null,
    sharePercent: n.sharePercent,
    goods: n.goods,
    declarations: n.declarations,
    subcontractors: n.subcontractors.map(toReportNode),
  };
}

/**
 * What the bytes are rendered from: the canonical report model, the language
 * and the format version. Equal model digests give equal bytes (the renderer
 * is deterministic), so a cache hit is the PDF a render would give.
 */
export function reportModelDigest(model: ReportModel, lang: ReportLang): string {
  return digestOf({ format: REPORT_FORMAT_VERSION, lang, model: JSON.parse(JSON.stringify(model)) as unknown });
}

const reportFilename = (model: ReportModel, lang: ReportLang) =>
  `audit-report-${model.tender.reference.replace(/[^A-Za-z0-9._-]+/g, '_')}-evaluation-${model.evaluation.seq}-${lang}.pdf`;

/**
 * Assembles the audit report of one evaluation from its stored snapshot and
 * the decisions recorded on the tender; renders it once per (evaluation,
 * language, model) and serves it from report_cache after. A report not yet
 * rendered is a render job (worked by any job worker; one render however
 * many ask at once, the job row lock decides who renders); the download waits
 * for it, and when no worker has taken it within REPORT_PICKUP_MS the asking
 * process renders it itself, under the same lock. Nothing in the model
 * depends on the time of download, so the same evaluation, decisions and
 * language give the same bytes.
 */
@Injectable()
export class ReportsService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Reports');

  constructor(
    private readonly repo: ReportRepository,
    private readonly tenders: TenderRepository,
    private readonly jobsRepo: JobRepository,
    private readonly jobs: JobsService,
    private readonly records: JobRecordsService,
    private readonly access: AccessService,
    private readonly interop: InteropService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ jobId: string }>(REPORT_QUEUE, (_data, job) => this.records.attempt(job, () => this.renderJob(job.id)));
  }

  async forEvaluation(auth: AuthContext, evaluationId: string, lang: ReportLang): Promise<ReportAnswer> {
    const model = await this.model(auth, evaluationId);
    const modelDigest = reportModelDigest(model, lang);
    const hit = await this.repo.cached(evaluationId, lang, modelDigest);
    if (hit) return { ready: true, report: this.answer(model, lang, hit) };
    const job = await this.requestRender(auth, model, lang, modelDigest);
    const started = Date.now();
    for (;;) {
      const cached = await this.repo.cached(evaluationId, lang, modelDigest);
      if (cached) return { ready: true, report: this.answer(model, lang, cached) };
      const waited = Date.now() - started;
      if (waited >= this.config.reportPickupMs) {
        const rendered = await this.renderIfFree(job.id);
        if (rendered && rendered.modelDigest === modelDigest) return { ready: true, report: this.answer(model, lang, rendered) };
      }
      const row = await this.jobsRepo.find(job.id);
      if (waited >= this.config.reportWaitSeconds * 1000 || !row || row.status === 'failed' || (row.status === 'succeeded' && !cached)) {
        if (row?.status === 'succeeded') {
          // Rendered from a newer model (a decision taken meanwhile): ask again, from the start.
          const again = await this.repo.cached(evaluationId, lang, reportModelDigest(await this.model(auth, evaluationId), lang));
          if (again) return { ready: true, report: this.answer(model, lang, again) };
        }
        return { ready: false, job: toJobDto(row ?? job) };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async forTender(auth: AuthContext, tenderId: string, lang: ReportLang): Promise<ReportAnswer> {
    const tender = await this.tenders.head(tenderId);
    if (!tender) throw notFound('Tender');
    await this.access.require(auth, 'tender.read', { buyerId: tender.buyerId, tenderId, label: 'Tender' });
    const latest = await this.repo.latestEvaluationId(tenderId);
    if (!latest) throw notFound('Evaluation of this tender (evaluate it first)');
    return this.forEvaluation(auth, latest, lang);
  }

  /** The report model of an evaluation the caller may read (404 for another buyer's). */
  async model(auth: AuthContext, evaluationId: string): Promise<ReportModel> {
    const e = await this.repo.evaluation(evaluationId);
    if (!e) throw notFound('Evaluation');
    await this.access.require(auth, 'tender.read', { buyerId: e.tender.buyerId, tenderId: e.tenderId, label: 'Evaluation' });
    return this.modelOf(evaluationId);
  }

  private answer(model: ReportModel, lang: ReportLang, r: CachedReport): RenderedReport {
    // The stored digest is checked on every read: a damaged cache row is never served.
    if (sha256Hex(r.pdf) !== r.digest) throw new Error(`report cache of evaluation ${model.evaluation.id} (${lang}) does not match its digest`);
    return { pdf: r.pdf, digest: model.evaluation.digest, etag: `"${r.digest.slice(0, 32)}"`, filename: reportFilename(model, lang) };
  }

  /** The render job of this model: the unfinished one if any (two downloads at once ask for one render), else a new one. */
  @Transactional()
  private async requestRender(auth: AuthContext, model: ReportModel, lang: ReportLang, modelDigest: string): Promise<JobRow> {
    const key = `${model.evaluation.id}:${lang}:${modelDigest}`;
    await this.jobsRepo.dedupeLock('report', key);
    const open = await this.jobsRepo.findUnfinished('report', key);
    if (open) return open;
    const e = (await this.repo.evaluation(model.evaluation.id))!;
    const id = randomUUID();
    const row = await this.jobsRepo.create({
      id,
      kind: 'report',
      buyerId: e.tender.buyerId,
      tenderId: e.tenderId,
      createdById: auth.userId,
      params: { evaluationId: e.id, lang, actor: actorParams(auth) },
      dedupeKey: key,
    });
    await this.jobs.send(REPORT_QUEUE, { jobId: id }, { id });
    return row;
  }

  /** The job's work: whoever holds the job row renders; a second one waits, then finds it rendered. */
  @Transactional<TransactionalAdapterPrisma>({ timeout: RENDER_TX_TIMEOUT_MS })
  private async renderJob(jobId: string): Promise<void> {
    const row = await this.jobsRepo.lock(jobId);
    if (!row || row.status === 'succeeded' || row.status === 'failed') return;
    await this.render(row);
  }

  /** Renders in this process unless a worker is rendering it right now (then null). */
  @Transactional<TransactionalAdapterPrisma>({ timeout: RENDER_TX_TIMEOUT_MS })
  private async renderIfFree(jobId: string): Promise<CachedReport | null> {
    const row = await this.jobsRepo.lock(jobId, { skipLocked: true });
    if (!row || row.status === 'failed') return null;
    const { evaluationId, lang } = row.params as { evaluationId: string; lang: ReportLang };
    if (row.status === 'succeeded') return null;
    await this.jobsRepo.started(jobId, `request:${process.pid}`).catch(() => undefined);
    const rendered = await this.render(row);
    return rendered ?? this.repo.cached(evaluationId, lang, (row.dedupeKey ?? '').split(':')[2] ?? '');
  }

  /** Renders the job's report (unless its model is cached already), stores it and marks the job done, in the caller's transaction. */
  private async render(row: JobRow): Promise<CachedReport> {
    const { evaluationId, lang } = row.params as { evaluationId: string; lang: ReportLang };
    const model = await this.modelOf(evaluationId);
    const modelDigest = reportModelDigest(model, lang);
    let report = await this.repo.cached(evaluationId, lang, modelDigest);
    if (!report) {
      const started = Date.now();
      const pdf = await renderAuditReportAsync(model, lang);
      report = { modelDigest, digest: sha256Hex(pdf), pdf };
      await this.repo.store(evaluationId, lang, report);
      this.log.log(`report of evaluation ${evaluationId} (${lang}) rendered in ${Date.now() - started} ms`);
    }
    await this.jobsRepo.succeeded(row.id, {
      resultType: 'report',
      resultId: evaluationId,
      resultLocation: `/api/v1/evaluations/${evaluationId}/report.pdf?lang=${lang}`,
    });
    return report;
  }

  private async modelOf(evaluationId: string): Promise<ReportModel> {
    const e = await this.repo.evaluation(evaluationId);
    if (!e) throw notFound('Evaluation');
    const tender = e.tender;
    const inputs = e.inputs as unknown as EvaluationInput;
    const result = e.result as unknown as EvaluationResult;
    const versions = e.datasetVersions as Record<string, { id: string; version: number; name: string; contentDigest: string }>;
    const [datasets, resolutions, exclusions, awards, declarations, anchor, redFlags] = await Promise.all([
      this.repo.datasets(Object.values(versions).map((v) => v.id)),
      this.repo.resolutions(tender.id),
      this.repo.exclusions(tender.id),
      this.repo.awards(e.id),
      this.repo.declarations(tender.id),
      this.repo.evaluationAnchor(e.id),
      this.interop.evaluationRedFlags({ id: e.id, tenderId: tender.id, seq: e.seq, createdAt: e.createdAt, result }),
    ]);
    const userIds = new Set<string>();
    resolutions.forEach((r) => userIds.add(r.resolvedById));
    exclusions.forEach((x) => [x.proposedById, x.decidedById].forEach((id) => id && userIds.add(id)));
    declarations.forEach((d) => userIds.add(d.userId));
    const users = await this.repo.userEmails([...userIds]);
    const who = (id: string | null | undefined) => (id ? (users.get(id) ?? id) : null);

    const resolutionByKey = new Map(resolutions.map((r) => [r.findingKey, r]));
    const paramsByKey = new Map(e.findings.map((f) => [f.findingKey, f.params]));
    // Which decision settles a finding is the rule of libs/procedure (findingState), as for the API's findings and the award check.
    const record = { resolutions, exclusions };
    const exclusionById = new Map(exclusions.map((x) => [x.id, x]));
    const nameOf = new Map(result.bids.map((b) => [b.bidId, b.bidderName]));
    const award = awards.find((a) => a.status === 'ACTIVE') ?? awards[0] ?? null;

    return {
      tender: {
        reference: tender.reference,
        title: tender.title,
        procedure: tender.procedure,
        currency: tender.currency,
        submissionDeadline: tender.submissionDeadline.toISOString(),
        placesOfPerformance: tender.placesOfPerformance,
        goods: tender.goods,
        criteria: inputs.tender.criteria.map((c) => ({
          code: c.code,
          name: c.name,
          kind: c.kind,
          weight: c.weight,
          priceMethod: c.priceMethod ?? null,
          span: c.span ?? null,
        })),
        tieBreak: inputs.tender.tieBreak,
        additionalConventions: inputs.tender.additionalConventions,
        abnormallyLowThreshold: inputs.tender.abnormallyLowThreshold,
        priceBasis: inputs.tender.priceBasis,
        referencePrice: inputs.tender.referencePrice ?? null,
        priceLevelAdjustment: inputs.tender.priceLevelAdjustment,
        publishedAt: tender.publishedAt?.toISOString() ?? null,
        closedAt: tender.closedAt?.toISOString() ?? null,
      },
      buyer: { name: tender.buyer.name, country: tender.buyer.country },
      evaluation: {
        id: e.id,
        seq: e.seq,
        createdAt: e.createdAt.toISOString(),
        methodVersion: e.methodVersion,
        riskModelVersion: e.riskModelVersion,
        inputsDigest: e.inputsDigest,
        digest: e.digest,
      },
      auditChainHeadHash: anchor?.hash ?? '',
      datasets: datasets
        .sort((a, b) => a.kind.localeCompare(b.kind))
        .map((d) => ({
          kind: d.kind,
          name: d.name,
          version: d.version,
          source: d.source,
          licence: d.licence ?? '',
          retrievedAt: day(d.retrievedAt),
          contentDigest: d.contentDigest,
        })),
      result,
      bids: inputs.bids.map((b) => ({
        bidId: b.bidId,
        bidderName: b.bidderName,
        price: b.price,
        receivedAt: b.receivedAt,
        supplyChain: toReportNode(b.supplyChain),
      })),
      decisions: result.bids.flatMap((b) =>
        b.findings.map((f) => {
          const key = findingKeyOf(b.bidId, f);
          const params = (paramsByKey.get(key) as FindingParams | null | undefined) ?? null;
          const r = resolutionByKey.get(key);
          const settling = findingState({ findingKey: key, bidId: b.bidId, severity: f.severity }, record).exclusionId;
          const x = settling ? exclusionById.get(settling) : undefined;
          return {
            bidId: b.bidId,
            code: f.code,
            legalBasis: f.legalBasis,
            severity: f.severity,
            nodePath: f.nodePath,
            message: f.message,
            params,
            resolution: r ? { bidderAnswer: r.bidderAnswer, conclusion: r.conclusion, by: who(r.resolvedById)!, at: r.resolvedAt.toISOString() } : null,
            exclusion: x
              ? {
                  ground: x.ground,
                  reasons: x.reasons,
                  status: x.status,
                  proposedBy: who(x.proposedById)!,
                  decidedBy: who(x.decidedById),
                  decidedAt: x.decidedAt?.toISOString() ?? null,
                }
              : null,
          };
        }),
      ),
      exclusions: exclusions.map((x) => ({
        bidId: x.bidId,
        nodePath: x.nodePath.length ? x.nodePath : null,
        ground: x.ground,
        reasons: x.reasons,
        status: x.status,
        proposedBy: who(x.proposedById)!,
        proposedAt: x.proposedAt.toISOString(),
        decidedBy: who(x.decidedById),
        decidedAt: x.decidedAt?.toISOString() ?? null,
      })),
      award: award
        ? {
            winnerBidId: award.winnerBidId,
            bidderName: nameOf.get(award.winnerBidId) ?? award.winnerBidId,
            price: formatMoney(award.price),
            procedure: award.procedure,
            decisiveAdvantages: award.decisiveAdvantages as unknown as ReportDecisiveAdvantage[],
            notifiedAt: award.notifiedAt.toISOString(),
            appealDeadline: award.appealDeadline.toISOString(),
            status: award.status,
            tieSettlement: (award.tieSettlement as { method: string; note: string } | null) ?? null,
          }
        : null,
      declarations: declarations.map((d) => ({
        officer: who(d.userId)!,
        impartial: d.impartial,
        interests: d.interests,
        declaredAt: d.declaredAt.toISOString(),
      })),
      redFlags,
      generatedAt: e.createdAt.toISOString(),
    };
  }

  // A shutdown hook, not a destroy hook: reports being rendered for in-flight requests finish first.
  async onApplicationShutdown(): Promise<void> {
    await closeReportWorker();
  }
}
