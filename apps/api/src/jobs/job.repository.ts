import { Injectable } from '@nestjs/common';
import type { BackgroundJob, Prisma } from '@generated/prisma';
import { Repository } from '../database/transaction';

export type JobKind = 'evaluation' | 'report' | 'dataset-import';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed'];

export type JobRow = BackgroundJob;

export interface NewJob {
  id: string;
  kind: JobKind;
  buyerId: string | null;
  tenderId: string | null;
  createdById: string | null;
  params: Record<string, unknown>;
  dedupeKey?: string | null;
  payload?: Buffer | null;
}

export interface JobResult {
  resultType: string;
  resultId: string;
  resultLocation: string;
}

/**
 * The job resource (background_job): what the API shows of a job and its
 * completion marker. The row is locked by the transaction that produces the
 * job's result, and marked succeeded in it: a retried job, or a second
 * worker on the same job, finds it done and produces nothing.
 */
@Injectable()
export class JobRepository extends Repository {
  async create(job: NewJob): Promise<JobRow> {
    return this.db.backgroundJob.create({
      data: {
        id: job.id,
        kind: job.kind,
        buyerId: job.buyerId,
        tenderId: job.tenderId,
        createdById: job.createdById,
        params: job.params as Prisma.InputJsonValue,
        dedupeKey: job.dedupeKey ?? null,
        payload: job.payload ? new Uint8Array(job.payload) : null,
      },
    });
  }

  find(id: string): Promise<JobRow | null> {
    return this.db.backgroundJob.findUnique({ where: { id } });
  }

  /** The unfinished job of a kind with this deduplication key, if any (call under dedupeLock). */
  findUnfinished(kind: JobKind, dedupeKey: string): Promise<JobRow | null> {
    return this.db.backgroundJob.findFirst({ where: { kind, dedupeKey, status: { in: ['queued', 'running'] } }, orderBy: { createdAt: 'asc' } });
  }

  /** Serialises the enqueueing of jobs with one deduplication key until the transaction ends. */
  async dedupeLock(kind: JobKind, dedupeKey: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`job:${kind}:${dedupeKey}`}, 0))`;
  }

  /**
   * The job row, locked until the transaction ends: the one who holds it
   * produces the result. `skipLocked`: null at once when another process
   * holds it (it is producing the result right now).
   */
  async lock(id: string, opts: { skipLocked?: boolean } = {}): Promise<JobRow | null> {
    const rows = opts.skipLocked
      ? await this.db.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM background_job WHERE id = ${id}::uuid FOR UPDATE SKIP LOCKED`
      : await this.db.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM background_job WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return this.db.backgroundJob.findUnique({ where: { id } });
  }

  /** An attempt starts (its own short transaction, so that it is visible at once). */
  async started(id: string, worker: string): Promise<void> {
    await this.db.backgroundJob.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'running', attempts: { increment: 1 }, worker, startedAt: new Date() },
    });
  }

  /** The completion marker, written in the transaction of the result. */
  async succeeded(id: string, result: JobResult): Promise<void> {
    await this.db.backgroundJob.update({
      where: { id },
      data: { status: 'succeeded', ...result, problem: undefined, payload: null, finishedAt: new Date() },
    });
  }

  async failed(id: string, problem: Record<string, unknown>): Promise<void> {
    await this.db.backgroundJob.updateMany({
      where: { id, status: { not: 'succeeded' } },
      data: { status: 'failed', problem: problem as Prisma.InputJsonValue, payload: null, finishedAt: new Date() },
    });
  }

  /**
   * Bids of a tender: what decides whether its evaluation runs as a job.
   * (A count only; the bid aggregate itself stays with its repository.)
   */
  countBids(tenderId: string): Promise<number> {
    return this.db.bid.count({ where: { tenderId } });
  }
}
