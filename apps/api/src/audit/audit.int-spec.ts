import { randomUUID } from 'node:crypto';
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

  it('a rolled-back append leaves no gap in its chain: the chain stays gap-free and verifies', async () => {
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
    const [storedA, storedB] = await Promise.all([a, b].map((x) => prisma.auditEvent.findUniqueOrThrow({ where: { seq: x.seq } })));
    // The global seq only orders (the rolled-back nextval is a gap there); the chain seq has none.
    expect(storedB.seq).toBeGreaterThan(storedA.seq);
    expect(storedA.chainKey).toBe('system');
    expect(storedB).toMatchObject({ chainKey: 'system', chainSeq: storedA.chainSeq! + 1, prevHash: a.hash });
    expect(await prisma.auditChain.findUniqueOrThrow({ where: { chainKey: 'system' } })).toEqual({
      chainKey: 'system',
      seq: BigInt(storedB.chainSeq!),
      hash: b.hash,
    });
    const verified = await it_.ctx.get(AuditTrailService).verify({ userId: 'x', email: 'x', role: 'ADMIN', buyerId: null, requestId: 'r' });
    expect(verified).toMatchObject({ valid: true, chains: { broken: [] } });
  });

  /** Starts a transaction that appends to `tenderId`'s chain and stays open until release() is called. */
  const heldAppend = (tenderId: string) => {
    const txHost = it_.ctx.get(TransactionHost);
    const audit = it_.ctx.get(AuditService);
    let release!: () => void;
    let appended!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const isAppended = new Promise<void>((r) => (appended = r));
    const done = txHost.withTransaction(async () => {
      const r = await audit.record({ ...entry('test.held'), tenderId });
      appended();
      await released;
      return r;
    });
    return { isAppended, release, done };
  };
  const within = async <T>(p: Promise<T>, ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ settled: false }>((r) => (timer = setTimeout(() => r({ settled: false }), ms)));
    try {
      return await Promise.race([p.then((v) => ({ settled: true as const, v })), late]);
    } finally {
      clearTimeout(timer);
    }
  };

  it('appends on different tenders do not wait for each other: one commits while the other holds its append open', async () => {
    const txHost = it_.ctx.get(TransactionHost);
    const audit = it_.ctx.get(AuditService);
    const held = heldAppend(randomUUID());
    await held.isAppended;
    const other = txHost.withTransaction(() => audit.record({ ...entry('test.other'), tenderId: randomUUID() }));
    const r = await within(other, 5_000);
    expect(r.settled).toBe(true);
    held.release();
    const first = await held.done;
    // The global seq was taken in append order, not in commit order.
    expect((r as { v: { seq: bigint } }).v.seq).toBeGreaterThan(first.seq);
  });

  it('appends on the same tender serialise: the second waits for the first to commit and chains after it', async () => {
    const txHost = it_.ctx.get(TransactionHost);
    const audit = it_.ctx.get(AuditService);
    const prisma = it_.ctx.get(PrismaService);
    const tenderId = randomUUID();
    const held = heldAppend(tenderId);
    await held.isAppended;
    const second = txHost.withTransaction(() => audit.record({ ...entry('test.second'), tenderId }));
    expect((await within(second, 700)).settled).toBe(false);
    held.release();
    const [a, b] = await Promise.all([held.done, second]);
    const rows = await prisma.auditEvent.findMany({ where: { tenderId }, orderBy: { seq: 'asc' } });
    expect(rows.map((e) => [e.seq, e.tenderSeq, e.chainSeq, e.action])).toEqual([
      [a.seq, 1, 1, 'test.held'],
      [b.seq, 2, 2, 'test.second'],
    ]);
    expect(rows[1].prevHash).toBe(a.hash);
    expect(rows[1].tenderPrevHash).toBe(a.hash);
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
