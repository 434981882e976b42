import { TransactionHost } from '../database/transaction';
import { PrismaService } from '../database/prisma.service';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { AuditService } from './audit.service';
import { AuditTrailService } from './audit-trail.service';

/** Audit events join the transaction of the async context: a rolled-back change leaves no event. */
describe('AuditService.record (middle tier)', () => {
  let it_: IntegrationContext;
  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
  });
  afterAll(() => it_.close());

  const entry = (action: string) => ({ auth: null, action, objectType: 'test', objectId: null, tenderId: null, payload: { n: '1' } });

  it('commits with the transaction and disappears with its rollback', async () => {
    const txHost = it_.ctx.get(TransactionHost);
    const audit = it_.ctx.get(AuditService);
    const prisma = it_.ctx.get(PrismaService);
    const kept = `test.kept.${Date.now()}`;
    const dropped = `test.dropped.${Date.now()}`;
    await txHost.withTransaction(() => audit.record(entry(kept)));
    await expect(
      txHost.withTransaction(async () => {
        await audit.record(entry(dropped));
        throw new Error('the change fails after the event');
      }),
    ).rejects.toThrow('the change fails');
    expect(await prisma.auditEvent.count({ where: { action: kept } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: dropped } })).toBe(0);
  });

  it('a rolled-back append consumes no seq: the chain stays gap-free and verifies', async () => {
    const txHost = it_.ctx.get(TransactionHost);
    const audit = it_.ctx.get(AuditService);
    const prisma = it_.ctx.get(PrismaService);
    const a = await txHost.withTransaction(() => audit.record(entry(`test.a.${Date.now()}`)));
    await expect(
      txHost.withTransaction(async () => {
        await audit.record(entry('test.rolled-back'));
        throw new Error('fails');
      }),
    ).rejects.toThrow('fails');
    const b = await txHost.withTransaction(() => audit.record(entry(`test.b.${Date.now()}`)));
    expect(b.seq).toBe(a.seq + 1n);
    const stored = await prisma.auditEvent.findUniqueOrThrow({ where: { seq: b.seq } });
    expect(stored.prevHash).toBe(a.hash);
    const verified = await it_.ctx.get(AuditTrailService).verify({ userId: 'x', email: 'x', role: 'ADMIN', buyerId: null, requestId: 'r' });
    expect(verified).toMatchObject({ valid: true, headHash: b.hash });
  });

  it('a standalone event survives the rollback of the transaction it was recorded from', async () => {
    const txHost = it_.ctx.get(TransactionHost);
    const audit = it_.ctx.get(AuditService);
    const prisma = it_.ctx.get(PrismaService);
    const action = `test.standalone.${Date.now()}`;
    await expect(
      txHost.withTransaction(async () => {
        await audit.appendStandalone(entry(action));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await prisma.auditEvent.count({ where: { action } })).toBe(1);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(it_.ctx.get(AuditService).record(entry('test.outside'))).rejects.toThrow('outside a transaction');
  });
});
