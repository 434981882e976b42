import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { AuthContext } from '../auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Transactional } from '../database/transaction';
import type { JobDto } from '../jobs/job.dto';
import { actorParams, JobRecordsService, jobActor, QUEUE_OF_KIND, toJobDto } from '../jobs/job-records.service';
import { JobRepository } from '../jobs/job.repository';
import { JobsService } from '../jobs/jobs.service';
import type { ImportDatasetMetaDto } from './risk-datasets.dto';
import { RiskDatasetsService } from './risk-datasets.service';

export const DATASET_IMPORT_QUEUE = QUEUE_OF_KIND['dataset-import'];

/** Longest import transaction of a job (validating and storing a large file). */
const IMPORT_JOB_TX_TIMEOUT_MS = 600_000;

/**
 * Large dataset uploads (at least DATASET_JOB_MIN_BYTES) imported as jobs:
 * the file is kept with the job resource, validated and stored by a worker;
 * an invalid file fails the job with the 422 problem the synchronous import
 * would have answered (each error named). Stored in one transaction with the
 * job's completion marker: a retried job stores one version, not two.
 */
@Injectable()
export class RiskDatasetImportJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly records: JobRecordsService,
    private readonly repo: JobRepository,
    private readonly datasets: RiskDatasetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ jobId: string }>(DATASET_IMPORT_QUEUE, (_data, job) => this.records.attempt(job, () => this.complete(job.id)));
  }

  /** Whether an upload of this size is imported as a job. */
  isLarge(file: Buffer): boolean {
    return file.length >= this.config.datasetJobMinBytes;
  }

  @Transactional()
  async enqueue(auth: AuthContext, meta: ImportDatasetMetaDto, file: Buffer): Promise<JobDto> {
    const id = randomUUID();
    const row = await this.repo.create({
      id,
      kind: 'dataset-import',
      buyerId: null,
      tenderId: null,
      createdById: auth.userId,
      params: { meta: { ...meta }, bytes: file.length, actor: actorParams(auth) },
      payload: file,
    });
    await this.jobs.send(DATASET_IMPORT_QUEUE, { jobId: id }, { id });
    return toJobDto(row);
  }

  @Transactional<TransactionalAdapterPrisma>({ timeout: IMPORT_JOB_TX_TIMEOUT_MS })
  private async complete(jobId: string): Promise<void> {
    const row = await this.repo.lock(jobId);
    if (!row || row.status === 'succeeded' || row.status === 'failed' || !row.payload) return;
    const { meta } = row.params as unknown as { meta: ImportDatasetMetaDto };
    const dataset = await this.datasets.import(jobActor(row), meta, Buffer.from(row.payload));
    await this.repo.succeeded(jobId, { resultType: 'riskDataset', resultId: dataset.id, resultLocation: `/api/v1/risk-datasets/${dataset.id}` });
  }
}
