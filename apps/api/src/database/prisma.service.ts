import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '@generated/prisma';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export type Tx = Prisma.TransactionClient;

/**
 * DB_COUNT_QUERIES=true (tests only): every SQL statement sent to PostgreSQL
 * is counted — BEGIN and COMMIT included — by wrapping the query method of
 * each pooled connection. Off by default: the pool is then Prisma's own.
 */
function countingPool(options: pg.PoolConfig, counter: { statements: number }): pg.Pool {
  const pool = new pg.Pool(options);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      counter.statements++;
      return query(...args);
    };
  });
  return pool;
}

/**
 * The one Prisma client. Multi-row writes go through `transaction()` so that a
 * failed request changes nothing.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private readonly counter: { statements: number } | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A bounded connect: with the database host gone, requests fail (503) within seconds instead of hanging.
    const options = { connectionString: config.databaseUrl!, max: 20, connectionTimeoutMillis: 5000 };
    const counter = process.env.DB_COUNT_QUERIES === 'true' ? { statements: 0 } : null;
    super({ adapter: counter ? new PrismaPg(countingPool(options, counter), { disposeExternalPool: true }) : new PrismaPg(options) });
    this.counter = counter;
  }

  /** SQL statements sent so far, with DB_COUNT_QUERIES=true; null otherwise. */
  get statementCount(): number | null {
    return this.counter?.statements ?? null;
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { isolationLevel?: Prisma.TransactionIsolationLevel; timeout?: number }): Promise<T> {
    return this.$transaction(fn, { timeout: options?.timeout ?? 30_000, maxWait: 10_000, isolationLevel: options?.isolationLevel });
  }

  /**
   * After the HTTP server has drained (app.close() runs destroy hooks, then closes the server and waits
   * for in-flight requests, then shutdown hooks): a running evaluation still has its database.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
