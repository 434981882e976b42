import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedTenderWithManyBids } from './support/builders';
import { Api } from './support/test-app';
import { freePort } from './support/throwaway-cluster';

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
const ADMIN = { email: 'shutdown.admin@test.example', password: 'quiet harbour lantern 93' };
const BIDS = 300;

/** CI builds before the tests; elsewhere build once here, and fail loudly if that fails. */
function ensureBuilt(): void {
  if (existsSync(MAIN)) return;
  process.stdout.write('[shutdown] dist/ missing: running nest build\n');
  execFileSync(path.join(ROOT, 'node_modules/.bin/nest'), ['build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (!existsSync(MAIN)) throw new Error(`nest build did not produce ${MAIN}`);
}

interface Service {
  child: ChildProcess;
  api: Api;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The built service as a child process, embedded PostgreSQL under dataDir, serving on a free port. */
async function startService(dataDir: string, pgPort: number): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      // The synchronous evaluation path: SIGTERM during a request that evaluates (300 bids would be a job).
      EVALUATION_JOB_MIN_BIDS: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 90_000;
  while (!out.includes('serving on')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`service did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, api: new Api(`http://127.0.0.1:${port}`), output: () => out, exited };
}

async function token(api: Api, email: string, password: string): Promise<Api> {
  const res = await api.post('/api/v1/auth/token', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
  return api.as(res.body.accessToken);
}

/** Processes whose command line names the data directory (the embedded postgres and its workers). */
function processesUsing(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'])
    .toString()
    .split('\n')
    .filter((l) => l.includes(dir) && !l.includes(' ps '));
}

describe('SIGTERM drains in-flight requests, then closes the database, then exits 0', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tender-shutdown-'));
  let svc: Service | null = null;
  let pgPort: number;

  beforeAll(async () => {
    ensureBuilt();
    // As root, the embedded PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
    pgPort = await freePort();
  }, 320_000);

  afterAll(async () => {
    if (svc && svc.child.exitCode === null) {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`a running evaluation of ${BIDS} bids completes (201, stored, audited) or is refused with nothing stored; exit 0, no postgres left`, async () => {
    svc = await startService(dataDir, pgPort);
    const admin = await token(svc.api, ADMIN.email, ADMIN.password);
    const buyer = await admin.post('/api/v1/buyers', { name: 'Shutdown Buyer', country: 'CH' });
    const officerLogin = { email: 'shutdown.officer@test.example', password: 'amber thistle compass 58' };
    expect((await admin.post('/api/v1/users', { ...officerLogin, role: 'OFFICER', buyerId: buyer.body.id })).status).toBe(201);
    const officer = await token(svc.api, officerLogin.email, officerLogin.password);
    const { tenderId } = await closedTenderWithManyBids(officer, BIDS);

    // One evaluation to learn how long it takes, so that SIGTERM lands in the middle of the second one.
    let t0 = Date.now();
    const first = await officer.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(first.status).toBe(201);
    const evaluationMs = Date.now() - t0;

    t0 = Date.now();
    const inFlight = officer.post(`/api/v1/tenders/${tenderId}/evaluations`).then(
      (r) => ({ ok: true as const, status: r.status, id: r.body?.id as string | undefined, at: Date.now() - t0 }),
      (e: Error) => ({ ok: false as const, error: String((e as { cause?: unknown }).cause ?? e), at: Date.now() - t0 }),
    );
    await new Promise((r) => setTimeout(r, Math.max(20, Math.floor(evaluationMs / 3))));
    const signalledAt = Date.now() - t0;
    svc.child.kill('SIGTERM');
    const answer = await inFlight;
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([svc.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 30_000)))]);
    clearTimeout(timer);
    const exitMs = Date.now() - t0 - signalledAt;
    process.stdout.write(
      `[shutdown] ${BIDS} bids; evaluation alone ${evaluationMs} ms; SIGTERM at ${signalledAt} ms into the second; ` +
        `${answer.ok ? `answered ${answer.status} at ${answer.at} ms` : `refused (${answer.error}) at ${answer.at} ms`}; process exited ${JSON.stringify(exit)} ${exitMs} ms after SIGTERM\n`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(30_000);
    expect(processesUsing(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(svc.output()).not.toMatch(/shutdown failed|Unhandled error|"level":50/);

    // What was stored, read back after a restart on the same data directory.
    svc = await startService(dataDir, pgPort);
    const officerAgain = await token(svc.api, officerLogin.email, officerLogin.password);
    const adminAgain = await token(svc.api, ADMIN.email, ADMIN.password);
    const stored = await officerAgain.get(`/api/v1/tenders/${tenderId}/evaluations`);
    const ids = (Array.isArray(stored.body) ? stored.body : stored.body.items).map((e: { id: string }) => e.id);
    if (answer.ok) {
      expect(answer.status).toBe(201);
      expect(ids).toHaveLength(2);
      expect(ids).toContain(answer.id);
    } else {
      expect(ids).toEqual([first.body.id]);
    }
    // No audit gap: one evaluation.created event per stored evaluation, and the chain verifies.
    const events = await adminAgain.get(`/api/v1/audit-events?tenderId=${tenderId}&action=evaluation.created`);
    expect(events.body.total).toBe(ids.length);
    expect((await adminAgain.get('/api/v1/audit-events/verify')).body.valid).toBe(true);

    const t1 = Date.now();
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toEqual({ code: 0, signal: null });
    process.stdout.write(`[shutdown] idle service stopped in ${Date.now() - t1} ms\n`);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 300_000);
});
