import { buyerWorld, BuyerWorld, startTestApp, TestApp } from './support/test-app';
import { loadConfig, ConfigError } from '../apps/api/src/config/app-config';

describe('platform: errors, limits, health, OpenAPI, request ids', () => {
  let t: TestApp;
  let w: BuyerWorld;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '64kb' });
    w = await buyerWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  it('malformed JSON is 400 problem+json', async () => {
    const res = await w.officer.api.post('/api/v1/bidders', '{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/bad-request', title: 'Bad request', status: 400, detail: expect.stringMatching(/not valid JSON/) });
  });

  it('a body over BODY_LIMIT is 413 problem+json and nothing is stored', async () => {
    const before = await t.prisma.bidder.count();
    const res = await w.officer.api.post('/api/v1/bidders', { name: 'x'.repeat(70 * 1024), country: 'CH' });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
    expect(await t.prisma.bidder.count()).toBe(before);
  });

  it('unknown routes are 404 problem+json', async () => {
    const res = await w.officer.api.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('every response carries a request id; a sane caller id is kept and shows in problems', async () => {
    const res = await w.officer.api.get('/api/v1/tenders/00000000-0000-4000-8000-000000000000', { 'x-request-id': 'trace-abc-123' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(res.body).toMatchObject({ requestId: 'trace-abc-123', instance: '/api/v1/tenders/00000000-0000-4000-8000-000000000000' });
    const generated = await t.api.get('/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('health and readiness', async () => {
    expect((await t.api.get('/health')).body).toEqual({ status: 'ok' });
    expect((await t.api.get('/health/ready')).body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('serves the OpenAPI document generated from the code, and its UI', async () => {
    const doc = await t.api.get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/token',
      '/api/v1/tenders',
      '/api/v1/tenders/{id}',
      '/api/v1/tenders/{id}/bids',
      '/api/v1/buyers',
      '/api/v1/users',
      '/api/v1/bidders',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(p);
    }
    const ui = await t.api.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('a 5xx reveals no SQL, ORM text or stack: only a generic message with the request id', async () => {
    // A second app whose database does not exist: every query fails inside Prisma.
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/no_such_database_for_tests';
    const broken = await startTestApp({ DATABASE_URL: url.toString() }, { referenceData: false });
    try {
      const res = await broken.api.unchecked().post('/api/v1/auth/token', { email: 'a@b.example', password: 'whatever' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        type: '/problems/internal',
        code: 'INTERNAL',
        title: 'Internal server error',
        status: 500,
        detail: expect.stringMatching(/^Unexpected error; quote request id \S+$/),
        requestId: expect.any(String),
        instance: '/api/v1/auth/token',
      });
      expect(res.text).not.toMatch(/prisma|database|select|relation|at \w+ \(/i);
      // Readiness says "not ready" (503, Retry-After) whatever keeps the database from answering; a query that
      // fails for a missing database is not an outage, so it stays a generic 500 above.
      const ready = await broken.api.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(ready.text).not.toMatch(/no_such_database/);
    } finally {
      await broken.close();
    }
  });

  it('configuration is validated at start: a bad value names the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', BODY_LIMIT: 'huge' });
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const name of ['PORT', 'LOG_LEVEL', 'BODY_LIMIT']) expect(message).toContain(`- ${name} `);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://x/y' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.example' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD must be set together/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', JWT_SECRET: 'x'.repeat(32), BODY_LIMIT: '2mb' }).bodyLimitBytes).toBe(2 * 1024 * 1024);
  });
});
