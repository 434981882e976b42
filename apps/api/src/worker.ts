import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { WORKER_ID } from './jobs/jobs.service';

/** Longest wait for the running jobs on SIGTERM before they are released (failed, hence retried by another worker). */
const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * `npm run worker`: a process without an HTTP server that works the
 * background jobs (evaluations of large tenders, report renders, dataset
 * imports, re-screening) on the service's PostgreSQL. Start API processes
 * with JOBS_WORKER=false to leave the jobs to workers. Needs DATABASE_URL
 * (the API process applies the migrations). SIGTERM: the running jobs finish
 * (or, after the timeout, are released to be retried elsewhere), exit 0.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, JOBS_WORKER: 'true' });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  if (!config.databaseUrl) {
    process.stderr.write('the worker needs DATABASE_URL (the database the API processes use)\n');
    process.exit(1);
  }
  const log = (m: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), service: 'tender-evaluation-worker', msg: m })}\n`);
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  ctx.useLogger(ctx.get(Logger));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the running jobs and stopping`);
    setTimeout(() => {
      process.stderr.write(`shutdown: still stopping after ${SHUTDOWN_TIMEOUT_MS} ms; exiting\n`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS + 5000).unref();
    try {
      await ctx.close();
    } catch (e) {
      process.stderr.write(`shutdown failed: ${(e as Error).message}\n`);
      process.exit(1);
    }
    log('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  log(`worker ${WORKER_ID} working jobs`);
}

void main();
