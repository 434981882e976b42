/**
 * Operator commands: `npm run cli -- <command>` (node dist/apps/api/src/cli.js).
 * Each command builds a Nest application context (no HTTP) on the same
 * configuration as the server, so it goes through the same services,
 * validation and audit trail.
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SingleBar, Presets } from 'cli-progress';
import { ensureReferenceData } from './admin/reference-data.service';
import { importMetaErrors, RiskDatasetsService, validateDatasetFile } from './admin/risk-datasets.service';
import type { ImportDatasetMetaDto } from './admin/risk-datasets.dto';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { prepareDatabase, type PreparedDatabase } from './database/bootstrap';
import { applyMigrations } from './database/migrator';
import { DomainError } from './common/problem';
import { flattenValidationErrors } from './common/validation';
import { printCredentials, seedDemo, writeCredentials } from './seed/demo';
import { CreateUserDto } from './users/users.dto';
import { UsersService } from './users/users.service';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                          Apply pending database migrations (DATABASE_URL, or the embedded database under DATA_DIR)
  create-admin <email>             Create an ADMIN user; password from ADMIN_PASSWORD, or asked for on a terminal (at least 12 characters)
  import-dataset <kind> <file.csv> --name <name> --source <source> [--licence <licence>] [--retrieved-at YYYY-MM-DD] [--activate]
                                   Validate a risk dataset file and store it as a new version of its kind
                                   (kinds: TIP_TIERS, ILO_RATIFICATIONS, GOODS_LIST, PREVALENCE, PRICE_LEVELS)
  seed-demo                        Insert the demo buyer, users and tender (only into a database without buyers)
  help                             This text

Exit status: 0 done, 1 refused or failed (the reason is printed), 2 wrong usage.`;

class UsageError extends Error {}

const log = (message: string): void => void process.stderr.write(`${message}\n`);

// Mirrors startEmbeddedPostgres (database/embedded-postgres.ts): the cluster's fixed local user and database.
const EMBEDDED_USER = 'tender';
const EMBEDDED_PASSWORD = 'tender-embedded';
const EMBEDDED_DATABASE = 'tender_evaluation';

/** Port of an embedded cluster that a running server already started on this DATA_DIR, if any. */
function runningEmbeddedPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

/**
 * The migrated database. In embedded mode with the server running, its
 * cluster is used as it is: prepareDatabase would take a live postmaster
 * for an orphan and stop it under the server.
 */
async function openDatabase(config: AppConfig, dbLog: (message: string) => void = log): Promise<PreparedDatabase> {
  if (!config.databaseUrl) {
    const port = runningEmbeddedPort(config.dataDir);
    if (port !== null) {
      const connectionString = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
      dbLog(`using the embedded PostgreSQL already running on 127.0.0.1:${port}`);
      const { applied } = await applyMigrations({ connectionString, log: dbLog });
      if (applied.length) dbLog(`applied migrations: ${applied.join(', ')}`);
      return { connectionString, embedded: true, stop: async () => undefined };
    }
  }
  return prepareDatabase(config, dbLog);
}

async function withApp<T>(config: AppConfig, fn: (app: INestApplicationContext) => Promise<T>, dbLog?: (message: string) => void): Promise<T> {
  const db = await openDatabase(config, dbLog);
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, databaseUrl: db.connectionString, jobsWorker: false }), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  } finally {
    await db.stop();
  }
}

async function migrate(config: AppConfig): Promise<void> {
  const db = await openDatabase(config);
  await db.stop();
  log('database migrated');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function adminPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError('set ADMIN_PASSWORD, or run the command in a terminal to be asked for the password');
  const first = await promptHidden('Password (at least 12 characters): ');
  const again = await promptHidden('Repeat the password: ');
  if (first !== again) throw new UsageError('the passwords differ');
  return first;
}

async function createAdmin(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('create-admin needs exactly one e-mail address');
  const password = await adminPassword();
  const dto = plainToInstance(CreateUserDto, { email: positionals[0].trim(), password, role: 'ADMIN' });
  const problems = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length) throw new DomainError('VALIDATION_FAILED', 'The admin cannot be created', problems);
  // ADMIN_EMAIL/ADMIN_PASSWORD configure the server's first admin; here the password alone is a valid way in.
  const config = loadConfig({ ...process.env, ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined });
  await withApp(config, async (app) => {
    const user = await app.get(UsersService).create(null, dto);
    process.stdout.write(`ADMIN ${user.email} created (id ${user.id})\n`);
  });
}

/** A bar over the stages of an import; drawn only on a terminal (cli-progress writes nothing elsewhere). */
function stages(names: string[]) {
  const bar = new SingleBar({ format: 'import [{bar}] {value}/{total} {stage}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  let step = 0;
  bar.start(names.length, 0, { stage: names[0] });
  return {
    next(): void {
      step += 1;
      bar.update(step, { stage: step < names.length ? names[step] : 'done' });
    },
    stop: () => bar.stop(),
  };
}

async function importDataset(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      source: { type: 'string' },
      licence: { type: 'string' },
      'retrieved-at': { type: 'string' },
      activate: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 2) throw new UsageError('import-dataset needs a kind and a file: import-dataset <kind> <file.csv> --name … --source …');
  const [kind, file] = positionals;
  const meta: Record<string, unknown> = { kind, name: values.name, source: values.source };
  if (values.licence !== undefined) meta.licence = values.licence;
  if (values['retrieved-at'] !== undefined) meta.retrievedAt = values['retrieved-at'];
  const option = (field: string) => (field === 'kind' ? 'kind' : field === 'retrievedAt' ? '--retrieved-at' : `--${field}`);
  const missing = (['name', 'source'] as const).filter((k) => values[k] === undefined);
  const metaProblems = [
    ...missing.map((k) => ({ field: option(k), message: 'is required' })),
    // A missing option would otherwise also fail every rule of its field.
    ...importMetaErrors(meta)
      .filter((p) => !(missing as readonly string[]).includes(p.field))
      .map((p) => ({ ...p, field: option(p.field) })),
  ];
  if (metaProblems.length) throw new DomainError('VALIDATION_FAILED', 'The import is incomplete', metaProblems);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);

  const names = [
    'reading the file',
    'validating every row',
    'opening the database',
    values.activate ? 'storing and activating the new version' : 'storing the new version',
  ];
  const progress = stages(names);
  // Database messages would tear the bar apart: they are shown once it is done.
  const notes: string[] = [];
  const flushNotes = () => notes.splice(0).forEach((n) => log(n));
  try {
    const content = readFileSync(file);
    progress.next();
    const config = loadConfig();
    // Validation needs no database: a bad file is refused before one is started.
    const parsed = validateDatasetFile(kind as ImportDatasetMetaDto['kind'], content);
    progress.next();
    const stored = await withApp(
      config,
      async (app) => {
        // As at a server's first start: the shipped defaults come first, so an admin's file is never mistaken for them.
        await ensureReferenceData(app);
        progress.next();
        // One transaction: with --activate, the version is never stored without becoming active.
        const result = await app.get(RiskDatasetsService).store(null, meta as unknown as ImportDatasetMetaDto, parsed, { activate: values.activate });
        progress.next();
        return result;
      },
      (m) => notes.push(m),
    );
    progress.stop();
    flushNotes();
    process.stdout.write(
      `${stored.kind} version ${stored.version} stored (id ${stored.id}): ${stored.rowCount} rows, sha256 ${stored.contentDigest}` +
        `${stored.skipped.length ? `, ${stored.skipped.length} rows without a value skipped` : ''}; ${stored.active ? 'ACTIVE' : `not active (activate: POST /api/v1/risk-datasets/${stored.id}/activate)`}\n`,
    );
  } catch (e) {
    progress.stop();
    flushNotes();
    throw e;
  }
}

async function seedDemoCommand(): Promise<void> {
  const config = loadConfig();
  await withApp(config, async (app) => {
    await ensureReferenceData(app);
    const creds = await seedDemo(app);
    if (creds) printCredentials(creds, config.port, writeCredentials(creds, config.port, config.dataDir));
    else process.stdout.write('The database already has buyers: demo data not seeded.\n');
  });
}

/** A refused command's reason: dataset errors as "line 12, column tier: …". */
function printDomainError(e: DomainError): void {
  log(`error: ${e.detail}`);
  for (const item of e.errors ?? []) {
    const { line, column } = item as { line?: number; column?: string | null };
    const where = line !== undefined ? `line ${line}${column ? `, column ${column}` : ''}` : item.field;
    log(`  ${where}: ${item.message}`);
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'migrate':
        await migrate(loadConfig());
        return 0;
      case 'create-admin':
        await createAdmin(args);
        return 0;
      case 'import-dataset':
        await importDataset(args);
        return 0;
      case 'seed-demo':
        await seedDemoCommand();
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      log(`error: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ConfigError) log(e.message);
    else if (e instanceof DomainError) printDomainError(e);
    else log(`error: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
