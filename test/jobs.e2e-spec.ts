import { readFileSync } from 'node:fs';
import path from 'node:path';
import { closedTenderWithBulkBids } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * Large evaluations as jobs, worked in-process (JOBS_WORKER true, the
 * default): 202 with a job and its Location, the job polled until the
 * evaluation exists, exactly one evaluation per job, another buyer's job 404.
 */
jest.setTimeout(90_000);

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 45_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('large evaluations as jobs', () => {
  // Its own database: jobs queued here must not be worked by, nor see, other suites' processes.
  const s = twoBuyerSuite({ JOBS_WORKER: 'true', EVALUATION_JOB_MIN_BIDS: '4', DATASET_JOB_MIN_BYTES: '40' }, { ownDatabase: 'jobs' });
  let large: string;
  let small: string;

  beforeAll(async () => {
    large = (await closedTenderWithBulkBids(s.w.officer.api, 4)).tenderId;
    small = (await closedTenderWithBulkBids(s.w.officer.api, 3)).tenderId;
  });

  it('below EVALUATION_JOB_MIN_BIDS: 201 with the evaluation, as before', async () => {
    const res = await s.w.officer.api.post(`/api/v1/tenders/${small}/evaluations`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tenderId: small, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('at EVALUATION_JOB_MIN_BIDS: 202 with a job and Location; the job succeeds with the evaluation, identical to a synchronous run', async () => {
    const res = await s.w.officer.api.post(`/api/v1/tenders/${large}/evaluations`);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/v1/jobs/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'evaluation', tenderId: large, attempts: 0 });
    expect(['queued', 'running', 'succeeded']).toContain(res.body.status);
    const job = await eventually(async () => {
      const j = await s.w.auditor.api.get(`/api/v1/jobs/${res.body.id}`);
      expect(j.status).toBe(200);
      return j.body.status === 'succeeded' || j.body.status === 'failed' ? j : undefined;
    }, 'the evaluation job');
    expect(job.body).toMatchObject({ status: 'succeeded', progress: { phase: 'done', percent: 100 }, attempts: 1 });
    expect(job.body.location).toBe(`/api/v1/evaluations/${job.body.evaluationId}`);
    expect(job.headers.get('location')).toBe(job.body.location);
    const evaluation = await s.w.officer.api.get(job.body.location);
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.bids).toHaveLength(4);
    // The same inputs give the same digest however the evaluation ran: replayed in the request, it is identical.
    const replay = await s.w.officer.api.post(`/api/v1/evaluations/${job.body.evaluationId}/replay`);
    expect(replay.body).toMatchObject({ identical: true, digest: evaluation.body.digest });
    // Exactly one evaluation and one audit event for the job.
    expect(await s.t.prisma.evaluation.count({ where: { tenderId: large } })).toBe(1);
    expect(await s.t.prisma.auditEvent.count({ where: { action: 'evaluation.created', tenderId: large } })).toBe(1);
  });

  it('a job that cannot succeed fails with the problem the request would have answered', async () => {
    const { tenderId } = await closedTenderWithBulkBids(s.w.officer.api, 4);
    // The tender row held while the job starts, and cancelled under it: the job's evaluation then finds it not CLOSED.
    const job = await s.t.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM tender WHERE id = ${tenderId}::uuid FOR UPDATE`;
        const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
        expect(res.status).toBe(202);
        await eventually(async () => ((await s.w.officer.api.get(`/api/v1/jobs/${res.body.id}`)).body.status === 'running' ? true : undefined), 'running');
        await tx.$executeRaw`UPDATE tender SET status = 'CANCELLED' WHERE id = ${tenderId}::uuid`;
        return res.body.id as string;
      },
      { timeout: 60_000 },
    );
    const failed = await eventually(async () => {
      const j = await s.w.officer.api.get(`/api/v1/jobs/${job}`);
      return j.body.status === 'failed' ? j.body : undefined;
    }, 'the failed job');
    expect(failed).toMatchObject({ progress: { phase: 'done' }, problem: { status: 409, code: 'TENDER_NOT_CLOSED' } });
    expect(failed.evaluationId).toBeUndefined();
    expect(await s.t.prisma.evaluation.count({ where: { tenderId } })).toBe(0);
  });

  it("another buyer's job, an unknown one and an admin: 404; a malformed id: 404", async () => {
    const res = await s.w.officer.api.post(`/api/v1/tenders/${large}/evaluations`);
    expect(res.status).toBe(202);
    expect((await s.other.officer.api.get(`/api/v1/jobs/${res.body.id}`)).status).toBe(404);
    expect((await s.other.auditor.api.get(`/api/v1/jobs/${res.body.id}`)).status).toBe(404);
    expect((await s.w.officer.api.get('/api/v1/jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await s.w.officer.api.get('/api/v1/jobs/nope')).status).toBe(404);
    expect((await s.w.officer.api.get(`/api/v1/jobs/${res.body.id}`)).status).toBe(200);
    await eventually(async () => ((await s.w.officer.api.get(`/api/v1/jobs/${res.body.id}`)).body.status === 'succeeded' ? true : undefined), 'job');
    expect(await s.t.prisma.evaluation.count({ where: { tenderId: large } })).toBe(2);
  });

  it('a dataset upload of at least DATASET_JOB_MIN_BYTES is imported as a job: 202, then the version; an invalid one fails with the 422 problem', async () => {
    const upload = (csv: string, name: string) =>
      s.w.admin.api.request('POST', `/api/v1/risk-datasets?kind=TIP_TIERS&name=${encodeURIComponent(name)}&source=test`, csv, { 'content-type': 'text/csv' });
    // The shipped TIP file (valid, every country): above the suite's 40 bytes.
    const valid = await upload(readFileSync(path.join(__dirname, '../data/risk/tip-tiers-2025.csv'), 'utf8'), 'Large TIP');
    expect(valid.status).toBe(202);
    expect(valid.headers.get('location')).toBe(`/api/v1/jobs/${valid.body.id}`);
    expect(valid.body).toMatchObject({ kind: 'dataset-import', tenderId: null });
    const done = await eventually(async () => {
      const j = await s.w.admin.api.get(`/api/v1/jobs/${valid.body.id}`);
      return j.body.status === 'succeeded' || j.body.status === 'failed' ? j.body : undefined;
    }, 'the import job');
    expect(done).toMatchObject({ status: 'succeeded', location: `/api/v1/risk-datasets/${done.datasetId}` });
    const stored = await s.w.admin.api.get(done.location);
    expect(stored.body).toMatchObject({ kind: 'TIP_TIERS', name: 'Large TIP', active: false });
    // A global job: officers and auditors do not see it.
    expect((await s.w.officer.api.get(`/api/v1/jobs/${valid.body.id}`)).status).toBe(404);

    const invalid = await s.w.admin.api
      .unchecked()
      .request('POST', '/api/v1/risk-datasets?kind=TIP_TIERS&name=Broken%20TIP&source=test', 'iso2,tier\nCH,1\nXX,9\nDE,one\nFR,2\nGB,1\nUS,1\nIT,2\n', {
        'content-type': 'text/csv',
      });
    expect(invalid.status).toBe(202);
    const failed = await eventually(async () => {
      const j = await s.w.admin.api.get(`/api/v1/jobs/${invalid.body.id}`);
      return j.body.status === 'failed' || j.body.status === 'succeeded' ? j.body : undefined;
    }, 'the failing import job');
    expect(failed).toMatchObject({ status: 'failed', problem: { status: 422, code: 'VALIDATION_FAILED' } });
    expect(failed.problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^file:line 3/)]));
    expect(await s.t.prisma.riskDataset.count({ where: { name: 'Broken TIP' } })).toBe(0);
  });
});
