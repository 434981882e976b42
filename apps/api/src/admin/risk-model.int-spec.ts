import { DEFAULT_RISK_MODEL } from '@app/evaluation';
import { PrismaService } from '../database/prisma.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { createOwnDatabase } from '../../../../test/support/databases';
import { ReferenceDataService } from './reference-data.service';
import { RiskModelService } from './risk-model.service';

/** The risk model on a real PostgreSQL: versions under the reference-data lock; defaults stored once however many start at once. */
describe('RiskModelService and the defaults at setup (middle tier)', () => {
  let it_: IntegrationContext;
  let own: { url: string; drop(): Promise<void> };
  let models: RiskModelService;
  let prisma: PrismaService;
  let admin: AuthContext;
  beforeAll(async () => {
    // Global state (versions, ALL_FEDERAL entries): a database of its own.
    own = await createOwnDatabase('int_risk_model');
    it_ = await startIntegration({ DATABASE_URL: own.url }, { referenceData: false });
    models = it_.ctx.get(RiskModelService);
    prisma = it_.ctx.get(PrismaService);
    const u = await prisma.user.create({ data: { email: `int-model-${Date.now()}@test.example`, passwordHash: 'x', role: 'ADMIN' } });
    admin = { userId: u.id, email: u.email, role: 'ADMIN', buyerId: null, requestId: 'int' };
  });
  afterAll(async () => {
    await it_?.close();
    await own?.drop();
  });

  const constants = () => JSON.parse(JSON.stringify(DEFAULT_RISK_MODEL));

  it('three processes ensuring the defaults at once: each kind and the model are stored exactly once', async () => {
    const service = it_.ctx.get(ReferenceDataService);
    await Promise.all([service.ensureDefaults(), service.ensureDefaults(), service.ensureDefaults()]);
    expect(await prisma.riskModelVersion.count()).toBeGreaterThanOrEqual(1);
    expect(await prisma.riskModelVersion.count({ where: { active: true } })).toBe(1);
    const kinds = await prisma.riskDataset.groupBy({ by: ['kind'], where: { createdById: null, version: 1 }, _count: { _all: true } });
    for (const k of kinds) expect(k._count._all).toBe(1);
    // Idempotent afterwards.
    expect(await service.ensureDefaults()).toEqual({ riskModelVersion: null, datasets: [] });
  }, 120_000);

  it('concurrent replacements get consecutive versions with one active; invalid constants store nothing', async () => {
    const start = (await models.active()).version;
    const done = await Promise.all([1, 2, 3].map((i) => models.replace(admin, { constants: constants(), note: `concurrent ${i}` })));
    expect(done.map((v) => v.version).sort((a, b) => a - b)).toEqual([start + 1, start + 2, start + 3]);
    expect(await prisma.riskModelVersion.count({ where: { active: true } })).toBe(1);
    const bad = { ...constants(), prevalenceDivisor: '0' };
    await expect(models.replace(admin, { constants: bad })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await models.active()).version).toBe(start + 3);
  });

  it('a failing audit event rolls the new version back, the previous one stays active', async () => {
    const before = await models.active();
    const spy = jest.spyOn(it_.ctx.get(AuditService), 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(models.replace(admin, { constants: constants(), note: 'rolled back' })).rejects.toThrow('audit down');
    spy.mockRestore();
    expect((await models.active()).id).toBe(before.id);
    expect(await prisma.riskModelVersion.count({ where: { note: 'rolled back' } })).toBe(0);
  });
});
