import { chmodSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import PgBoss from 'pg-boss';
import { Client } from 'pg';
import { loadConfig } from '../apps/api/src/config/app-config';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { applyMigrations } from '../apps/api/src/database/migrator';
import { JOBS_SCHEMA } from '../apps/api/src/jobs/jobs.service';
import { cloneTemplate, databaseName, RUN_DIR_VAR, sealTemplate, SERVER_URL_VAR, TEMPLATE_VAR, withDatabaseName } from './support/databases';

/**
 * The run's databases: on the server in DATABASE_URL (CI), or on a throwaway
 * embedded PostgreSQL when none is given, one **template** database is
 * migrated once (and pg-boss's schema installed in it); every test file then
 * gets a clone of its own (test/support/database-environment.ts). A shared
 * clone stays in DATABASE_URL/TEST_DATABASE_URL for code outside a test file.
 *
 * Both database tiers (integration, e2e) name this module: Jest calls it once
 * per project, so the second call only counts (global-teardown.ts undoes it at
 * the last call).
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestRun {
  /** How many projects' global setups have run and not yet been torn down. */
  users: number;
  serverUrl: string;
  /** Created by this run on the DATABASE_URL server (dropped at the end); none for the embedded server, which goes away whole. */
  created: string[];
  template: string;
  /** TEST_RUN_DIR: the list of databases to drop at the end. */
  dir: string;
  embedded?: { stop(): Promise<void> };
}

export const RUN_KEY = '__TENDER_TEST_RUN__';

export default async function globalSetup(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const existing = g[RUN_KEY] as TestRun | undefined;
  if (existing) {
    existing.users++;
    return;
  }
  const started = Date.now();
  const given = process.env.DATABASE_URL;
  const run: TestRun = {
    users: 1,
    serverUrl: '',
    created: [],
    template: databaseName('tender_tpl'),
    dir: mkdtempSync(path.join(os.tmpdir(), 'tender-test-run-')),
  };
  if (given) {
    run.serverUrl = given;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tender-test-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    chmodSync(dir, 0o755);
    const db = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'tender_test', persistent: false });
    run.serverUrl = db.connectionString;
    run.embedded = db;
  }
  g[RUN_KEY] = run;

  const admin = new Client({ connectionString: run.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${run.template}`);
  await admin.end();
  run.created.push(run.template);
  const templateUrl = withDatabaseName(run.serverUrl, run.template);
  await applyMigrations({ connectionString: templateUrl });
  // pg-boss installs its schema at the first start on a database: once here instead of once per file.
  const boss = new PgBoss({ connectionString: templateUrl, schema: JOBS_SCHEMA, schedule: false, supervise: false });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: true, wait: true });
  await sealTemplate(run.serverUrl, run.template);
  const migratedMs = Date.now() - started;

  const shared = databaseName('tender_test');
  const sharedUrl = await cloneTemplate(run.serverUrl, run.template, shared);
  run.created.push(shared);

  // The test apps keep their audit signing key under ./.data: create it now, before parallel workers race for it.
  loadConfig({ NODE_ENV: 'test', DATABASE_URL: sharedUrl, JWT_SECRET: 'x'.repeat(32) });

  process.env[SERVER_URL_VAR] = run.serverUrl;
  process.env[TEMPLATE_VAR] = run.template;
  process.env[RUN_DIR_VAR] = run.dir;
  process.env.DATABASE_URL = sharedUrl;
  process.env.TEST_DATABASE_URL = sharedUrl;
  process.stdout.write(
    `\n[test] template database migrated in ${migratedMs} ms, ready in ${Date.now() - started} ms (${given ? 'DATABASE_URL server' : 'embedded PostgreSQL'}); one clone per test file\n`,
  );
}
