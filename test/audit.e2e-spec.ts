import { tenderBody } from './support/builders';
import { buyerWorld, BuyerWorld, startTestApp, TestApp } from './support/test-app';

/**
 * The audit trail: every write appends a hash-chained event in its own
 * transaction; verify recomputes the chain and names the first broken row.
 * Tampering tests switch the append-only trigger off as the table owner —
 * exactly what an attacker with database access could do — and restore the
 * row afterwards (e2e suites run one after another).
 */
describe('audit trail', () => {
  let t: TestApp;
  let w: BuyerWorld;
  let other: BuyerWorld;
  let tenderId: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buyerWorld(t);
    other = await buyerWorld(t, w.admin);
    tenderId = (await w.officer.api.post('/api/v1/tenders', tenderBody())).body.id;
    await w.officer.api.post(`/api/v1/tenders/${tenderId}/publish`);
  });
  afterAll(() => t.close());

  const verify = async (query = '') => (await w.auditor.api.get(`/api/v1/audit-events/verify${query}`)).body;
  const withTriggerOff = async <T>(fn: () => Promise<T>): Promise<T> => {
    await t.prisma.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
    try {
      return await fn();
    } finally {
      await t.prisma.$executeRawUnsafe('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
    }
  };

  it("lists the buyer's events with filters; other buyers' events stay hidden", async () => {
    const res = await w.auditor.api.get(`/api/v1/audit-events?tenderId=${tenderId}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: any) => [e.action, e.tenderSeq])).toEqual([
      ['tender.created', 1],
      ['tender.publish', 2],
    ]);
    expect(res.body.items[0]).toMatchObject({
      actorId: w.officer.id,
      actorRole: 'OFFICER',
      buyerId: w.buyerId,
      objectType: 'tender',
      objectId: tenderId,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      requestId: expect.any(String),
    });
    expect(res.body.items[1].tenderPrevHash).toBe(res.body.items[0].tenderHash);
    const prefix = await w.officer.api.get('/api/v1/audit-events?action=tender.&pageSize=200');
    expect(prefix.body.items.every((e: any) => e.action.startsWith('tender.') && e.buyerId === w.buyerId)).toBe(true);
    expect((await other.auditor.api.get(`/api/v1/audit-events?tenderId=${tenderId}`)).status).toBe(404);
    const theirs = await other.auditor.api.get('/api/v1/audit-events?pageSize=200');
    expect(theirs.body.items.some((e: any) => e.buyerId === w.buyerId)).toBe(false);
    expect((await t.api.get('/api/v1/audit-events')).status).toBe(401);
  });

  it('verify answers {valid, count, headHash} over the whole chain, and per tender', async () => {
    const res = await w.auditor.api.get('/api/v1/audit-events/verify');
    expect(res.status).toBe(200);
    const last = await t.prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
    expect(res.body).toMatchObject({ valid: true, count: Number(last!.seq), headHash: last!.hash, chain: 'global' });
    expect(res.body.firstBrokenSeq).toBeUndefined();
    const tender = await verify(`?tenderId=${tenderId}`);
    expect(tender).toMatchObject({ valid: true, count: 2, chain: tenderId });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await expect(t.prisma.$executeRawUnsafe(`UPDATE audit_event SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe('DELETE FROM audit_event WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect((await verify()).valid).toBe(true);
  });

  it('a flipped byte in one event is found at that event', async () => {
    const target = await t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const original = target.payload as any;
    await withTriggerOff(async () => {
      const tampered = JSON.parse(JSON.stringify(original));
      tampered.tender.title = tampered.tender.title.replace('W', 'V');
      await t.prisma.auditEvent.update({ where: { seq: target.seq }, data: { payload: tampered } });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: target.seq.toString() });
      const perTender = await verify(`?tenderId=${tenderId}`);
      expect(perTender).toMatchObject({ valid: false, firstBrokenSeq: target.seq.toString() });
      await t.prisma.auditEvent.update({ where: { seq: target.seq }, data: { payload: original } });
    });
    expect((await verify()).valid).toBe(true);
  });

  it('a deleted event is found at the event after the gap', async () => {
    const first = await t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const next = await t.prisma.auditEvent.findFirstOrThrow({ where: { seq: first.seq + 1n } });
    await withTriggerOff(async () => {
      await t.prisma.auditEvent.delete({ where: { seq: first.seq } });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: next.seq.toString() });
      await t.prisma.auditEvent.create({ data: { ...first, payload: first.payload as object } });
    });
    expect((await verify()).valid).toBe(true);
  });

  it('two events swapped in order are found at the first of them', async () => {
    const a = await t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const b = await t.prisma.auditEvent.findFirstOrThrow({ where: { seq: a.seq + 1n } });
    const content = (e: typeof a) => {
      const { seq: _s, ...rest } = e;
      return { ...rest, payload: e.payload as object };
    };
    await withTriggerOff(async () => {
      // Swap everything but the sequence numbers (ids and the tender's per-chain key are unique: park one first).
      await t.prisma.auditEvent.update({ where: { seq: a.seq }, data: { id: '00000000-0000-4000-8000-000000000001', tenderId: null, tenderSeq: null } });
      await t.prisma.auditEvent.update({ where: { seq: b.seq }, data: content(a) });
      await t.prisma.auditEvent.update({ where: { seq: a.seq }, data: content(b) });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: a.seq.toString() });
      await t.prisma.auditEvent.update({ where: { seq: b.seq }, data: { id: '00000000-0000-4000-8000-000000000002', tenderId: null, tenderSeq: null } });
      await t.prisma.auditEvent.update({ where: { seq: a.seq }, data: content(a) });
      await t.prisma.auditEvent.update({ where: { seq: b.seq }, data: content(b) });
    });
    expect((await verify()).valid).toBe(true);
  });

  it('50 concurrent writes append 50 events without gaps, and the chain stays valid', async () => {
    const before = await t.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => w.officer.api.post('/api/v1/bidders', { name: `Concurrent ${i}`, country: 'CH' })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const added = await t.prisma.auditEvent.findMany({ where: { seq: { gt: before.seq } }, orderBy: { seq: 'asc' } });
    expect(added).toHaveLength(50);
    added.forEach((e, i) => expect(e.seq).toBe(before.seq + BigInt(i + 1)));
    expect(added[0].prevHash).toBe(before.hash);
    const res = await verify();
    expect(res).toMatchObject({ valid: true, headHash: added[49].hash });
  });

  it('a rolled-back change leaves no event', async () => {
    const reference = `ROLLBACK-${Date.now()}`;
    expect((await w.officer.api.post('/api/v1/tenders', tenderBody({ reference }))).status).toBe(201);
    const before = await t.prisma.auditEvent.count();
    const dup = await w.officer.api.post('/api/v1/tenders', tenderBody({ reference }));
    expect(dup.status).toBe(409);
    expect(await t.prisma.auditEvent.count()).toBe(before);
    expect((await verify()).valid).toBe(true);
  });
});
