/**
 * The migrations folder, the database and schema.prisma agree, and our runner
 * keeps `_prisma_migrations` as Prisma Migrate would. Runs against
 * DATABASE_URL (a fresh database that test/global-setup.ts migrated with
 * applyMigrations) and against a scratch database of its own for the cases
 * that must write. Prisma's own schema engine (wasm, tools/schema-engine.ts)
 * is the referee: its diff is `prisma migrate diff`, its diagnose/apply are what
 * `prisma migrate status|deploy` run.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations, findMigrationsDir, MigrationError } from '../apps/api/src/database/migrator';
import { DEFAULT_SCHEMA_PATH, diagnoseMigrationHistory, diffDatabaseToSchema, diffMigrationsToSchema, engineApplyMigrations } from '../tools/schema-engine';

jest.setTimeout(30_000);

const REPO = path.resolve(__dirname, '..');
const MIGRATIONS_DIR = path.join(REPO, 'prisma', 'migrations');
const migrationNames = fs
  .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set; test/global-setup.ts should provide a migrated database');
  return url;
}

function withDatabase(url: string, database: string, params: Record<string, string> = {}): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** sha256 of the file's bytes, computed independently of the runner. */
function fileChecksum(name: string): string {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql')))
    .digest('hex');
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

interface Row {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}
const selectRows = (c: Client) => c.query<Row>('SELECT * FROM _prisma_migrations ORDER BY started_at').then((r) => r.rows);

describe('migrations folder', () => {
  it('starts with the init and the append-only audit migrations, all timestamped, with a postgresql lock file', () => {
    expect(migrationNames.length).toBeGreaterThanOrEqual(2);
    expect(migrationNames[0]).toMatch(/^\d{14}_init$/);
    expect(migrationNames[1]).toMatch(/^\d{14}_audit_append_only$/);
    for (const name of migrationNames) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(fs.readFileSync(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8')).toMatch(/^provider = "postgresql"$/m);
  });

  it('is found from the source tree and from the nest build output', () => {
    expect(findMigrationsDir(path.join(REPO, 'apps/api/src/database'))).toBe(MIGRATIONS_DIR);
    expect(findMigrationsDir(path.join(REPO, 'dist/apps/api/src/database'))).toBe(MIGRATIONS_DIR);
  });
});

describe('the migrated database (DATABASE_URL)', () => {
  it('matches schema.prisma: Prisma finds nothing to diff', async () => {
    const diff = await diffDatabaseToSchema({ url: databaseUrl() });
    expect({ hasChanges: diff.hasChanges, script: diff.script.trim() }).toEqual({
      hasChanges: false,
      script: '-- This is an empty migration.',
    });
  });

  it('would show drift: a schema.prisma change yields SQL (the check above is not vacuous)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-'));
    try {
      const schemaPath = path.join(dir, 'schema.prisma');
      fs.writeFileSync(schemaPath, `${fs.readFileSync(DEFAULT_SCHEMA_PATH, 'utf8')}\nmodel DriftProbe {\n  id Int @id\n}\n`);
      const diff = await diffDatabaseToSchema({ url: databaseUrl(), schemaPath });
      expect(diff.hasChanges).toBe(true);
      expect(diff.script).toContain('CREATE TABLE "DriftProbe"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches what the migrations folder builds in a shadow database', async () => {
    const diff = await diffMigrationsToSchema({ url: databaseUrl() });
    expect({ hasChanges: diff.hasChanges, script: diff.script.trim() }).toEqual({
      hasChanges: false,
      script: '-- This is an empty migration.',
    });
  });

  it('records every migration once, finished, with Prisma checksums', async () => {
    const rows = await withClient(databaseUrl(), selectRows);
    const live = rows.filter((r) => r.rolled_back_at === null);
    expect(live.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of live) {
      expect(row).toMatchObject({
        checksum: fileChecksum(row.migration_name),
        applied_steps_count: 1,
        rolled_back_at: null,
      });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  it('is a no-op to migrate again', async () => {
    const before = await withClient(databaseUrl(), selectRows);
    await expect(applyMigrations({ connectionString: databaseUrl() })).resolves.toEqual({ applied: [] });
    expect(await withClient(databaseUrl(), selectRows)).toEqual(before);
  });

  it('is in sync for `prisma migrate status/deploy` (engine diagnose)', async () => {
    await expect(diagnoseMigrationHistory({ url: databaseUrl() })).resolves.toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });
});

describe('a scratch database', () => {
  const name = `mig_spec_${randomUUID().replace(/-/g, '')}`;
  let url: string;

  beforeAll(async () => {
    await withClient(databaseUrl(), (c) => c.query(`CREATE DATABASE "${name}"`));
    url = withDatabase(databaseUrl(), name);
  });

  afterAll(async () => {
    await withClient(databaseUrl(), (c) => c.query(`DROP DATABASE IF EXISTS "${name}"`));
  });

  it('is migrated by exactly one of two concurrent runners', async () => {
    const results = await Promise.all([applyMigrations({ connectionString: url }), applyMigrations({ connectionString: url })]);
    expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([migrationNames, []]);
    const rows = await withClient(url, selectRows);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(migrationNames.map((n) => [n, fileChecksum(n)]));
  });

  it('leaves nothing for `prisma migrate deploy` (engine applyMigrations) to apply', async () => {
    await expect(engineApplyMigrations({ url })).resolves.toEqual([]);
  });

  it('keeps audit_event append-only', async () => {
    await withClient(url, async (c) => {
      await c.query(
        `INSERT INTO audit_event (id, action, object_type, payload, prev_hash, hash)
         VALUES ($1, 'test', 'test', '{}', repeat('0', 64), repeat('1', 64))`,
        [randomUUID()],
      );
      for (const sql of ["UPDATE audit_event SET action = 'changed'", 'DELETE FROM audit_event', 'TRUNCATE audit_event']) {
        await expect(c.query(sql)).rejects.toMatchObject({
          code: '42501',
          message: expect.stringMatching(/^audit_event is append-only: (UPDATE|DELETE|TRUNCATE)/),
        });
      }
      expect((await c.query('SELECT count(*)::int AS n FROM audit_event')).rows[0]).toEqual({ n: 1 });
    });
  });

  it('refuses a migration edited after it was applied', async () => {
    const [first] = migrationNames;
    await withClient(url, (c) => c.query(`UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`, [first]));
    try {
      const attempt = applyMigrations({ connectionString: url });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toMatchObject({ code: 'EDITED_MIGRATION', message: expect.stringContaining(first) });
    } finally {
      await withClient(url, (c) => c.query(`UPDATE _prisma_migrations SET checksum = $2 WHERE migration_name = $1`, [first, fileChecksum(first)]));
    }
  });

  it('refuses while a recorded migration is failed', async () => {
    const id = randomUUID();
    await withClient(url, (c) =>
      c.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, repeat('a', 64), '20000101000000_broken', 'boom')`, [id]),
    );
    try {
      await expect(applyMigrations({ connectionString: url })).rejects.toMatchObject({
        code: 'FAILED_MIGRATION',
        message: expect.stringContaining('20000101000000_broken'),
      });
    } finally {
      await withClient(url, (c) => c.query('DELETE FROM _prisma_migrations WHERE id = $1', [id]));
    }
  });

  it('rolls a failing migration back whole and records the attempt as rolled back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    try {
      fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      fs.mkdirSync(path.join(dir, '99990101000000_broken'));
      fs.writeFileSync(path.join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "half_done" ("id" INT);\nSELECT 1 / 0;\n');
      await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).rejects.toMatchObject({
        code: 'FAILED_MIGRATION',
        message: expect.stringContaining('division by zero'),
      });
      await withClient(url, async (c) => {
        expect((await c.query(`SELECT to_regclass('half_done') AS t`)).rows[0]).toEqual({ t: null });
        const attempt = (await selectRows(c)).find((r) => r.migration_name === '99990101000000_broken');
        expect(attempt).toMatchObject({ finished_at: null, applied_steps_count: 0, logs: expect.stringContaining('division by zero') });
        expect(attempt?.rolled_back_at).toBeInstanceOf(Date);
      });
      // A rolled-back attempt blocks neither this runner nor Prisma.
      await expect(applyMigrations({ connectionString: url })).resolves.toEqual({ applied: [] });
      await expect(diagnoseMigrationHistory({ url })).resolves.toMatchObject({ failedMigrationNames: [], history: null });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives up with LOCK_TIMEOUT while another process (or `prisma migrate`) holds the lock', async () => {
    await withClient(url, async (holder) => {
      await holder.query('SELECT pg_advisory_lock(72707369)');
      await expect(applyMigrations({ connectionString: url, lockTimeoutMs: 200 })).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
    });
  });

  it('refuses a non-empty schema that has no _prisma_migrations (honours ?schema=)', async () => {
    await withClient(url, (c) => c.query('CREATE SCHEMA legacy; CREATE TABLE legacy.customer (id INT)'));
    await expect(applyMigrations({ connectionString: withDatabase(databaseUrl(), name, { schema: 'legacy' }) })).rejects.toMatchObject({
      code: 'SCHEMA_NOT_EMPTY',
    });
  });
});
