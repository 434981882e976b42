import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionHost, type PrismaTxHost } from '../database/transaction';

/** What pg-boss needs of a transaction to enqueue inside it (a Prisma interactive transaction has it). */
export interface SqlTx {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** This process, as recorded on the jobs it starts (host:pid). */
export const WORKER_ID = `${hostname()}:${process.pid}`;

/** pg-boss keeps its tables in a schema of its own, beside the service's (migrations and drift checks see only `public`). */
export const JOBS_SCHEMA = 'pgboss';

export interface JobContext {
  id: string;
  queue: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** The last attempt is retryCount === retryLimit. */
  retryLimit: number;
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
 * Lifecycle: pg-boss starts in onModuleInit without holding up the boot
 * (while the database is unreachable it retries in the background, as the
 * service itself keeps answering), queues and workers are declared at
 * bootstrap, and onModuleDestroy stops it — waiting for running jobs — before
 * the Prisma client disconnects (Nest destroys modules in reverse order of
 * initialisation).
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private readonly kinds = new Map<string, Registered>();
  private boss: PgBoss | null = null;
  /** pg-boss started (retried in the background while the database is unreachable: the service still boots and answers). */
  private started: Promise<PgBoss> | null = null;
  /** Started and every registered queue declared (and worked, with JOBS_WORKER). */
  private ready: Promise<PgBoss> | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private wakeRetry: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly txHost: TransactionHost,
  ) {}

  /** Whether this process works the queues (JOBS_WORKER). */
  get working(): boolean {
    return this.config.jobsWorker;
  }

  /** Declares a job kind; call from a module's onModuleInit. */
  register<T extends object>(queue: string, handler: JobHandler<T>, opts: { retryLimit?: number } = {}): void {
    if (this.kinds.has(queue)) throw new Error(`job kind ${queue} registered twice`);
    if (this.ready) throw new Error(`job kind ${queue} registered after bootstrap`);
    this.kinds.set(queue, { handler: handler as JobHandler<object>, retryLimit: opts.retryLimit ?? 3 });
  }

  onModuleInit(): void {
    if (!this.config.databaseUrl) throw new Error('jobs need the database URL');
    this.started = this.startWithRetry();
    this.started.catch(() => undefined);
  }

  onApplicationBootstrap(): void {
    this.ready = this.started!.then((boss) => this.declareQueues(boss));
    this.ready.catch((e: Error) => {
      if (!this.stopped) this.log.error(`job queues not ready: ${e.message}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.wakeRetry?.();
    await this.ready?.catch(() => undefined);
    await this.started?.catch(() => undefined);
    const boss = this.boss;
    if (!boss) return;
    this.boss = null;
    const done = new Promise<void>((resolve) => boss.once('stopped', () => resolve()));
    await boss.stop({ graceful: true, wait: true, close: true, timeout: 15_000 });
    await done;
  }

  /**
   * Enqueues a job inside the transaction: `tx`, else the one of the async
   * context (@Transactional), if any. The job is visible to workers once it
   * commits, and never if it rolls back. `id`: the job's id (a uuid) chosen by
   * the caller, e.g. the id of its job resource. Returns the job id.
   */
  async send<T extends object>(queue: string, data: T, opts: { tx?: SqlTx; id?: string; singletonKey?: string } = {}): Promise<string> {
    if (!this.kinds.has(queue)) throw new Error(`unknown job kind ${queue}`);
    const boss = await this.whenReady();
    const tx = opts.tx ?? (this.txHost.isTransactionActive() ? (this.txHost as PrismaTxHost).tx : undefined);
    const db = tx ? txExecutor(tx) : undefined;
    const id = await boss.send(queue, data, {
      ...(db ? { db } : {}),
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    });
    if (!id) throw new Error(`job of kind ${queue} not created`);
    return id;
  }

  /** A job's state (created, active, completed, failed, …), or null when unknown. */
  async state(queue: string, id: string): Promise<JobState | null> {
    const job = await (await this.whenReady()).getJobById(queue, id, { includeArchive: true });
    return job?.state ?? null;
  }

  private async startWithRetry(): Promise<PgBoss> {
    for (let attempt = 0; ; attempt++) {
      const boss = new PgBoss({
        connectionString: this.config.databaseUrl!,
        schema: JOBS_SCHEMA,
        application_name: 'tender-evaluation-jobs',
        max: 3,
        // No cron schedules yet: no clock monitor either.
        schedule: false,
        // Maintenance (expiring, archiving) runs where jobs are worked; an enqueue-only process keeps no timers.
        supervise: this.config.jobsWorker,
        maintenanceIntervalSeconds: this.config.jobsMaintenanceSeconds,
      });
      boss.on('error', (e: Error) => this.log.error(`pg-boss: ${e.message}`));
      try {
        await boss.start();
        if (this.stopped) {
          await boss.stop({ graceful: false, close: true, wait: true });
          throw new Error('stopped');
        }
        this.boss = boss;
        return boss;
      } catch (e) {
        await boss.stop({ graceful: false, close: true, wait: false }).catch(() => undefined);
        if (this.stopped) throw e;
        const delay = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
        this.log.error(`pg-boss could not start (${(e as Error).message}); retrying in ${delay / 1000} s`);
        await new Promise<void>((resolve) => {
          this.wakeRetry = resolve;
          this.retryTimer = setTimeout(resolve, delay);
          this.retryTimer.unref();
        });
        if (this.stopped) throw e;
      }
    }
  }

  private async declareQueues(boss: PgBoss): Promise<PgBoss> {
    for (const [queue, kind] of this.kinds) {
      const settings = {
        retryLimit: kind.retryLimit,
        retryDelay: this.config.jobsRetryDelaySeconds,
        retryBackoff: this.config.jobsRetryDelaySeconds > 0,
        // A job running longer than this is taken for crashed (its worker died) and retried.
        expireInSeconds: this.config.jobsExpireSeconds,
      };
      await boss.createQueue(queue, { name: queue, ...settings });
      // The queue exists already (another process, an earlier version): its settings follow the configuration.
      await boss.updateQueue(queue, { name: queue, ...settings });
      if (!this.config.jobsWorker) continue;
      await boss.work<object>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) await kind.handler(job.data, { id: job.id, queue, retryCount: job.retryCount, retryLimit: job.retryLimit });
      });
    }
    return boss;
  }

  /** The running instance; waits for a (re)start at most 10 s, so a request never hangs on an unreachable database. */
  private async whenReady(): Promise<PgBoss> {
    if (!this.ready || this.stopped) throw new Error('jobs are not running');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('jobs not ready after 10 s (database unreachable?)')), 10_000);
      timer.unref();
    });
    try {
      return await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** pg-boss's SQL run on the caller's Prisma transaction (JSON parameters as text, as pg would send them). */
function txExecutor(tx: SqlTx): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text, values) {
      const params = values.map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v));
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}
