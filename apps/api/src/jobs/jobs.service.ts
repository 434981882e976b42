import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Tx } from '../database/prisma.service';

/** pg-boss keeps its tables in a schema of its own, beside the service's (migrations and drift checks see only `public`). */
export const JOBS_SCHEMA = 'pgboss';

export interface JobContext {
  id: string;
  queue: string;
}

export type JobHandler<T extends object> = (data: T, job: JobContext) => Promise<void>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

interface Registered {
  handler: JobHandler<object>;
  /** Retries after a failure (a crash mid-job, a lost connection). */
  retryLimit: number;
}

/**
 * Background jobs on the service's own PostgreSQL (pg-boss; no other
 * service). Feature modules register a job kind (a queue and its handler) in
 * their onModuleInit; jobs are enqueued with `send`, inside the caller's
 * transaction when given one, so a job exists exactly when the change that
 * asked for it committed. This process works the queues unless JOBS_WORKER
 * is false (then another process started with the same modules does):
 * evaluations, reports or imports can become job kinds the same way.
 *
 * Lifecycle: pg-boss starts in onModuleInit (after the database module, so
 * before anything can enqueue), workers start at bootstrap, and onModuleDestroy
 * stops it — waiting for running jobs — before the Prisma client disconnects
 * (Nest destroys modules in reverse order of initialisation).
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private readonly kinds = new Map<string, Registered>();
  private boss: PgBoss | null = null;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Declares a job kind; call from a module's onModuleInit. */
  register<T extends object>(queue: string, handler: JobHandler<T>, opts: { retryLimit?: number } = {}): void {
    if (this.kinds.has(queue)) throw new Error(`job kind ${queue} registered twice`);
    this.kinds.set(queue, { handler: handler as JobHandler<object>, retryLimit: opts.retryLimit ?? 3 });
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseUrl) throw new Error('jobs need the database URL');
    const boss = new PgBoss({
      connectionString: this.config.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'tender-evaluation-jobs',
      max: 3,
      // No cron schedules yet: no clock monitor either.
      schedule: false,
      // Maintenance (expiring, archiving) runs where jobs are worked; an enqueue-only process keeps no timers.
      supervise: this.config.jobsWorker,
    });
    boss.on('error', (e: Error) => this.log.error(`pg-boss: ${e.message}`));
    await boss.start();
    this.boss = boss;
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = this.requireBoss();
    for (const [queue, kind] of this.kinds) {
      await boss.createQueue(queue, { name: queue, retryLimit: kind.retryLimit, retryBackoff: true });
      if (!this.config.jobsWorker) continue;
      await boss.work<object>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await kind.handler(job.data, { id: job.id, queue });
      });
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.boss || this.stopped) return;
    this.stopped = true;
    const boss = this.boss;
    const done = new Promise<void>((resolve) => boss.once('stopped', () => resolve()));
    await boss.stop({ graceful: true, wait: true, close: true, timeout: 15_000 });
    await done;
  }

  /**
   * Enqueues a job; with `tx`, inside that transaction (the job is visible to
   * workers once it commits, and never if it rolls back). Returns the job id.
   */
  async send<T extends object>(queue: string, data: T, opts: { tx?: Tx; singletonKey?: string } = {}): Promise<string> {
    if (!this.kinds.has(queue)) throw new Error(`unknown job kind ${queue}`);
    const boss = this.requireBoss();
    const db = opts.tx ? txExecutor(opts.tx) : undefined;
    const id = await boss.send(queue, data, { ...(db ? { db } : {}), ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}) });
    if (!id) throw new Error(`job of kind ${queue} not created`);
    return id;
  }

  /** A job's state (created, active, completed, failed, …), or null when unknown. */
  async state(queue: string, id: string): Promise<JobState | null> {
    const job = await this.requireBoss().getJobById(queue, id, { includeArchive: true });
    return job?.state ?? null;
  }

  private requireBoss(): PgBoss {
    if (!this.boss || this.stopped) throw new Error('jobs are not running');
    return this.boss;
  }
}

/** pg-boss's SQL run on the caller's Prisma transaction (JSON parameters as text, as pg would send them). */
function txExecutor(tx: Tx): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text, values) {
      const params = values.map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v));
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}
