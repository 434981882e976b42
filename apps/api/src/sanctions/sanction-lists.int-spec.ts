import { PrismaService } from '../database/prisma.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { RescreeningService } from '../alerts/rescreening.service';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { createOwnDatabase } from '../../../../test/support/databases';
import { SanctionListsService } from './sanction-lists.service';

/** Sanctions lists on a real PostgreSQL: a version with its entries and audit event is one transaction; versions per name serialise. */
describe('SanctionListsService (middle tier)', () => {
  let it_: IntegrationContext;
  let own: { url: string; drop(): Promise<void> };
  let lists: SanctionListsService;
  let prisma: PrismaService;
  let admin: AuthContext;
  beforeAll(async () => {
    // Global state (versions, ALL_FEDERAL entries): a database of its own.
    own = await createOwnDatabase('int_sanction_lists');
    it_ = await startIntegration({ DATABASE_URL: own.url }, { referenceData: false });
    lists = it_.ctx.get(SanctionListsService);
    prisma = it_.ctx.get(PrismaService);
    const u = await prisma.user.create({ data: { email: `int-lists-${Date.now()}@test.example`, passwordHash: 'x', role: 'ADMIN' } });
    admin = { userId: u.id, email: u.email, role: 'ADMIN', buyerId: null, requestId: 'int' };
  });
  afterAll(async () => {
    await it_?.close();
    await own?.drop();
  });

  const file = (n: number) =>
    Buffer.from(
      ['name,country,ground,from,until,scope', ...Array.from({ length: n }, (_, i) => `Entry ${i} AG,CH,44-1-e,2026-01-01,2026-12-31,ALL_FEDERAL`)].join('\n') +
        '\n',
    );
  const importList = (name: string, n = 3) => lists.import(admin, { name, source: 'int-spec' }, file(n), 'CSV');

  it('a failure after the entries are written leaves neither the version nor its entries', async () => {
    const name = `Rolled back ${Date.now()}`;
    const entries = await prisma.sanction.count();
    const spy = jest.spyOn(it_.ctx.get(AuditService), 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(importList(name)).rejects.toThrow('audit down');
    spy.mockRestore();
    expect(await prisma.sanctionList.count({ where: { name } })).toBe(0);
    expect(await prisma.sanction.count()).toBe(entries);
  });

  it('concurrent imports under one name get versions 1…n, only the last active, each with its entries', async () => {
    const name = `Concurrent ${Date.now()}`;
    const done = await Promise.all([1, 2, 3].map((n) => importList(name, n)));
    expect(done.map((d) => d.version).sort()).toEqual([1, 2, 3]);
    const stored = await prisma.sanctionList.findMany({ where: { name }, orderBy: { version: 'asc' }, include: { _count: { select: { entries: true } } } });
    expect(stored.map((l) => l.active)).toEqual([false, false, true]);
    for (const l of stored) expect(l._count.entries).toBe(l.entryCount);
  });

  it('a re-screening is requested only inside the transaction of its trigger', async () => {
    await expect(it_.ctx.get(RescreeningService).request(admin, { kind: 'SANCTION', id: 'x', label: 'x', buyerIds: null })).rejects.toThrow(
      'inside the transaction',
    );
  });
});
