import { execFileSync } from 'node:child_process';
import * as net from 'node:net';
import { EmbeddedDatabaseError } from '../apps/api/src/database/embedded-postgres';
import { prepareDatabase } from '../apps/api/src/database/bootstrap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RouteMappingAtDebug } from '../apps/api/src/common/route-logging';
import { printCredentials } from '../apps/api/src/seed/demo';
import { bidBody, nodeBody } from './support/builders';
import { loadConfig } from '../apps/api/src/config/app-config';
import { runStartupTasks } from '../apps/api/src/seed/startup';
import { createOwnDatabase } from './support/databases';
import { startTestApp, TestApp } from './support/test-app';

/** What a newcomer and an operator get at first start, on empty databases of their own. */
describe('first start', () => {
  const dbs: { drop(): Promise<void> }[] = [];
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
    for (const d of dbs) await d.drop();
  }, 30_000);

  async function fresh(env: Record<string, string>) {
    const db = await createOwnDatabase('startup');
    dbs.push(db);
    const t = await startTestApp({ DATABASE_URL: db.url, ...env });
    apps.push(t);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, JWT_SECRET: 'x'.repeat(32), ...env });
    return { t, config };
  }

  it('demo mode seeds one tender per stage (PUBLISHED, CLOSED and evaluable, AWARDED); passwords go to a 0600 file and are printed by main after listening', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-data-'));
    const { t, config } = await fresh({ SEED_DEMO: 'true', DATA_DIR: dataDir });
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as any).write = (chunk: string) => (out.push(String(chunk)), true);
    let seeded;
    try {
      seeded = await runStartupTasks(t.app, config, false);
    } finally {
      (process.stdout as any).write = write;
    }
    // Nothing printed during the start-up tasks: main.ts prints the box after "serving on".
    expect(out.join('')).not.toContain('demo.example');
    expect(seeded!.file).toBe(path.join(dataDir, 'demo-credentials.txt'));
    expect(fs.statSync(seeded!.file).mode & 0o777).toBe(0o600);
    const officerLine = fs
      .readFileSync(seeded!.file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('OFFICER') && l.includes('officer.meier@demo.example'))!;
    const password = officerLine.trim().split(/\s+/).pop()!;
    expect(password).toBe(seeded!.creds[1].password);
    const login = await t.api.post('/api/v1/auth/token', { email: 'officer.meier@demo.example', password });
    expect(login.status).toBe(200);
    const officer = t.api.as(login.body.accessToken);
    const tenders = (await officer.get('/api/v1/tenders')).body.items as any[];
    expect(tenders.map((x) => [x.reference, x.status]).sort()).toEqual([
      ['BBL-2026-044', 'AWARDED'],
      ['BBL-2027-017', 'CLOSED'],
      ['BBL-2027-021', 'PUBLISHED'],
    ]);
    const now = Date.now();
    const open = tenders.find((x) => x.status === 'PUBLISHED');
    expect(Date.parse(open.submissionDeadline)).toBeGreaterThan(now);
    // Open for new bids: a bid received now is accepted.
    const bidder = await officer.post('/api/v1/bidders', { name: 'Newcomer Textil AG', country: 'CH' });
    expect(
      (
        await officer.post(
          `/api/v1/tenders/${open.id}/bids`,
          bidBody(bidder.body.id, { receivedAt: new Date(now).toISOString(), supplyChain: nodeBody('Newcomer Textil AG') }),
        )
      ).status,
    ).toBe(201);
    const tender = tenders.find((x) => x.status === 'CLOSED');
    expect(Date.parse(tender.submissionDeadline)).toBeLessThan(now);
    expect(Date.parse(tender.publishedAt)).toBeLessThan(Date.parse(tender.submissionDeadline));
    expect(Date.parse(tender.closedAt)).toBeGreaterThan(Date.parse(tender.submissionDeadline));
    const bids = await officer.get(`/api/v1/tenders/${tender.id}/bids`);
    const countries = new Set<string>();
    const walk = (n: any) => (n.country && countries.add(n.country), n.subcontractors.forEach(walk));
    expect(bids.body.items).toHaveLength(3);
    for (const b of bids.body.items) walk((await officer.get(`/api/v1/tenders/${tender.id}/bids/${b.id}`)).body.supplyChain);
    for (const b of bids.body.items) expect(Date.parse(b.receivedAt)).toBeGreaterThanOrEqual(Date.parse(tender.publishedAt));
    expect([...countries].sort()).toEqual(['BD', 'CH', 'CN', 'DE', 'IN', 'PT']);
    const evaluation = await officer.post(`/api/v1/tenders/${tender.id}/evaluations`);
    expect(evaluation.status).toBe(201);
    expect(evaluation.body.ranking).toHaveLength(3);
    const awarded = tenders.find((x) => x.status === 'AWARDED');
    const awards = (await officer.get(`/api/v1/tenders/${awarded.id}/awards`)).body.items;
    expect(awards).toHaveLength(1);
    expect(awards[0].status).toBe('ACTIVE');
    // A second start seeds nothing and prints no password.
    out.length = 0;
    (process.stdout as any).write = (chunk: string) => (out.push(String(chunk)), true);
    try {
      expect(await runStartupTasks(t.app, config, false)).toBeNull();
    } finally {
      (process.stdout as any).write = write;
    }
    expect(out.join('')).not.toContain('demo.example');
    expect(await t.prisma.buyer.count()).toBe(1);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('prints the demo box with the file named, and route-mapping lines are debug, not info', () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as any).write = (chunk: string) => (out.push(String(chunk)), true);
    try {
      printCredentials(
        [
          { role: 'ADMIN', email: 'a@x', password: 'p0' },
          { role: 'OFFICER', email: 'o@x', password: 'p1' },
        ],
        3000,
        '/d/demo-credentials.txt',
      );
    } finally {
      (process.stdout as any).write = write;
    }
    expect(out.join('')).toContain('kept in /d/demo-credentials.txt (mode 0600)');
    expect(out.join('')).toContain('o@x');
    const calls: string[] = [];
    const inner = {
      log: (m: string, c?: string) => calls.push(`info ${c}: ${m}`),
      debug: (m: string, c?: string) => calls.push(`debug ${c}: ${m}`),
      error: () => undefined,
      warn: () => undefined,
      verbose: () => undefined,
    };
    const logger = new RouteMappingAtDebug(inner as any);
    logger.log('Mapped {/api/v1/goods, GET} route', 'RouterExplorer');
    logger.log('GoodsController {/api/v1}:', 'RoutesResolver');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(calls).toEqual([
      'debug RouterExplorer: Mapped {/api/v1/goods, GET} route',
      'debug RoutesResolver: GoodsController {/api/v1}:',
      'info NestApplication: Nest application successfully started',
    ]);
  });

  it('with a DATABASE_URL nothing is seeded and there are no default credentials; ADMIN_EMAIL/ADMIN_PASSWORD create the first admin once', async () => {
    const { t, config } = await fresh({ SEED_DEMO: 'false' });
    await runStartupTasks(t.app, config, false);
    expect(await t.prisma.user.count()).toBe(0);
    expect(await t.prisma.buyer.count()).toBe(0);
    const withAdmin = { ...config, adminEmail: 'first.admin@example.org', adminPassword: 'a long first password' };
    await runStartupTasks(t.app, withAdmin, false);
    await runStartupTasks(t.app, withAdmin, false);
    expect(await t.prisma.user.count()).toBe(1);
    const login = await t.api.post('/api/v1/auth/token', { email: 'first.admin@example.org', password: 'a long first password' });
    expect(login.status).toBe(200);
    // The reference data an evaluation needs is there from the first start.
    expect(await t.prisma.riskModelVersion.count({ where: { active: true } })).toBe(1);
    expect((await t.prisma.riskDataset.findMany({ where: { active: true }, select: { kind: true } })).map((d) => d.kind).sort()).toEqual([
      'GOODS_LIST',
      'ILO_RATIFICATIONS',
      'PRICE_LEVELS',
      'TIP_TIERS',
    ]);
  }, 60_000);

  it('an embedded-database port already taken: one line naming EMBEDDED_PG_PORT, no half-initialised data directory; the next start is clean', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-port-'));
    // As root, initdb runs as the postgres user (createPostgresUser), which must be able to enter DATA_DIR.
    fs.chmodSync(dataDir, 0o755);
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen({ port: 0, host: '127.0.0.1' }, () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), JWT_SECRET: 'x'.repeat(32) });
    const logged: string[] = [];
    try {
      const err = await prepareDatabase(config, (m) => logged.push(m)).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(EmbeddedDatabaseError);
      expect(err!.message).toBe(
        `EMBEDDED_PG_PORT ${port} is already in use on 127.0.0.1 (another PostgreSQL, or an earlier run still stopping?): stop that program or set EMBEDDED_PG_PORT to a free port, e.g. EMBEDDED_PG_PORT=${port + 1} npm start`,
      );
      expect(err!.message).not.toContain('\n');
      expect(fs.existsSync(path.join(dataDir, 'postgres'))).toBe(false);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    // The port is free again: a clean first start on the same DATA_DIR, migrated and usable. In a child
    // process: embedded-postgres is ESM-only, which Jest's module sandbox cannot import.
    const script = `
      const { prepareDatabase } = require('./apps/api/src/database/bootstrap');
      const { loadConfig } = require('./apps/api/src/config/app-config');
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: ${JSON.stringify(dataDir)}, EMBEDDED_PG_PORT: '${port}', JWT_SECRET: 'x'.repeat(32) });
      const logged = [];
      prepareDatabase(config, (m) => logged.push(m)).then(async (db) => {
        await db.stop();
        console.log(JSON.stringify({ embedded: db.embedded, logged }));
      }, (e) => { console.log(JSON.stringify({ error: e.message })); process.exitCode = 1; });`;
    try {
      const out = execFileSync(process.execPath, ['-r', './tools/ts-register.js', '-e', script], {
        cwd: path.join(__dirname, '..'),
        encoding: 'utf8',
        timeout: 90_000,
      });
      const res = JSON.parse(out.trim().split('\n').pop()!);
      expect(res).toMatchObject({ embedded: true });
      expect(res.logged.some((l: string) => l.startsWith('applied migrations:'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
