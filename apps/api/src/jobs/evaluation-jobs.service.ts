import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Lang } from '@app/i18n';
import type { AuthContext } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { notFound } from '../common/problem';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { Transactional } from '../database/transaction';
import type { EvaluationDto } from '../evaluations/evaluation.dto';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { TenderRepository } from '../tenders/tender.repository';
import type { JobDto } from './job.dto';
import { actorParams, JobRecordsService, jobActor, QUEUE_OF_KIND, toJobDto } from './job-records.service';
import { JobRepository } from './job.repository';
import { JobsService } from './jobs.service';

export const EVALUATION_QUEUE = QUEUE_OF_KIND.evaluation;

/** Longest evaluation transaction of a job (the engine on a large tender, then storing the snapshot). */
const EVALUATION_JOB_TX_TIMEOUT_MS = 600_000;

export type EvaluationStart = { accepted: false; body: EvaluationDto } | { accepted: true; body: JobDto };

/**
 * Evaluations of large tenders as jobs. `POST /tenders/:id/evaluations` for a
 * CLOSED tender with at least EVALUATION_JOB_MIN_BIDS bids enqueues a job and
 * answers 202; below, the evaluation runs in the request (201), as always.
 * The job creates the evaluation through EvaluationsService.create, in one
 * transaction with its completion marker: retried (a worker killed
 * mid-evaluation) it produces one evaluation, not two.
 */
@Injectable()
export class EvaluationJobsService implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly records: JobRecordsService,
    private readonly repo: JobRepository,
    private readonly tenders: TenderRepository,
    private readonly access: AccessService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ jobId: string }>(EVALUATION_QUEUE, (_data, job) => this.records.attempt(job, () => this.complete(job.id)));
  }

  /** EvaluationsService lives in a module that needs this one's controller dependency: looked up, not injected. */
  private get evaluations(): EvaluationsService {
    return this.moduleRef.get(EvaluationsService, { strict: false });
  }

  async start(auth: AuthContext, tenderId: string, lang: Lang): Promise<EvaluationStart> {
    const job = await this.enqueueIfLarge(auth, tenderId, lang);
    if (job) return { accepted: true, body: job };
    return { accepted: false, body: await this.evaluations.create(auth, tenderId, lang) };
  }

  /** A job for a large CLOSED tender; null for everything else, which the synchronous path answers (or refuses). */
  @Transactional()
  private async enqueueIfLarge(auth: AuthContext, tenderId: string, lang: Lang): Promise<JobDto | null> {
    const head = await this.tenders.head(tenderId);
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'evaluation.run', { buyerId: head.buyerId, tenderId, label: 'Tender' });
    if (head.status !== 'CLOSED') return null;
    if ((await this.repo.countBids(tenderId)) < this.config.evaluationJobMinBids) return null;
    const id = randomUUID();
    const row = await this.repo.create({
      id,
      kind: 'evaluation',
      buyerId: head.buyerId,
      tenderId,
      createdById: auth.userId,
      params: { lang, actor: actorParams(auth) },
    });
    // In this transaction: the job exists exactly when its resource does.
    await this.jobs.send(EVALUATION_QUEUE, { jobId: id }, { id });
    return toJobDto(row);
  }

  /**
   * The job's work: the job row locked (a second worker on the same job waits
   * here, then finds it done), the evaluation created, the row marked
   * succeeded — one transaction, which EvaluationsService.create joins.
   */
  @Transactional<TransactionalAdapterPrisma>({ timeout: EVALUATION_JOB_TX_TIMEOUT_MS })
  private async complete(jobId: string): Promise<void> {
    const row = await this.repo.lock(jobId);
    if (!row || row.status === 'succeeded' || row.status === 'failed') return;
    const { lang } = row.params as { lang: Lang };
    const evaluation = await this.evaluations.create(jobActor(row), row.tenderId!, lang);
    await this.repo.succeeded(jobId, { resultType: 'evaluation', resultId: evaluation.id, resultLocation: `/api/v1/evaluations/${evaluation.id}` });
  }
}
