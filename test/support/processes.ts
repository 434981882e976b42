import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Api } from './test-app';

/** Suites that run the built service as separate processes (several API replicas, workers) on one database. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
export const WORKER = path.join(ROOT, 'dist/apps/api/src/worker.js');

/** Newest mtime under a directory (the sources the build depends on). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** dist/ must be this tree's code: `nest build` when an entry point is missing or older than apps/ and libs/. */
export function ensureBuilt(suite: string): void {
  const sources = Math.max(newest(path.join(ROOT, 'apps')), newest(path.join(ROOT, 'libs')));
  if ([MAIN, WORKER].every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  process.stdout.write(`[${suite}] dist/ missing or stale: running nest build\n`);
  execFileSync(path.join(ROOT, 'node_modules/.bin/nest'), ['build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  for (const f of [MAIN, WORKER]) if (!existsSync(f)) throw new Error(`nest build did not produce ${f}`);
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node <entry>` with only PATH and HOME of this process's environment, and waits for `ready` on its output. */
export async function startProcess(entry: string, env: Record<string, string>, ready: string): Promise<Proc> {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 90_000;
  while (!out.includes(ready)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${path.basename(entry)} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, exited };
}

export async function login(api: Api, email: string, password: string): Promise<Api> {
  const res = await api.post('/api/v1/auth/token', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
  return api.as(res.body.accessToken);
}
