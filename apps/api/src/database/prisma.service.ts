import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '@generated/prisma';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Bounded transactions: a stuck lock fails the request (and rolls back) instead of hanging it. */
export const TX_DEFAULTS = { timeout: 30_000, maxWait: 10_000 };

export type Tx = Prisma.TransactionClient;

/**
 * DB_COUNT_QUERIES=true (tests only): every SQL statement sent to PostgreSQL
 * is counted — BEGIN and COMMIT included, Prisma's and the lean reads' alike —
 * by wrapping the query method of each pooled connection.
 */
function countStatements(pool: pg.Pool, counter: { statements: number }): pg.Pool {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      counter.statements++;
      return query(...args);
    };
  });
  return pool;
}

/** A statement of a lean read: named, so each pooled connection parses and plans it once. */
export interface LeanStatement {
  name: string;
  text: string;
}

/**
 * The one Prisma client, on a pg pool it owns. Multi-row writes go through
 * `transaction()` so that a failed request changes nothing. The same pool
 * serves the lean reads (`Repository.lean`): a hot read outside any
 * transaction skips Prisma's query pipeline (~100 µs of JS per statement).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private readonly counter: { statements: number } | null;
  private readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A bounded connect: with the database host gone, requests fail (503) within seconds instead of hanging.
    const pool = new pg.Pool({ connectionString: config.databaseUrl!, max: 20, connectionTimeoutMillis: 5000 });
    const counter = process.env.DB_COUNT_QUERIES === 'true' ? { statements: 0 } : null;
    if (counter) countStatements(pool, counter);
    // An idle connection that dies (database restart) is dropped by the pool; without a listener the
    // 'error' event would end the process before Prisma's adapter (connected on its first query) adds its own.
    pool.on('error', () => undefined);
    // Prisma ends the pool on $disconnect.
    // Every interactive transaction is bounded (TX_DEFAULTS): here rather than as the CLS adapter's
    // defaultTxOptions, which nestjs-cls reports as "ignored" (a warning) on every nested @Transactional.
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: TX_DEFAULTS });
    this.counter = counter;
    this.pool = pool;
  }

  /**
   * One statement on the pool, outside any transaction; rows with pg's own
   * parsing (text, int, bool, json, timestamptz as Date, text[]): a statement
   * selects only such columns, so it reads the same through Prisma.
   */
  async leanQuery<T>(statement: LeanStatement, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values })).rows;
  }

  /** SQL statements sent so far, with DB_COUNT_QUERIES=true; null otherwise. */
  get statementCount(): number | null {
    return this.counter?.statements ?? null;
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { isolationLevel?: Prisma.TransactionIsolationLevel; timeout?: number }): Promise<T> {
    return this.$transaction(fn, { ...TX_DEFAULTS, ...options });
  }

  /**
   * After the HTTP server has drained (app.close() runs destroy hooks, then closes the server and waits
   * for in-flight requests, then shutdown hooks): a running evaluation still has its database.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
