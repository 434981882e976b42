import { DEFAULT_RED_FLAG_THRESHOLDS } from '@app/interop';
import { PrismaService } from '../database/prisma.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { createOwnDatabase } from '../../../../test/support/databases';
import { InteropService } from './interop.service';

/** Red-flag thresholds on a real PostgreSQL: versions under the reference-data lock, the audit event in the same transaction. */
describe('InteropService thresholds (middle tier)', () => {
  let it_: IntegrationContext;
  let own: { url: string; drop(): Promise<void> };
  let interop: InteropService;
  let prisma: PrismaService;
  let admin: AuthContext;
  beforeAll(async () => {
    // Global state (versions, ALL_FEDERAL entries): a database of its own.
    own = await createOwnDatabase('int_thresholds');
    it_ = await startIntegration({ DATABASE_URL: own.url });
    interop = it_.ctx.get(InteropService);
    prisma = it_.ctx.get(PrismaService);
    const u = await prisma.user.create({ data: { email: `int-admin-${Date.now()}@test.example`, passwordHash: 'x', role: 'ADMIN' } });
    admin = { userId: u.id, email: u.email, role: 'ADMIN', buyerId: null, requestId: 'int' };
  });
  afterAll(async () => {
    await it_?.close();
    await own?.drop();
  });

  const body = (note: string) => ({ thresholds: JSON.parse(JSON.stringify(DEFAULT_RED_FLAG_THRESHOLDS)), note });

  it('concurrent replacements get distinct consecutive versions, exactly one active', async () => {
    const start = (await interop.activeThresholds()).version;
    const stored = await Promise.all([1, 2, 3, 4].map((i) => interop.replaceThresholds(admin, body(`concurrent ${i}`))));
    expect(stored.map((v) => v.version).sort((a, b) => a - b)).toEqual([start + 1, start + 2, start + 3, start + 4]);
    expect(await prisma.redFlagThresholdVersion.count({ where: { active: true } })).toBe(1);
    expect((await interop.activeThresholds()).version).toBe(start + 4);
  });

  it('If-Match on a stale version is 412 and stores nothing; a failing audit rolls the version back', async () => {
    const current = await interop.activeThresholds();
    const count = await prisma.redFlagThresholdVersion.count();
    await expect(interop.replaceThresholds(admin, body('stale'), current.version - 1)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const spy = jest.spyOn(it_.ctx.get(AuditService), 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(interop.replaceThresholds(admin, body('rolled back'))).rejects.toThrow('audit down');
    spy.mockRestore();
    expect(await prisma.redFlagThresholdVersion.count()).toBe(count);
    expect((await interop.activeThresholds()).id).toBe(current.id);
  });
});
