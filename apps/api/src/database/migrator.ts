/**
 * Runtime migration runner: applies prisma/migrations/<name>/migration.sql in
 * name order and records them in `_prisma_migrations` exactly as Prisma
 * Migrate does, so `prisma migrate deploy|status` (where the native engine is
 * available) see the same history. Plain `pg`, no Nest: usable from the CLI,
 * the app bootstrap and Jest's globalSetup alike.
 *
 * Prisma compatibility (prisma-engines schema-engine, postgres flavour):
 * - same session advisory lock id (72707369), so this runner and
 *   `prisma migrate deploy` also exclude each other;
 * - same table DDL; a row per attempt: id (uuid v4), checksum (sha256 hex of
 *   the script's UTF-8 bytes), migration_name, started_at, finished_at,
 *   applied_steps_count = 1 on success;
 * - checksum comparison tolerant of CRLF/LF and of Prisma's old unpadded hex;
 * - refuses a non-empty schema without `_prisma_migrations` (Prisma's P3005).
 * Stricter than `migrate deploy`: each migration runs in one transaction
 * together with its row, and a checksum mismatch (migration edited after it was
 * applied) is an error, not a warning.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/** Prisma Migrate's advisory lock key ("does not have any meaning"). */
export const PRISMA_MIGRATE_LOCK_ID = 72707369;
export const MIGRATIONS_TABLE = '_prisma_migrations';

export interface ApplyMigrationsOptions {
  connectionString: string;
  /** Defaults to the nearest `prisma/migrations` above this file (source or dist). */
  migrationsDir?: string;
  log?: (msg: string) => void;
  /** How long to wait for another process that holds the migration lock. Default 60 s. */
  lockTimeoutMs?: number;
}

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export type MigrationErrorCode = 'FAILED_MIGRATION' | 'EDITED_MIGRATION' | 'LOCK_TIMEOUT' | 'SCHEMA_NOT_EMPTY' | 'BAD_MIGRATIONS_DIR';

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * The nest build keeps the source tree under dist/ (dist/apps/api/src/database),
 * so walking up from here finds <repo>/prisma/migrations from source and from
 * the build alike — and from an image that ships prisma/ next to dist/.
 */
export function findMigrationsDir(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prisma', 'migrations');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) return candidate;
    if (path.dirname(dir) === dir) {
      throw new MigrationError('BAD_MIGRATIONS_DIR', `No prisma/migrations folder found above ${from}`);
    }
  }
}

/** Prisma's checksum: lowercase, zero-padded sha256 hex of the script's UTF-8 bytes. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Prisma's `script_matches_checksum`: the file may have been checked out with
 * other line endings, and very old Prisma versions stored hex without zero padding.
 */
export function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.split('\r\n').join('\n'), script.split('\n').join('\r\n')];
  const legacy = recorded.length > 0 && recorded.length !== 64;
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const rendered = legacy ? [...digest].map((b) => b.toString(16)).join('') : digest.toString('hex');
    return rendered === recorded;
  });
}

/** Reads the folder as the Prisma CLI does: subfolders sorted with localeCompare, UTF-8 scripts. */
export function readMigrationFiles(migrationsDir: string): MigrationFile[] {
  if (!fs.existsSync(migrationsDir)) {
    throw new MigrationError('BAD_MIGRATIONS_DIR', `Migrations folder ${migrationsDir} does not exist`);
  }
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  if (fs.existsSync(lockPath)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(fs.readFileSync(lockPath, 'utf8'))?.[1];
    if (provider !== undefined && provider !== 'postgresql') {
      throw new MigrationError('BAD_MIGRATIONS_DIR', `${lockPath} is for provider "${provider}", not "postgresql"`);
    }
  }
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!fs.existsSync(file)) throw new MigrationError('BAD_MIGRATIONS_DIR', `${file} is missing`);
      const script = fs.readFileSync(file, 'utf8');
      return { name, script, checksum: migrationChecksum(script) };
    });
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

// Verbatim from prisma-engines (postgres flavour, create_migrations_table).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Prisma URLs carry the schema as `?schema=`; pg ignores it, so we honour it ourselves. */
function schemaFromUrl(connectionString: string): string | undefined {
  try {
    return new URL(connectionString).searchParams.get('schema') ?? undefined;
  } catch {
    return undefined; // key=value connection strings have no such parameter
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function acquireLock(client: Client, timeoutMs: number, log: (msg: string) => void): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PRISMA_MIGRATE_LOCK_ID]);
  if (rows[0]?.locked) return;
  log(`waiting up to ${timeoutMs} ms for the migration lock held by another process`);
  // lock_timeout also bounds advisory-lock waits; reset it so migrations run unbounded.
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_ID]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new MigrationError(
        'LOCK_TIMEOUT',
        `Another process held the migration lock (pg_advisory_lock ${PRISMA_MIGRATE_LOCK_ID}) for more than ${timeoutMs} ms`,
      );
    }
    throw error;
  } finally {
    await client.query('RESET lock_timeout').catch(() => undefined); // never mask the lock error
  }
}

async function ensureMigrationsTable(client: Client): Promise<void> {
  const { rows } = await client.query<{ relname: string; schema: string | null }>(
    `SELECT c.relname, current_schema() AS schema
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
  );
  const tables = rows.map((r) => r.relname);
  if (tables.includes(MIGRATIONS_TABLE)) return;
  if (tables.length > 0) {
    const schema = rows[0]?.schema ?? '?';
    throw new MigrationError(
      'SCHEMA_NOT_EMPTY',
      `Schema "${schema}" has tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) but no ${MIGRATIONS_TABLE}: ` +
        'refusing to migrate a database not created by these migrations. Use an empty database, or baseline it ' +
        '(`prisma migrate resolve --applied <migration>`).',
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE);
}

function checkHistory(files: MigrationFile[], rows: MigrationRow[], log: (msg: string) => void): void {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    const details = failed.map((r) => `- ${r.migration_name} (started ${r.started_at.toISOString()})${r.logs?.trim() ? `: ${r.logs.trim()}` : ''}`).join('\n');
    throw new MigrationError(
      'FAILED_MIGRATION',
      `Refusing to migrate: ${MIGRATIONS_TABLE} records failed migrations:\n${details}\n` +
        'Repair the database by hand, then mark each with `prisma migrate resolve --rolled-back <name>` or `--applied <name>`.',
    );
  }
  const applied = rows.filter((r) => r.rolled_back_at === null);
  const edited = files.filter((f) => {
    const recorded = applied.filter((r) => r.migration_name === f.name);
    return recorded.length > 0 && !recorded.some((r) => checksumMatches(f.script, r.checksum));
  });
  if (edited.length > 0) {
    throw new MigrationError(
      'EDITED_MIGRATION',
      `Refusing to migrate: migration.sql of ${edited.map((f) => f.name).join(', ')} changed after it was applied ` +
        '(checksum differs from _prisma_migrations). Restore the applied file and put changes in a new migration.',
    );
  }
  const known = new Set(files.map((f) => f.name));
  const unknown = [...new Set(applied.map((r) => r.migration_name))].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    // Like `migrate deploy`: e.g. an older build starting after a newer one migrated.
    log(`warning: applied migrations missing from the migrations folder: ${unknown.join(', ')}`);
  }
}

async function applyOne(client: Client, file: MigrationFile, log: (msg: string) => void): Promise<void> {
  const id = randomUUID();
  const started = Date.now();
  await client.query('BEGIN');
  try {
    await client.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())`, [
      id,
      file.checksum,
      file.name,
    ]);
    await client.query(file.script); // no parameters: simple query protocol, many statements
    await client.query(`UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1`, [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Keep the attempt for the audit trail, marked rolled back: nothing of it
    // persisted, so Prisma and this runner will simply apply it again.
    await client
      .query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, rolled_back_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
        [randomUUID(), file.checksum, file.name, errorMessage(error), new Date(started)],
      )
      .catch(() => undefined);
    throw new MigrationError('FAILED_MIGRATION', `Migration ${file.name} failed and was rolled back: ${errorMessage(error)}`);
  }
  log(`applied ${file.name} in ${Date.now() - started} ms`);
}

export async function applyMigrations(opts: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => undefined);
  const migrationsDir = opts.migrationsDir ?? findMigrationsDir();
  const files = readMigrationFiles(migrationsDir);
  const client = new Client({ connectionString: opts.connectionString, connectionTimeoutMillis: 15_000 });
  client.on('error', (error) => log(`database connection error: ${error.message}`)); // else an idle error crashes the process
  await client.connect();
  try {
    const schema = schemaFromUrl(opts.connectionString);
    if (schema) await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000, log);
    try {
      await ensureMigrationsTable(client);
      const { rows } = await client.query<MigrationRow>(
        `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
           FROM _prisma_migrations ORDER BY started_at ASC`,
      );
      checkHistory(files, rows, log);
      const done = new Set(rows.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
      const pending = files.filter((f) => !done.has(f.name));
      if (pending.length === 0) log(`database is up to date (${files.length} migrations)`);
      const applied: string[] = [];
      for (const file of pending) {
        await applyOne(client, file, log);
        applied.push(file.name);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
