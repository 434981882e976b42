import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../../apps/api/src/database/migrator';

/**
 * Databases of a test run. test/global-setup.ts migrates one **template**
 * database once per run; every test file of the integration and e2e tiers gets
 * a database of its own, cloned from it (`CREATE DATABASE … TEMPLATE`, a file
 * copy: a fraction of a second instead of running the migrations), and dropped
 * after the run (test/support/database-environment.ts). Files therefore
 * never see each other's rows, queued jobs or active datasets, and can run in
 * parallel.
 *
 * Drops wait for the end of the run: DROP DATABASE forces a checkpoint (seconds
 * on a busy disk), and concurrent drops share one, so test/global-teardown.ts
 * drops them all at once instead of one file after the other.
 *
 * Environment of the run (set by the global setup, inherited by the workers):
 * - TEST_SERVER_URL: a database on the run's server to connect to for
 *   CREATE/DROP DATABASE (never the template: a clone needs it unconnected);
 * - TEST_TEMPLATE_DB: the migrated template's name;
 * - TEST_RUN_DIR: a folder of the run; `databases` there lists what to drop at the end.
 * Inside a test file: DATABASE_URL and TEST_DATABASE_URL name the file's own database.
 */
export const SERVER_URL_VAR = 'TEST_SERVER_URL';
export const TEMPLATE_VAR = 'TEST_TEMPLATE_DB';
export const RUN_DIR_VAR = 'TEST_RUN_DIR';
const DROP_LIST = 'databases';

/** Drops a test database at the end of the run (now, when run without the global setup). KEEP_TEST_DB=true keeps it. */
export async function dropLater(serverUrl: string, name: string): Promise<void> {
  const dir = process.env[RUN_DIR_VAR];
  if (dir) appendFileSync(path.join(dir, DROP_LIST), `${name}\n`);
  else if (process.env.KEEP_TEST_DB !== 'true') await dropDatabase(serverUrl, name);
}

/** The databases dropLater() noted in this run. */
export function toDrop(dir: string): string[] {
  const file = path.join(dir, DROP_LIST);
  return existsSync(file) ? [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))] : [];
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** 55006: "source database is being accessed by other users" (a connection to the template not yet gone). */
const TEMPLATE_BUSY = '55006';

/** A new database cloned from the run's template; retried briefly while the template still has a connection closing. */
export async function cloneTemplate(serverUrl: string, template: string, name: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      return withDatabaseName(serverUrl, name);
    } catch (e) {
      if ((e as { code?: string }).code !== TEMPLATE_BUSY || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Marks a migrated database as the run's template: no connections from now on, so clones never wait. */
export async function sealTemplate(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
}

export async function dropTemplate(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, async (c) => {
    await c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

export const databaseName = (prefix: string): string => `${prefix}_${randomBytes(4).toString('hex')}`.toLowerCase();

/**
 * A further migrated database on the run's server, for a suite that needs a
 * second one or a database without the reference data a file's own database
 * may already hold. Cloned from the template (migrating only when run outside
 * the global setup's template, e.g. by an older harness).
 */
export async function createOwnDatabase(prefix = 'suite'): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env[SERVER_URL_VAR] ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) throw new Error('no test database: run through jest (test/global-setup.ts)');
  const template = process.env[TEMPLATE_VAR];
  const name = databaseName(prefix);
  let url: string;
  if (template) {
    url = await cloneTemplate(server, template, name);
  } else {
    await admin(server, (c) => c.query(`CREATE DATABASE ${name}`));
    url = withDatabaseName(server, name);
    await applyMigrations({ connectionString: url });
  }
  return { url, drop: () => dropLater(server, name) };
}
