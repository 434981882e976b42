/**
 * What the API bench and the soak share: a bench database of their own, the
 * real service and the floor server as child processes (pinned to one core
 * when taskset exists), a small JSON client, process CPU and RSS from /proc.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export const HAS_TASKSET = (() => {
  try {
    execFileSync('which', ['taskset'], { stdio: 'ignore' });
    return os.cpus().length >= 2;
  } catch {
    return false;
  }
})();

/** Server core 0, load generator (this process) core 1. */
export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

export function pinSelf(): boolean {
  if (!HAS_TASKSET) return false;
  execFileSync('taskset', ['-cp', String(LOAD_CORE), String(process.pid)], { stdio: 'ignore' });
  return true;
}

export function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

// ---------------------------------------------------------------- database

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createBenchDatabase(prefix = 'tender_bench'): Promise<BenchDatabase> {
  const base = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const name = `${prefix}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomBytes(2).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: withDatabase(base, name),
    async drop() {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// ---------------------------------------------------------------- processes

export interface Server {
  name: string;
  pid: number;
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
  output(): string;
}

let nextPort = 39_000 + Math.floor(Math.random() * 2000);

function spawnPinned(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const cmd = HAS_TASKSET ? 'taskset' : process.execPath;
  const argv = HAS_TASKSET ? ['-c', String(SERVER_CORE), process.execPath, ...args] : args;
  return spawn(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitHttp(url: string, proc: ChildProcess, out: () => string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}) before answering:\n${out()}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms:\n${out()}`);
}

function track(name: string, proc: ChildProcess, port: number): Server {
  let buf = '';
  const keep = (d: Buffer) => {
    buf += d.toString();
    if (buf.length > 20_000) buf = buf.slice(-20_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return {
    name,
    pid: proc.pid!,
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => buf,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const kill = setTimeout(() => proc.kill('SIGKILL'), 30_000);
        proc.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

export const ADMIN = { email: 'bench-admin@example.org', password: 'Quartz-Meadow-Lantern-7391-Orbit' };
export const JWT_SECRET = randomBytes(48).toString('base64url');

export function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js'))) return;
  log('dist/ missing: npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** The real service: node dist/apps/api/src/main.js on its own database, production mode, warn-level logs. */
export async function startService(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Server> {
  ensureBuilt();
  const port = nextPort++;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tender-bench-'));
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    AUDIT_SIGNING_KEY: signingKey,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...extraEnv,
  };
  // Profiling the service under the bench's load: BENCH_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawnPinned([...nodeArgs, path.join('dist', 'apps', 'api', 'src', 'main.js')], env);
  const s = track('service', proc, port);
  const stop = s.stop;
  s.stop = async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  await waitHttp(`${s.url}/health/ready`, proc, s.output);
  return s;
}

/** The floor: bare Fastify + pg (bench/api/floor-server.ts). */
export async function startFloor(databaseUrl: string): Promise<Server> {
  const port = nextPort++;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, JWT_SECRET, PORT: String(port) };
  const proc = spawnPinned(['-r', path.join(ROOT, 'tools', 'ts-register.js'), path.join(__dirname, 'floor-server.ts')], env);
  const s = track('floor', proc, port);
  await waitHttp(`${s.url}/health`, proc, s.output);
  return s;
}

// ---------------------------------------------------------------- /proc

/** utime + stime of a process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** VmRSS in kB. */
export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

// ---------------------------------------------------------------- HTTP

export interface Res {
  status: number;
  contentType: string | null;
  text: string;
  body: any;
}

export async function http(base: string, method: string, p: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const r = await fetch(base + p, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: r.status, contentType: r.headers.get('content-type'), text, body: parsed };
}

export async function expectOk(what: string, want: number, res: Promise<Res>): Promise<any> {
  const r = await res;
  if (r.status !== want) throw new Error(`${what}: expected ${want}, got ${r.status} ${r.text.slice(0, 500)}`);
  return r.body;
}

export async function login(base: string, email: string, password: string): Promise<string> {
  return (await expectOk(`login ${email}`, 200, http(base, 'POST', '/api/v1/auth/token', undefined, { email, password }))).accessToken as string;
}

/** Runs `fn` over `items` with at most `n` at a time. */
export async function parallel<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
