import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations } from '../../apps/api/src/database/migrator';

/**
 * A migrated database of its own on the run's server, for suites that need an
 * empty database or change global state (active datasets, risk model).
 */
export async function createOwnDatabase(prefix = 'suite'): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) throw new Error('no test database: run through jest (test/global-setup.ts)');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  await applyMigrations({ connectionString: url });
  return {
    url,
    drop: async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
