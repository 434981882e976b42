import { chmodSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { applyMigrations } from '../apps/api/src/database/migrator';

/**
 * One fresh, migrated database for the e2e run: a new database on the server
 * in DATABASE_URL (CI), or a throwaway embedded PostgreSQL when none is given.
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

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const given = process.env.DATABASE_URL;
  let url: string;
  if (given) {
    const name = `tender_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(given);
    u.pathname = `/${name}`;
    url = u.toString();
    (globalThis as Record<string, unknown>).__TEST_DB__ = { serverUrl: given, name };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tender-test-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    chmodSync(dir, 0o755);
    const db = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'tender_test', persistent: false });
    url = db.connectionString;
    (globalThis as Record<string, unknown>).__TEST_EMBEDDED__ = db;
  }
  await applyMigrations({ connectionString: url });
  process.env.DATABASE_URL = url;
  process.env.TEST_DATABASE_URL = url;
  process.stdout.write(`\n[e2e] database ready in ${Date.now() - started} ms (${given ? 'fresh database on DATABASE_URL server' : 'embedded PostgreSQL'})\n`);
}
