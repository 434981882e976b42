import { publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * The audit trail: every write appends a hash-chained event in its own
 * transaction; verify recomputes the chain and names the first broken row.
 * Tampering tests switch the append-only trigger off as the table owner —
 * exactly what an attacker with database access could do — and restore the
 * row afterwards (e2e suites run one after another).
 */
describe('audit trail', () => {
  const s = twoBuyerSuite();
  let tenderId: string;

  beforeAll(async () => {
    tenderId = (await s.w.officer.api.post('/api/v1/tenders', tenderBody())).body.id;
    await publishTender(s.t, s.w.officer.api, tenderId);
  });

  const verify = async (query = '') => (await s.w.auditor.api.get(`/api/v1/audit-events/verify${query}`)).body;
  const withTriggerOff = async <T>(fn: () => Promise<T>): Promise<T> => {
    await s.t.prisma.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
    try {
      return await fn();
    } finally {
      await s.t.prisma.$executeRawUnsafe('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
    }
  };

  it("lists the buyer's events with filters; other buyers' events stay hidden", async () => {
    const res = await s.w.auditor.api.get(`/api/v1/audit-events?tenderId=${tenderId}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: any) => [e.action, e.tenderSeq])).toEqual([
      ['tender.created', 1],
      ['tender.publish', 2],
    ]);
    expect(res.body.items[0]).toMatchObject({
      actorId: s.w.officer.id,
      actorRole: 'OFFICER',
      buyerId: s.w.buyerId,
      objectType: 'tender',
      objectId: tenderId,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      requestId: expect.any(String),
    });
    expect(res.body.items[1].tenderPrevHash).toBe(res.body.items[0].tenderHash);
    const prefix = await s.w.officer.api.get('/api/v1/audit-events?action=tender.&pageSize=200');
    expect(prefix.body.items.every((e: any) => e.action.startsWith('tender.') && e.buyerId === s.w.buyerId)).toBe(true);
    expect((await s.other.auditor.api.get(`/api/v1/audit-events?tenderId=${tenderId}`)).status).toBe(404);
    const theirs = await s.other.auditor.api.get('/api/v1/audit-events?pageSize=200');
    expect(theirs.body.items.some((e: any) => e.buyerId === s.w.buyerId)).toBe(false);
    expect((await s.t.api.get('/api/v1/audit-events')).status).toBe(401);
  });

  it('verify answers {valid, count, headHash} over the whole chain, and per tender', async () => {
    const res = await s.w.auditor.api.get('/api/v1/audit-events/verify');
    expect(res.status).toBe(200);
    const last = await s.t.prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
    expect(res.body).toMatchObject({ valid: true, count: Number(last!.seq), headHash: last!.hash, chain: 'global' });
    expect(res.body.firstBrokenSeq).toBeUndefined();
    const tender = await verify(`?tenderId=${tenderId}`);
    expect(tender).toMatchObject({ valid: true, count: 2, chain: tenderId });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await expect(s.t.prisma.$executeRawUnsafe(`UPDATE audit_event SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(s.t.prisma.$executeRawUnsafe('DELETE FROM audit_event WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(s.t.prisma.$executeRawUnsafe('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect((await verify()).valid).toBe(true);
  });

  it('a flipped byte in one event is found at that event', async () => {
    const target = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const original = target.payload as any;
    await withTriggerOff(async () => {
      const tampered = JSON.parse(JSON.stringify(original));
      tampered.tender.title = tampered.tender.title.replace('W', 'V');
      await s.t.prisma.auditEvent.update({ where: { seq: target.seq }, data: { payload: tampered } });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: target.seq.toString() });
      const perTender = await verify(`?tenderId=${tenderId}`);
      expect(perTender).toMatchObject({ valid: false, firstBrokenSeq: target.seq.toString() });
      await s.t.prisma.auditEvent.update({ where: { seq: target.seq }, data: { payload: original } });
    });
    expect((await verify()).valid).toBe(true);
  });

  it('a deleted event is found at the event after the gap', async () => {
    const first = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const next = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { seq: first.seq + 1n } });
    await withTriggerOff(async () => {
      await s.t.prisma.auditEvent.delete({ where: { seq: first.seq } });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: next.seq.toString() });
      await s.t.prisma.auditEvent.create({ data: { ...first, payload: first.payload as object } });
    });
    expect((await verify()).valid).toBe(true);
  });

  it('two events swapped in order are found at the first of them', async () => {
    const a = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const b = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { seq: a.seq + 1n } });
    const content = (e: typeof a) => {
      const { seq: _s, ...rest } = e;
      return { ...rest, payload: e.payload as object };
    };
    await withTriggerOff(async () => {
      // Swap everything but the sequence numbers (ids and the tender's per-chain key are unique: park one first).
      await s.t.prisma.auditEvent.update({ where: { seq: a.seq }, data: { id: '00000000-0000-4000-8000-000000000001', tenderId: null, tenderSeq: null } });
      await s.t.prisma.auditEvent.update({ where: { seq: b.seq }, data: content(a) });
      await s.t.prisma.auditEvent.update({ where: { seq: a.seq }, data: content(b) });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: a.seq.toString() });
      await s.t.prisma.auditEvent.update({ where: { seq: b.seq }, data: { id: '00000000-0000-4000-8000-000000000002', tenderId: null, tenderSeq: null } });
      await s.t.prisma.auditEvent.update({ where: { seq: a.seq }, data: content(a) });
      await s.t.prisma.auditEvent.update({ where: { seq: b.seq }, data: content(b) });
    });
    expect((await verify()).valid).toBe(true);
  });

  it('50 concurrent writes append 50 events without gaps, and the chain stays valid', async () => {
    const before = await s.t.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.w.officer.api.post('/api/v1/bidders', { name: `Concurrent ${i}`, country: 'CH' })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const added = await s.t.prisma.auditEvent.findMany({ where: { seq: { gt: before.seq } }, orderBy: { seq: 'asc' } });
    expect(added).toHaveLength(50);
    added.forEach((e, i) => expect(e.seq).toBe(before.seq + BigInt(i + 1)));
    expect(added[0].prevHash).toBe(before.hash);
    const res = await verify();
    expect(res).toMatchObject({ valid: true, headHash: added[49].hash });
  });

  it('a rolled-back change leaves no event', async () => {
    const reference = `ROLLBACK-${Date.now()}`;
    expect((await s.w.officer.api.post('/api/v1/tenders', tenderBody({ reference }))).status).toBe(201);
    const before = await s.t.prisma.auditEvent.count();
    const dup = await s.w.officer.api.post('/api/v1/tenders', tenderBody({ reference }));
    expect(dup.status).toBe(409);
    expect(await s.t.prisma.auditEvent.count()).toBe(before);
    expect((await verify()).valid).toBe(true);
  });
});
