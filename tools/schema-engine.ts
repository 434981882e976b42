/**
 * Prisma's schema engine as WebAssembly, for machines where the Prisma CLI
 * cannot download its native engine (here: only the npm registry is
 * reachable, so `prisma migrate dev|diff|deploy` fail).
 *
 * - JS glue: `@prisma/schema-engine-wasm` (devDependency). No build matches
 *   the CLI's engine hash exactly, so by default we instantiate the CLI's own
 *   `prisma/build/schema_engine_bg.wasm` (same engine as `prisma migrate`)
 *   with that glue, after checking every import/export the binary needs is
 *   present; otherwise we fall back to the package's wasm.
 * - Database access: the engine talks through a migration-aware driver
 *   adapter (`bindMigrationAwareSqlAdapterFactory` over `PrismaPg`), with three
 *   fixes for adapter-pg 7.10 (see PgMigrationFactory).
 * - Everything opened is closed again (engine, pools, shadow databases, the
 *   glue's timers) so Jest and CLI processes exit by themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlResultSet,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type {
  ConstructorOptions,
  DiagnoseMigrationHistoryOutput,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from '@prisma/schema-engine-wasm';

const REPO_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_SCHEMA_PATH = path.join(REPO_ROOT, 'prisma', 'schema.prisma');
export const DEFAULT_MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma', 'migrations');
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------
// Loading the WebAssembly engine (once per process: the glue keeps the
// instance in module state, so a second instantiation would clobber it).
// ---------------------------------------------------------------------------

interface WasmModuleImport {
  module: string;
  name: string;
}
interface WasmApi {
  Module: {
    new (bytes: Uint8Array): object;
    imports(m: object): WasmModuleImport[];
    exports(m: object): { name: string }[];
  };
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}
// lib "ES2023" without DOM has no WebAssembly typings.
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type EngineLogCallback = (line: string) => void;
interface EngineGlue {
  SchemaEngine: {
    new: (options: ConstructorOptions, callback: EngineLogCallback, adapter: object) => Promise<SchemaEngine>;
  };
  version(): string;
  __wbg_set_wasm(exports: Record<string, unknown>): void;
  [name: string]: unknown;
}

export interface LoadedEngine {
  glue: EngineGlue;
  /** Path of the .wasm binary in use. */
  wasmPath: string;
  /** Engine git hash reported by the binary. */
  engineVersion: string;
}

let loaded: LoadedEngine | undefined;
// A Rust panic inside an async engine call traps in a microtask/then callback,
// not in the awaited call: without this, the call never settles (and Node
// reports an uncaught RuntimeError). Listeners reject their open calls.
const panicListeners = new Set<(error: Error) => void>();
// The glue schedules setTimeout()s (query/lock timeouts) that it never clears;
// we track them so closing the last engine can clear them (else Jest hangs ~10 s).
const pendingTimers = new Set<NodeJS.Timeout>();
let openEngines = 0;

/**
 * The glue is an ES module ("type": "module"); Jest's CommonJS runtime cannot
 * load ES modules from node_modules without config changes, and Node 20's
 * require(esm) is bypassed by Jest. Its only module syntax is top-level
 * `export function|class`, so we strip that and evaluate it as a function body
 * — the same code path under Node and Jest.
 */
function loadGlue(gluePath: string): { glue: EngineGlue; usedExports: string[] } {
  const source = fs.readFileSync(gluePath, 'utf8');
  const usedExports = [...new Set([...source.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)].map((m) => m[1]))];
  const names: string[] = [];
  const body = source.replace(/^export (function|class) ([A-Za-z0-9_$]+)/gm, (_m, kind: string, name: string) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(export|import)\b/m.test(body) || !names.includes('SchemaEngine') || !names.includes('__wbg_set_wasm')) {
    throw new Error(`Unexpected module shape in ${gluePath}; the loader in tools/schema-engine.ts needs updating.`);
  }
  // `module.require` is how the glue reaches node:crypto for random numbers.
  const factory = new Function('module', `'use strict';\n${body}\nreturn { ${names.join(', ')} };`) as (m: { require: NodeJS.Require }) => EngineGlue;
  return { glue: factory({ require }), usedExports };
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

function isWasmTrap(error: unknown): boolean {
  return error instanceof Error && error.name === 'RuntimeError'; // WebAssembly.RuntimeError, from any realm
}

function reportPanic(error: Error): void {
  const registry = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { get(): string } }).PRISMA_WASM_PANIC_REGISTRY;
  const panic = new Error(`Prisma schema engine panicked: ${registry?.get() || error.message}`);
  loaded = undefined; // the instance is unusable after a panic; the next call loads a fresh one
  for (const listener of panicListeners) listener(panic);
}

function guardCallback(callback: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    try {
      return callback.apply(this, args);
    } catch (error) {
      if (!isWasmTrap(error)) throw error;
      reportPanic(error as Error);
      return undefined;
    }
  };
}

/** Wraps the function arguments of an import (then/queueMicrotask callbacks). */
function guardCallbackArgs(fn: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    return fn.apply(
      this,
      args.map((a) => (typeof a === 'function' ? guardCallback(a as AnyFunction) : a)),
    );
  };
}

function installPanicRegistry(): void {
  // The glue reports Rust panic messages through this global (as the CLI sets it up).
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    get(this: { message: string }) {
      return this.message;
    },
    set_message(this: { message: string }, value: string) {
      this.message = `RuntimeError: ${value}`;
    },
  };
}

export function loadSchemaEngine(): LoadedEngine {
  if (loaded) return loaded;
  installPanicRegistry();
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const { glue, usedExports } = loadGlue(gluePath);
  const candidates = [
    path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm'),
    path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'),
  ];
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(glue)) {
    if (/^__wbg_(then|queueMicrotask)_/.test(name)) imports[name] = guardCallbackArgs(glue[name] as AnyFunction);
  }
  const setTimeoutName = Object.keys(glue).find((k) => k.startsWith('__wbg_setTimeout_'));
  if (setTimeoutName) {
    imports[setTimeoutName] = (fn: AnyFunction, ms: number) => {
      const guarded = guardCallback(fn);
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        guarded();
      }, ms >>> 0);
      pendingTimers.add(timer);
      return timer;
    };
  }
  const problems: string[] = [];
  for (const wasmPath of candidates) {
    if (!fs.existsSync(wasmPath)) continue;
    const mod = new wasmApi.Module(fs.readFileSync(wasmPath));
    const wanted = wasmApi.Module.imports(mod);
    const provided = new Set(wasmApi.Module.exports(mod).map((e) => e.name));
    const missing = [
      ...wanted.filter((i) => typeof glue[i.name] !== 'function').map((i) => `import ${i.name}`),
      ...usedExports.filter((name) => !provided.has(name)).map((name) => `export ${name}`),
    ];
    const moduleNames = [...new Set(wanted.map((i) => i.module))];
    if (missing.length > 0 || moduleNames.length !== 1) {
      problems.push(`${wasmPath} does not fit the glue: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`);
      continue;
    }
    const instance = new wasmApi.Instance(mod, { [moduleNames[0]]: imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    loaded = { glue, wasmPath, engineVersion: glue.version() };
    return loaded;
  }
  throw new Error(`No schema engine wasm usable with ${gluePath}:\n${problems.join('\n')}`);
}

// ---------------------------------------------------------------------------
// Driver adapter
// ---------------------------------------------------------------------------

const OID_CHAR = 18; // Postgres' internal one-byte "char" (pg_class.relkind, pg_constraint.contype, …)
const OID_TEXT = 25;

// rows array of a pg result → indexes of its "char" columns (see CharAwareClient).
const charColumns = new WeakMap<object, number[]>();

interface FieldLike {
  dataTypeID: number;
}
function markCharColumns(result: unknown): unknown {
  for (const r of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (r ?? {}) as { fields?: FieldLike[]; rows?: unknown };
    if (!Array.isArray(fields) || typeof rows !== 'object' || rows === null) continue;
    const indexes = fields.flatMap((f, i) => (f.dataTypeID === OID_CHAR ? [i] : []));
    if (indexes.length === 0) continue;
    for (const i of indexes) fields[i].dataTypeID = OID_TEXT;
    charColumns.set(rows, indexes);
  }
  return result;
}

/** Report "char" columns as Character, as the native engine's driver does (the describer reads them with get_char). */
function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
  return result;
}

type AnyQuery = (...args: unknown[]) => unknown;

/**
 * adapter-pg 7.10 throws UnsupportedNativeDataType for OID 18, which the
 * engine's introspection queries return (values arrive as 1-char strings).
 * This client relabels such columns as text so the adapter accepts them and
 * remembers which they were; restoreCharColumns() then reports them as
 * Character. (Text alone is not enough: PG 18 lists NOT NULL constraints in
 * pg_constraint and the describer panics reading contype as text.)
 */
class CharAwareClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const original = this.query.bind(this) as AnyQuery;
    (this as unknown as { query: AnyQuery }).query = (...args: unknown[]) => {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function') {
        // pg-pool's pool.query() uses the callback form.
        args[last] = (err: unknown, res: unknown) => (callback as AnyQuery)(err, err ? res : markCharColumns(res));
        return original(...args);
      }
      const ret = original(...args);
      return typeof (ret as PromiseLike<unknown> | undefined)?.then === 'function' ? (ret as PromiseLike<unknown>).then(markCharColumns) : ret;
    };
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Migration-aware factory over PrismaPg, fixing what bit us in adapter-pg 7.10:
 * 1. OID 18 "char" columns (CharAwareClient above);
 * 2. `executeScript` splits scripts on every ";" — breaks plpgsql bodies and
 *    string literals — so we send the script whole (simple query protocol);
 * 3. `connectToShadowDb` with a connection string connects to the *main*
 *    database (the string overrides `database`) and drops the shadow database
 *    before closing its pool; we build a URL for the shadow database and end
 *    its pool before dropping it.
 * Every pool and shadow database is tracked so `close()` can clean up even when
 * the engine never disposes an adapter.
 */
class PgMigrationFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly pools = new Set<pg.Pool>();
  private readonly shadowDatabases = new Set<string>();
  private readonly schema: string | undefined;

  constructor(private readonly url: string) {
    // Same `?schema=` convention as Prisma URLs; pg itself ignores it.
    this.schema = new URL(url).searchParams.get('schema') ?? undefined;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.url);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.admin(`CREATE DATABASE ${quoteIdent(name)}`);
    this.shadowDatabases.add(name);
    const adapter = await this.open(withDatabase(this.url, name));
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.dropShadow(name);
    };
    return adapter;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pools].map((p) => this.endPool(p)));
    for (const name of [...this.shadowDatabases]) await this.dropShadow(name).catch(() => undefined);
  }

  private async open(url: string): Promise<PgAdapter> {
    const pool = new pg.Pool({ connectionString: url, Client: CharAwareClient, max: 4 });
    pool.on('error', () => undefined); // idle-client errors must not crash the process
    this.pools.add(pool);
    const adapter = await new PrismaPg(pool, { schema: this.schema }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.endPool(pool);
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => restoreCharColumns(await queryRaw(query));
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      const txQueryRaw = tx.queryRaw.bind(tx);
      tx.queryRaw = async (query) => restoreCharColumns(await txQueryRaw(query));
      return tx;
    };
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        // Reuse the adapter's pg-error → DriverAdapterError mapping so the
        // engine reports Postgres' message and code.
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }

  private async endPool(pool: pg.Pool): Promise<void> {
    if (!this.pools.delete(pool)) return;
    await pool.end();
  }

  private async dropShadow(name: string): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    this.shadowDatabases.delete(name);
  }

  private admin(sql: string): Promise<void> {
    return adminQuery(this.url, sql);
  }
}

/** One statement on a short-lived connection (CREATE/DROP DATABASE cannot share a pool being ended). */
async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------
// Engine sessions
// ---------------------------------------------------------------------------

export interface EngineOptions {
  /** Postgres URL. The engine's "main" database; shadow databases are created next to it. */
  url: string;
  /** Receives the engine's JSON log lines. */
  log?: (line: string) => void;
}

function schemaFiles(schemaPath: string): SchemasContainer {
  return { files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }] };
}

/** Engine errors arrive as plain objects or Errors; make them readable Errors. */
function toError(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): Error {
  const e = error as { message?: string; error_code?: string; meta?: unknown };
  let message = e?.message ?? JSON.stringify(error);
  // A non-driver JS error thrown in the adapter reaches the engine only as
  // "External error id#N"; its message is in the binder's registry.
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const inner = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (inner instanceof Error) message += `\nCaused by: ${inner.message}`;
  const wrapped = new Error(e?.error_code ? `${e.error_code}: ${message}` : message);
  (wrapped as Error & { cause?: unknown }).cause = error;
  return wrapped;
}

/**
 * Opens an engine on `url`, runs `fn`, then frees the engine, ends every pool,
 * drops leftover shadow databases and clears the glue's timers.
 */
export async function withSchemaEngine<T>(opts: EngineOptions & { schemaPath?: string }, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { glue } = loadSchemaEngine();
  const factory = new PgMigrationFactory(opts.url);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const registry = bound.errorRegistry as unknown as { consumeError(id: number): { error: unknown } | undefined };
  const datamodels: [string, string][] | undefined = opts.schemaPath ? [[opts.schemaPath, fs.readFileSync(opts.schemaPath, 'utf8')]] : undefined;
  let onPanic: (error: Error) => void = () => undefined;
  const panicked = new Promise<never>((_resolve, reject) => {
    onPanic = reject;
  });
  panicked.catch(() => undefined); // consumed by the races below
  panicListeners.add(onPanic);
  openEngines++;
  let engine: SchemaEngine | undefined;
  try {
    engine = await Promise.race([glue.SchemaEngine.new({ datamodels }, (line) => opts.log?.(line), bound), panicked]);
    return await Promise.race([fn(engine), panicked]);
  } catch (error) {
    throw toError(error, registry);
  } finally {
    panicListeners.delete(onPanic);
    try {
      engine?.free();
    } catch {
      // already unusable after a panic
    }
    await factory.close();
    if (--openEngines === 0) {
      for (const t of pendingTimers) clearTimeout(t);
      pendingTimers.clear();
    }
  }
}

/** Reads a migrations folder exactly as the Prisma CLI does before calling the engine. */
export function readMigrationsList(migrationsDir: string, shadowDbInitScript = ''): MigrationList {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockfile = { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null };
  const entries = fs.existsSync(migrationsDir) ? fs.readdirSync(migrationsDir, { withFileTypes: true }) : [];
  const migrationDirectories = entries
    .filter((e) => e.isDirectory())
    .map((e) => {
      const file = path.join(migrationsDir, e.name, 'migration.sql');
      let content: { tag: 'ok'; value: string } | { tag: 'error'; value: string };
      try {
        content = { tag: 'ok', value: fs.readFileSync(file, 'utf8') };
      } catch (error) {
        content = { tag: 'error', value: (error as Error).message };
      }
      return { path: e.name, migrationFile: { path: 'migration.sql', content } };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir: migrationsDir, lockfile, shadowDbInitScript, migrationDirectories };
}

export interface DiffResult {
  /** Prisma's migration script ("-- This is an empty migration." when nothing differs). */
  script: string;
  hasChanges: boolean;
}

async function diff(engine: SchemaEngine, from: Parameters<SchemaEngine['diff']>[0]['from'], schemaPath: string): Promise<DiffResult> {
  const result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', ...schemaFiles(schemaPath) },
    script: true,
    exitCode: true, // 2 = differences, 0 = none
    filters: NO_FILTER,
  });
  return { script: result.stdout ?? '', hasChanges: result.exitCode === 2 };
}

/**
 * SQL taking the migrations folder (replayed into a temporary shadow database
 * created through `url`) to schema.prisma — what `migrate dev` would generate.
 */
export function diffMigrationsToSchema(opts: EngineOptions & { migrationsDir?: string; schemaPath?: string }): Promise<DiffResult> {
  const schemaPath = opts.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const list = readMigrationsList(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  return withSchemaEngine({ ...opts, schemaPath }, (engine) => diff(engine, { tag: 'migrations', ...list }, schemaPath));
}

/** SQL taking the live database at `url` to schema.prisma; no changes = no drift. */
export function diffDatabaseToSchema(opts: EngineOptions & { schemaPath?: string }): Promise<DiffResult> {
  const schemaPath = opts.schemaPath ?? DEFAULT_SCHEMA_PATH;
  // "schemaDatasource" = the schema's datasource, which in the wasm engine is the adapter's database.
  return withSchemaEngine({ ...opts, schemaPath }, (engine) =>
    diff(engine, { tag: 'schemaDatasource', ...schemaFiles(schemaPath), configDir: path.dirname(schemaPath) }, schemaPath),
  );
}

export interface CreatedMigration {
  /** `<UTC yyyymmddhhmmss>_<name>`, as `prisma migrate dev` names folders. */
  name: string;
  /** null when schema.prisma adds nothing and `draft` was not set. */
  script: string | null;
}

/**
 * `prisma migrate dev --create-only` without touching a real database: a
 * temporary database plays the "main" database. The wasm engine's
 * createMigration cannot open a shadow database itself; it reuses the schema
 * that devDiagnostic computed from the migrations (through our shadow-database
 * factory) — the order of calls of `prisma migrate dev`: apply, diagnose, create.
 */
export async function createMigration(
  opts: EngineOptions & { name: string; draft?: boolean; migrationsDir?: string; schemaPath?: string },
): Promise<CreatedMigration> {
  const schemaPath = opts.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const list = readMigrationsList(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const scratch = `prisma_migrate_main_${randomUUID()}`;
  await adminQuery(opts.url, `CREATE DATABASE ${quoteIdent(scratch)}`);
  try {
    const out = await withSchemaEngine({ ...opts, url: withDatabase(opts.url, scratch), schemaPath }, async (engine) => {
      // Bring the scratch database up to date first: devDiagnostic then derives
      // (and caches) the schema of *all* migrations from its drift check.
      await engine.applyMigrations({ migrationsList: list, filters: NO_FILTER });
      const diagnostic = await engine.devDiagnostic({ migrationsList: list, filters: NO_FILTER });
      if (diagnostic.action.tag === 'reset') throw new Error(`Migrations folder is inconsistent: ${diagnostic.action.reason}`);
      return engine.createMigration({
        draft: opts.draft ?? false,
        migrationName: opts.name,
        migrationsList: list,
        schema: schemaFiles(schemaPath),
        filters: NO_FILTER,
      });
    });
    return { name: out.generatedMigrationName, script: out.migrationScript };
  } finally {
    await adminQuery(opts.url, `DROP DATABASE IF EXISTS ${quoteIdent(scratch)}`);
  }
}

/** What `prisma migrate status` asks the engine (read-only; no shadow database). */
export function diagnoseMigrationHistory(opts: EngineOptions & { migrationsDir?: string }): Promise<DiagnoseMigrationHistoryOutput> {
  const list = readMigrationsList(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  return withSchemaEngine(opts, (engine) => engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: NO_FILTER }));
}

/** What `prisma migrate deploy` runs: applies unapplied migrations, returns their names. */
export async function engineApplyMigrations(opts: EngineOptions & { migrationsDir?: string }): Promise<string[]> {
  const list = readMigrationsList(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const out = await withSchemaEngine(opts, (engine) => engine.applyMigrations({ migrationsList: list, filters: NO_FILTER }));
  return out.appliedMigrationNames;
}

/** The lock file exactly as the Prisma CLI writes it. */
export function migrationLockToml(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}
