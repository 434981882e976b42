import { Injectable, Logger } from '@nestjs/common';
import { permissionSpec, type Permission } from '@app/procedure';
import type { AuthContext } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { DomainError, notFound } from '../common/problem';
import { toProblem } from '../common/problem.filter';
import type { JobDto } from './job.dto';
import { JobRepository, type JobRow, type JobStatus } from './job.repository';
import { JobsService, WORKER_ID, type JobContext, type JobState } from './jobs.service';

/** The actor a job acts for: the caller who asked for it (recorded in the job; the audit trail names them). */
export function jobActor(row: Pick<JobRow, 'id' | 'params'>): AuthContext {
  const a = (row.params as { actor: Omit<AuthContext, 'requestId'> }).actor;
  return { userId: a.userId, email: a.email, role: a.role, buyerId: a.buyerId, requestId: `job:${row.id}` };
}

/** What a job records of its caller. */
export const actorParams = (auth: AuthContext): Omit<AuthContext, 'requestId'> => ({
  userId: auth.userId,
  email: auth.email,
  role: auth.role,
  buyerId: auth.buyerId,
});

const PROGRESS: Record<JobStatus, JobDto['progress']> = {
  queued: { phase: 'queued', percent: 0 },
  running: { phase: 'running', percent: 50 },
  succeeded: { phase: 'done', percent: 100 },
  failed: { phase: 'done', percent: 100 },
};

/** The queue's state of an unfinished job → the status shown. */
function statusOf(row: JobRow, state: JobState | null): JobStatus {
  if (row.status === 'succeeded' || row.status === 'failed') return row.status as JobStatus;
  if (state === 'failed' || state === 'cancelled') return 'failed';
  if (state === 'active' || state === 'completed') return 'running';
  if (state === 'created' || state === 'retry') return 'queued';
  return row.status as JobStatus;
}

/**
 * The job resource: who may read a job (the readers of its tender; ADMIN for
 * global jobs), how it is shown, and the attempt protocol every job kind
 * follows (started → result and completion marker in one transaction, or
 * failed with a problem document).
 */
@Injectable()
export class JobRecordsService {
  private readonly log = new Logger('Jobs');

  constructor(
    private readonly repo: JobRepository,
    private readonly jobs: JobsService,
    private readonly access: AccessService,
  ) {}

  async get(auth: AuthContext, id: string): Promise<JobDto> {
    const row = await this.repo.find(id);
    if (!row) throw notFound('Job');
    // A job on a tender is read like the tender; a global job (dataset import) by who manages reference data.
    const permission: Permission = row.buyerId ? 'tender.read' : 'reference.manage';
    if (!permissionSpec(permission).roles.includes(auth.role)) throw notFound('Job');
    await this.access.require(auth, permission, { buyerId: row.buyerId, label: 'Job' });
    const unfinished = row.status === 'queued' || row.status === 'running';
    const state = unfinished ? await this.jobs.state(queueOf(row.kind), row.id).catch(() => null) : null;
    return toJobDto(row, statusOf(row, state));
  }

  /**
   * One attempt of a job: recorded as started (host:pid, visible at once),
   * then `work`, which produces the result and the completion marker in one
   * transaction. A domain error (the tender is not CLOSED, a file invalid) ends
   * the job as failed with its problem document; any other error is retried
   * by the queue, and after the last attempt the job is failed too.
   */
  async attempt(job: JobContext, work: () => Promise<void>): Promise<void> {
    await this.repo.started(job.id, WORKER_ID);
    try {
      await work();
    } catch (e) {
      if (e instanceof DomainError) {
        await this.repo.failed(job.id, toProblem(e, `job:${job.id}`));
        return;
      }
      this.log.error(`job ${job.queue} ${job.id} attempt ${job.retryCount + 1} failed: ${(e as Error).message}`);
      if (job.retryCount >= job.retryLimit) {
        const problem = toProblem(new DomainError('JOB_FAILED', `The job failed after ${job.retryCount + 1} attempts; ask again`), `job:${job.id}`);
        await this.repo.failed(job.id, problem);
      }
      throw e;
    }
  }
}

export const QUEUE_OF_KIND: Record<string, string> = {
  evaluation: 'evaluation.run',
  report: 'report.render',
  'dataset-import': 'dataset.import',
};

const queueOf = (kind: string): string => QUEUE_OF_KIND[kind] ?? kind;

export function toJobDto(row: JobRow, status: JobStatus = row.status as JobStatus): JobDto {
  const done = status === 'succeeded';
  return {
    id: row.id,
    kind: row.kind as JobDto['kind'],
    status,
    progress: PROGRESS[status],
    tenderId: row.tenderId,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    ...(done && row.resultType === 'evaluation' && row.resultId ? { evaluationId: row.resultId } : {}),
    ...(done && row.resultType === 'riskDataset' && row.resultId ? { datasetId: row.resultId } : {}),
    ...(done && row.resultLocation ? { location: row.resultLocation } : {}),
    ...(status === 'failed'
      ? { problem: (row.problem as unknown as JobDto['problem']) ?? toProblem(new DomainError('JOB_FAILED', 'The job failed; ask again'), `job:${row.id}`) }
      : {}),
  } as JobDto;
}
