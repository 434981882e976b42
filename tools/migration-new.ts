/**
 * npm run db:migration:new -- <name> [--draft]
 *
 * Writes prisma/migrations/<utc timestamp>_<name>/migration.sql with the SQL
 * that takes the existing migrations to prisma/schema.prisma — what
 * `prisma migrate dev --create-only` writes, via the WebAssembly schema engine
 * (tools/schema-engine.ts), because the CLI's native engine cannot be
 * downloaded here. `--draft` writes an empty migration for hand-written SQL.
 *
 * Needs a PostgreSQL server on which it may create and drop temporary
 * databases: DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
 * The database named in the URL itself is never changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createMigration, DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, migrationLockToml } from './schema-engine';

function slug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

async function main(argv: string[]): Promise<number> {
  const draft = argv.includes('--draft');
  const words = argv.filter((a) => !a.startsWith('--'));
  const name = slug(words.join('_'));
  if (!name || argv.some((a) => a.startsWith('--') && a !== '--draft')) {
    console.error('usage: npm run db:migration:new -- <name> [--draft]');
    return 2;
  }
  const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const started = Date.now();
  const created = await createMigration({
    url,
    name,
    draft,
    migrationsDir: DEFAULT_MIGRATIONS_DIR,
    schemaPath: DEFAULT_SCHEMA_PATH,
  });
  if (created.script === null) {
    console.log('schema.prisma matches the migrations: nothing to create (use --draft for a hand-written migration).');
    return 0;
  }
  const dir = path.join(DEFAULT_MIGRATIONS_DIR, created.name);
  if (fs.existsSync(dir)) throw new Error(`${dir} already exists`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), created.script, 'utf8');
  const lock = path.join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml');
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, migrationLockToml('postgresql'), 'utf8');
  console.log(`created ${path.relative(process.cwd(), path.join(dir, 'migration.sql'))} in ${Date.now() - started} ms`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
