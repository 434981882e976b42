import 'reflect-metadata';
import { PinoLogger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareDatabase } from './database/bootstrap';
import { createApp } from './create-app';
import { printCredentials } from './seed/demo';
import { runStartupTasks } from './seed/startup';

/** Longest drain on SIGTERM; below the 30 s a container orchestrator usually grants before SIGKILL. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  // Same line format as the pino request logs (level 30 = info).
  const log = (m: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), service: 'tender-evaluation', msg: m })}\n`);
  let db;
  try {
    db = await prepareDatabase(config, log);
  } catch (e) {
    // One line an operator can act on (EmbeddedDatabaseError names the setting), not a stack trace.
    process.stderr.write(`start failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  const app = await createApp({ ...config, databaseUrl: db.connectionString });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    log(`${signal}: draining requests and stopping`);
    // A request that never ends must not keep the process (and its database) up forever.
    setTimeout(() => {
      process.stderr.write(`shutdown: requests still running after ${SHUTDOWN_TIMEOUT_MS} ms; exiting\n`);
      // Still stop the embedded PostgreSQL (their transactions roll back), but not at any price.
      setTimeout(() => process.exit(1), 3000).unref();
      void db.stop().finally(() => process.exit(1));
    }, SHUTDOWN_TIMEOUT_MS).unref();
    // server.close() closes the connections idle at that moment; a keep-alive connection whose request
    // finishes later would hold the drain until the client drops it, so close those as they become idle.
    const server = app.getHttpServer();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    try {
      // Order (see PrismaService): stop accepting, wait for in-flight requests, then close the database client.
      await app.close();
      clearInterval(sweep);
      await db.stop();
    } catch (e) {
      process.stderr.write(`shutdown failed: ${(e as Error).message}\n`);
      process.exit(1);
    }
    log(`stopped in ${Date.now() - started} ms`);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  let seeded;
  try {
    seeded = await runStartupTasks(app, { ...config, databaseUrl: db.connectionString }, db.embedded);
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    process.stderr.write(`start failed: ${(e as Error).message}\n`);
    await app.close().catch(() => undefined);
    await db.stop();
    process.exit(1);
  }
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  log(`Tender Evaluation serving on ${url} — API docs at ${url}/api/docs`);
  // Last, once the service listens: the demo passwords are what a newcomer needs next. Nest's buffered
  // start-up lines go out through pino asynchronously; flush them first so the box is not buried.
  if (seeded) {
    await new Promise<void>((resolve) => (PinoLogger.root ? PinoLogger.root.flush(() => resolve()) : resolve()));
    // pino's stream writes asynchronously even after flush() answers; a moment lets the last lines land first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    printCredentials(seeded.creds, config.port, seeded.file);
  }
}

void main();
