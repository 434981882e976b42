import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { closedTenderWithManyBids } from './support/builders';
import { createOwnDatabase } from './support/databases';
import { ensureBuilt, login, MAIN, type Proc, startProcess, WORKER } from './support/processes';
import { Api } from './support/test-app';
import { freePort } from './support/throwaway-cluster';

/**
 * Jobs across processes: 2 API processes that only enqueue (JOBS_WORKER=false)
 * and 2 worker processes (`npm run worker`) on one fresh database. Every job
 * runs exactly once; a worker killed (SIGKILL) while it runs a job leaves the
 * job to the other worker, which retries it; the results are identical to
 * in-process runs (the replay in an API process gives the same digest).
 */
jest.setTimeout(180_000);

const ADMIN = { email: 'jobs.admin@test.example', password: 'distant meadow copper 48' };
const BIDS = 4;

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('jobs with 2 API processes and 2 workers on one database', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tender-jobs-'));
  let db: { url: string; drop(): Promise<void> };
  let pg: Client;
  const apis: Proc[] = [];
  const workers: Proc[] = [];
  const officers: Api[] = [];

  const jobRow = async (id: string) =>
    (
      await pg.query<{ status: string; worker: string | null; attempts: number; result_id: string | null }>(
        'SELECT status, worker, attempts, result_id FROM background_job WHERE id = $1',
        [id],
      )
    ).rows[0];
  const finished = (api: Api, id: string) =>
    eventually(async () => {
      const j = await api.get(`/api/v1/jobs/${id}`);
      if (j.status !== 200) throw new Error(`job ${id}: ${j.status} ${j.text}`);
      return j.body.status === 'succeeded' || j.body.status === 'failed' ? j.body : undefined;
    }, `job ${id}`);

  beforeAll(async () => {
    ensureBuilt('jobs-multiprocess');
    db = await createOwnDatabase('jobsmp');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      JWT_SECRET: 'jobs-multiprocess-secret-jobs-multiprocess',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      EVALUATION_JOB_MIN_BIDS: String(BIDS),
      // Small for the test: a job running 12 s counts as crashed; maintenance every second; retried after 1 s.
      JOBS_EXPIRE_SECONDS: '12',
      JOBS_MAINTENANCE_SECONDS: '1',
      JOBS_RETRY_DELAY_SECONDS: '1',
      // The API processes leave every render to the workers.
      REPORT_PICKUP_MS: '600000',
      REPORT_WAIT_SECONDS: '90',
    };
    // The first API applies the migrations' data and creates the admin; then the others.
    apis.push(await startProcess(MAIN, { ...env, PORT: String(await freePort()), JOBS_WORKER: 'false' }, 'serving on'));
    const [api2, w1, w2] = await Promise.all([
      startProcess(MAIN, { ...env, PORT: String(await freePort()), JOBS_WORKER: 'false' }, 'serving on'),
      startProcess(WORKER, env, 'working jobs'),
      startProcess(WORKER, env, 'working jobs'),
    ]);
    apis.push(api2);
    workers.push(w1, w2);
    const urls = apis.map((a) => /serving on (http:\/\/\S+)/.exec(a.output())![1]);
    const admin = await login(new Api(urls[0]), ADMIN.email, ADMIN.password);
    const buyer = await admin.post('/api/v1/buyers', { name: 'Jobs Buyer', country: 'CH' });
    const officer = { email: 'jobs.officer@test.example', password: 'amber falcon quietly 77 river' };
    expect((await admin.post('/api/v1/users', { ...officer, role: 'OFFICER', buyerId: buyer.body.id })).status).toBe(201);
    for (const url of urls) officers.push(await login(new Api(url), officer.email, officer.password));
  }, 180_000);

  afterAll(async () => {
    for (const p of [...apis, ...workers]) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await pg?.end();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('every job runs exactly once, a killed worker’s job is retried by the other, results identical to in-process runs', async () => {
    const [a, b] = officers;
    const tenders = [];
    for (let i = 0; i < 3; i++) tenders.push((await closedTenderWithManyBids(a, BIDS)).tenderId);
    const [t1, t2, tKill] = tenders;

    // The tender of the job to kill is held by the test: its job blocks inside its evaluation transaction.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM tender WHERE id = $1 FOR UPDATE', [tKill]);
    const killed = await a.post(`/api/v1/tenders/${tKill}/evaluations`);
    expect(killed.status).toBe(202);
    const running = await eventually(async () => {
      const r = await jobRow(killed.body.id);
      return r.status === 'running' && r.worker ? r : undefined;
    }, 'the job to kill running');
    const pid = Number(running.worker!.split(':').pop());
    const victim = workers.find((w) => w.child.pid === pid);
    expect(victim).toBeDefined();
    victim!.child.kill('SIGKILL');
    expect((await victim!.exited).signal).toBe('SIGKILL');
    await holder.query('COMMIT');
    await holder.end();

    // Meanwhile, and after: evaluations through both APIs, two per tender.
    const posts = await Promise.all([t1, t2, t1, t2].map((t, i) => (i % 2 ? b : a).post(`/api/v1/tenders/${t}/evaluations`)));
    expect(posts.map((p) => p.status)).toEqual([202, 202, 202, 202]);
    const done = await Promise.all([...posts.map((p, i) => finished(i % 2 ? a : b, p.body.id)), finished(b, killed.body.id)]);
    expect(done.map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);

    // The killed job: retried by the surviving worker, one evaluation.
    const retried = await jobRow(killed.body.id);
    const survivor = workers.find((w) => w !== victim)!;
    expect(retried.attempts).toBeGreaterThanOrEqual(2);
    expect(Number(retried.worker!.split(':').pop())).toBe(survivor.child.pid);

    // Exactly once: one evaluation and one audit event per job, each job its own evaluation.
    const evaluationIds = done.map((j) => j.evaluationId as string);
    expect(new Set(evaluationIds).size).toBe(5);
    const counts = await pg.query<{ tender_id: string; n: string }>(
      'SELECT tender_id::text, count(*) AS n FROM evaluation WHERE tender_id = ANY($1::uuid[]) GROUP BY tender_id ORDER BY tender_id',
      [tenders],
    );
    expect(Object.fromEntries(counts.rows.map((r) => [r.tender_id, Number(r.n)]))).toEqual({ [t1]: 2, [t2]: 2, [tKill]: 1 });
    const audited = await pg.query<{ n: string }>("SELECT count(*) AS n FROM audit_event WHERE action = 'evaluation.created' AND object_id = ANY($1)", [
      evaluationIds,
    ]);
    expect(Number(audited.rows[0].n)).toBe(5);

    // Identical results: the evaluations of one tender have one digest, the one an in-process replay computes.
    for (const [i, id] of evaluationIds.entries()) {
      const e = await (i % 2 ? a : b).get(`/api/v1/evaluations/${id}`);
      const replay = await (i % 2 ? b : a).post(`/api/v1/evaluations/${id}/replay`);
      expect(replay.body).toMatchObject({ identical: true, digest: e.body.digest });
    }
    const digests = await pg.query<{ tender_id: string; d: string }>(
      'SELECT DISTINCT tender_id::text, digest AS d FROM evaluation WHERE tender_id = ANY($1::uuid[])',
      [tenders],
    );
    expect(digests.rows).toHaveLength(3);

    // Reports of one evaluation through both APIs at once: one render, by a worker, the same bytes, served from the cache after.
    const reportOf = evaluationIds[0];
    const [r1, r2] = await Promise.all([
      a.bytes(`/api/v1/evaluations/${reportOf}/report.pdf?lang=fr`),
      b.bytes(`/api/v1/evaluations/${reportOf}/report.pdf?lang=fr`),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r2.bytes.equals(r1.bytes)).toBe(true);
    const renders = await pg.query<{ worker: string; status: string }>("SELECT worker, status FROM background_job WHERE kind = 'report'");
    expect(renders.rows).toHaveLength(1);
    expect(renders.rows[0].status).toBe('succeeded');
    expect(Number(renders.rows[0].worker.split(':').pop())).toBe(survivor.child.pid);
    const cache = await pg.query<{ digest: string }>('SELECT digest FROM report_cache WHERE evaluation_id = $1', [reportOf]);
    expect(cache.rows.map((r) => r.digest)).toEqual([createHash('sha256').update(r1.bytes).digest('hex')]);
    const again = await a.bytes(`/api/v1/evaluations/${reportOf}/report.pdf?lang=fr`);
    expect(again.bytes.equals(r1.bytes)).toBe(true);

    // SIGTERM: the worker and the APIs stop cleanly.
    for (const p of [survivor, ...apis]) p.child.kill('SIGTERM');
    for (const p of [survivor, ...apis]) expect((await p.exited).code).toBe(0);
  });
});
