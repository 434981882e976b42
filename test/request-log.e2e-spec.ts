import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PinoLogger } from 'nestjs-pino';
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

  /** What the application logger received for two requests (its destination is the process's fd 1: not capturable in a Jest worker). */
  async function linesAt(level: string): Promise<{ line: Record<string, any>; msg: string; enabled: boolean }[]> {
    const app: NestFastifyApplication = await createApp(testConfig({ DATABASE_URL: db.url, LOG_LEVEL: level }));
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    const logger = PinoLogger.root;
    const calls: { line: Record<string, any>; msg: string; enabled: boolean }[] = [];
    const info = logger.info.bind(logger);
    (logger as any).info = (line: Record<string, any>, msg: string) => {
      calls.push({ line, msg, enabled: logger.isLevelEnabled('info') });
      return info(line, msg);
    };
    try {
      await fastify.inject({ method: 'GET', url: '/api/v1/tenders', headers: { authorization: 'Bearer nope', 'x-request-id': 'req-log-1' } });
      await fastify.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'req-log-2' } });
      // The line is written in onResponse, after the answer went out: wait for it (at most 2 s; at warn, all of it).
      for (let waited = 0; waited < 2000 && calls.length < 2; waited += 50) await new Promise((r) => setTimeout(r, 50));
    } finally {
      (logger as any).info = info;
      await app.close();
    }
    return calls.filter((c) => c.msg === 'request completed' || c.msg === 'request errored');
  }

  it('at info: one line per request with id, method, url, status and time; no authorization header', async () => {
    const lines = await linesAt('info');
    expect(lines.map(({ line: l }) => [l.req.id, l.req.method, l.req.url, l.res.statusCode])).toEqual([
      ['req-log-1', 'GET', '/api/v1/tenders', 401],
      ['req-log-2', 'GET', '/health', 200],
    ]);
    for (const { line, enabled } of lines) {
      expect(enabled).toBe(true);
      expect(line).toMatchObject({ service: 'tender-evaluation', responseTime: expect.any(Number) });
      expect(Object.keys(line.req)).toEqual(['id', 'method', 'url']);
    }
  });

  it('at warn: no request line is even offered to the logger', async () => {
    expect(await linesAt('warn')).toEqual([]);
  });
});
