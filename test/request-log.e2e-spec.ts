import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../apps/api/src/create-app';
import { createOwnDatabase } from './support/databases';
import { testConfig } from './support/integration';

/** The request line (common/request-log.ts): written at info, not even hooked at warn. */
describe('request log', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createOwnDatabase('rlog');
  });
  afterAll(() => db.drop());

  async function linesAt(level: string): Promise<Record<string, any>[]> {
    const app: NestFastifyApplication = await createApp(testConfig({ DATABASE_URL: db.url, LOG_LEVEL: level }));
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as any).write = (chunk: string) => (out.push(String(chunk)), true);
    try {
      await fastify.inject({ method: 'GET', url: '/api/v1/tenders', headers: { authorization: 'Bearer nope', 'x-request-id': 'req-log-1' } });
      await fastify.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'req-log-2' } });
      // The line is written in onResponse, after the answer went out: wait for it (at most 2 s; at warn, all of it).
      for (let waited = 0; waited < 2000 && !out.join('').includes('"req-log-2"'); waited += 50) await new Promise((r) => setTimeout(r, 50));
    } finally {
      (process.stdout as any).write = write;
      await app.close();
    }
    return out
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'request completed' || l.msg === 'request errored');
  }

  it('at info: one line per request with id, method, url, status and time; no authorization header', async () => {
    const lines = await linesAt('info');
    expect(lines.map((l) => [l.req.id, l.req.method, l.req.url, l.res.statusCode])).toEqual([
      ['req-log-1', 'GET', '/api/v1/tenders', 401],
      ['req-log-2', 'GET', '/health', 200],
    ]);
    for (const l of lines) {
      expect(l).toMatchObject({ level: 30, service: 'tender-evaluation', responseTime: expect.any(Number) });
      expect(JSON.stringify(l)).not.toContain('Bearer');
    }
  });

  it('at warn: no request line', async () => {
    expect(await linesAt('warn')).toEqual([]);
  });
});
