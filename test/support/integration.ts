import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../../apps/api/src/app.module';
import { ensureReferenceData } from '../../apps/api/src/admin/reference-data.service';
import { type AppConfig, loadConfig } from '../../apps/api/src/config/app-config';

/**
 * The middle tier: services and repositories of the real application on a real
 * PostgreSQL database, without HTTP. A suite gets the Nest application context
 * and calls services (`ctx.get(TendersService)`) as a controller would.
 */
export interface IntegrationContext {
  ctx: INestApplicationContext;
  close(): Promise<void>;
}

/** The configuration every test tier boots the application with, on the run's test database (overrides in `env`). */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('no test database: run through jest (test/global-setup.ts)');
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-1234',
    SEED_DEMO: 'false',
    // Jobs are enqueued but not worked unless a suite asks (JOBS_WORKER: 'true'): fewer timers in suites that do not wait for them.
    JOBS_WORKER: 'false',
    // argon2id at 1 MiB, one pass: the same algorithm and code path, milliseconds instead of a quarter second per user.
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    ...env,
  });
}

export async function startIntegration(env: Record<string, string> = {}, opts: { referenceData?: boolean } = {}): Promise<IntegrationContext> {
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(testConfig(env)), { logger: false, abortOnError: false });
  if (opts.referenceData !== false) await ensureReferenceData(ctx);
  return { ctx, close: () => ctx.close() };
}
