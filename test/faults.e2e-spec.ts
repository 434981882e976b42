import { applyMigrations } from '../apps/api/src/database/migrator';
import { tenderBody } from './support/builders';
import { buyerWorld, BuyerWorld, startTestApp, TestApp } from './support/test-app';
import { createThrowawayCluster, ThrowawayCluster } from './support/throwaway-cluster';

/**
 * The database goes away under a running service and comes back: every call
 * that needs it answers 503 problem+json with Retry-After (never 500), nothing
 * is half-written, and the service recovers by itself. Runs on a PostgreSQL
 * cluster of its own; the shared server is never stopped.
 */
describe('database faults', () => {
  let cluster: ThrowawayCluster;
  let t: TestApp;
  let w: BuyerWorld;

  beforeAll(async () => {
    cluster = await createThrowawayCluster();
    await applyMigrations({ connectionString: cluster.url });
    t = await startTestApp({ DATABASE_URL: cluster.url });
    w = await buyerWorld(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    cluster?.remove();
  });

  const expect503 = (res: { status: number; headers: Headers; body: any }) => {
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body).toMatchObject({ type: '/problems/service-unavailable', code: 'DATABASE_UNAVAILABLE', status: 503, title: 'Service unavailable' });
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|prisma|127\.0\.0\.1|terminated/i);
  };

  it('answers 503 with Retry-After while the database is down, and recovers by itself when it returns', async () => {
    expect((await t.api.get('/health/ready')).status).toBe(200);
    const created = await w.officer.api.post('/api/v1/tenders', tenderBody());
    expect(created.status).toBe(201);
    const tendersBefore = await t.prisma.tender.count();
    const verifyBefore = (await w.auditor.api.get('/api/v1/audit-events/verify')).body;
    expect(verifyBefore.valid).toBe(true);

    const stoppedAt = Date.now();
    cluster.stop('immediate');
    const stopMs = Date.now() - stoppedAt;

    // The pool still holds connections the server killed: the first request on each must answer 503 too.
    const t0 = Date.now();
    const ready = await t.api.get('/health/ready');
    const readyMs = Date.now() - t0;
    expect503(ready);
    expect503(await w.officer.api.get('/api/v1/tenders'));
    expect503(await w.officer.api.get(`/api/v1/tenders/${created.body.id}`));
    expect503(await w.officer.api.post('/api/v1/tenders', tenderBody({ title: 'written while the database is down' })));
    expect503(await w.auditor.api.get('/api/v1/audit-events/verify'));
    // Liveness does not depend on the database.
    expect((await t.api.get('/health')).status).toBe(200);

    const restartedAt = Date.now();
    cluster.start();
    const startMs = Date.now() - restartedAt;
    let recoveredMs = -1;
    for (let i = 0; i < 100; i++) {
      if ((await t.api.get('/health/ready')).status === 200) {
        recoveredMs = Date.now() - restartedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    process.stdout.write(
      `[faults] pg_ctl stop -m immediate ${stopMs} ms; first /health/ready while down answered 503 in ${readyMs} ms; ` +
        `pg_ctl start ${startMs} ms; /health/ready 200 again ${recoveredMs} ms after the start began\n`,
    );
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(recoveredMs).toBeLessThan(10_000);

    // Nothing half-written: no tender and no audit event from the refused write.
    expect(await t.prisma.tender.count()).toBe(tendersBefore);
    expect(await t.prisma.tender.count({ where: { title: 'written while the database is down' } })).toBe(0);
    const verifyAfter = (await w.auditor.api.get('/api/v1/audit-events/verify')).body;
    expect(verifyAfter).toMatchObject({ valid: true, count: verifyBefore.count, headHash: verifyBefore.headHash });

    // Reads and writes work again, with the same tokens.
    expect((await w.officer.api.get(`/api/v1/tenders/${created.body.id}`)).status).toBe(200);
    expect((await w.officer.api.post('/api/v1/tenders', tenderBody())).status).toBe(201);
  }, 120_000);

  it('answers 503 when the database is unreachable from the first request on (no pooled connection left)', async () => {
    cluster.stop('fast');
    try {
      expect503(await t.api.get('/health/ready'));
      expect503(await t.api.post('/api/v1/auth/token', { email: w.officer.email, password: w.officer.password }));
      expect503(await w.admin.api.get('/api/v1/users'));
    } finally {
      cluster.start();
    }
    for (let i = 0; i < 100 && (await t.api.get('/health/ready')).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await t.api.post('/api/v1/auth/token', { email: w.officer.email, password: w.officer.password })).status).toBe(200);
  }, 60_000);
});
