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
  });

  async function fresh(env: Record<string, string>) {
    const db = await createOwnDatabase('startup');
    dbs.push(db);
    const t = await startTestApp({ DATABASE_URL: db.url, ...env });
    apps.push(t);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, JWT_SECRET: 'x'.repeat(32), ...env });
    return { t, config };
  }

  it('demo mode seeds a buyer, its officers and auditor, and an evaluable sample tender; passwords are printed once', async () => {
    const { t, config } = await fresh({ SEED_DEMO: 'true' });
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as any).write = (chunk: string) => (out.push(String(chunk)), true);
    try {
      await runStartupTasks(t.app, config, false);
    } finally {
      (process.stdout as any).write = write;
    }
    const printed = out.join('');
    const officerLine = printed.split('\n').find((l) => l.includes('officer.meier@demo.example'))!;
    const password = officerLine.trim().split(/\s+/).pop()!;
    const login = await t.api.post('/api/v1/auth/token', { email: 'officer.meier@demo.example', password });
    expect(login.status).toBe(200);
    const officer = t.api.as(login.body.accessToken);
    const tenders = await officer.get('/api/v1/tenders');
    expect(tenders.body.items).toHaveLength(1);
    const tender = tenders.body.items[0];
    expect(tender).toMatchObject({ reference: 'BBL-2027-017', status: 'CLOSED' });
    const bids = await officer.get(`/api/v1/tenders/${tender.id}/bids`);
    const countries = new Set<string>();
    const walk = (n: any) => (n.country && countries.add(n.country), n.subcontractors.forEach(walk));
    expect(bids.body.items).toHaveLength(3);
    for (const b of bids.body.items) walk((await officer.get(`/api/v1/tenders/${tender.id}/bids/${b.id}`)).body.supplyChain);
    expect([...countries].sort()).toEqual(['BD', 'CH', 'CN', 'DE', 'IN', 'PT']);
    const evaluation = await officer.post(`/api/v1/tenders/${tender.id}/evaluations`);
    expect(evaluation.status).toBe(201);
    expect(evaluation.body.ranking).toHaveLength(3);
    // A second start seeds nothing and prints no password.
    out.length = 0;
    (process.stdout as any).write = (chunk: string) => (out.push(String(chunk)), true);
    try {
      await runStartupTasks(t.app, config, false);
    } finally {
      (process.stdout as any).write = write;
    }
    expect(out.join('')).not.toContain('demo.example');
    expect(await t.prisma.buyer.count()).toBe(1);
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
  });
});
