import { headsDigest } from '../libs/audit-chain/src';
import { publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * The audit trail: every write appends a hash-chained event in its own
 * transaction, on one chain (its tender's, else its buyer's, else the
 * system's); verify recomputes every chain and names the first broken row.
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
    // On the tender's chain: the chain columns are the tender columns.
    expect(res.body.items.map((e: any) => [e.chainKey, e.chainSeq, e.prevHash, e.hash])).toEqual(
      res.body.items.map((e: any) => [`tender:${tenderId}`, e.tenderSeq, e.tenderPrevHash, e.tenderHash]),
    );
    const prefix = await s.w.officer.api.get('/api/v1/audit-events?action=tender.&pageSize=200');
    expect(prefix.body.items.every((e: any) => e.action.startsWith('tender.') && e.buyerId === s.w.buyerId)).toBe(true);
    expect((await s.other.auditor.api.get(`/api/v1/audit-events?tenderId=${tenderId}`)).status).toBe(404);
    const theirs = await s.other.auditor.api.get('/api/v1/audit-events?pageSize=200');
    expect(theirs.body.items.some((e: any) => e.buyerId === s.w.buyerId)).toBe(false);
    expect((await s.t.api.get('/api/v1/audit-events')).status).toBe(401);
  });

  it('verify answers {valid, count, headHash} over the whole trail (every chain), and per tender', async () => {
    const res = await s.w.auditor.api.get('/api/v1/audit-events/verify');
    expect(res.status).toBe(200);
    const heads = await s.t.prisma.auditChain.findMany();
    const last = await s.t.prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
    expect(res.body).toMatchObject({
      valid: true,
      count: await s.t.prisma.auditEvent.count(),
      // The digest a v2 checkpoint signs, over the head rows as stored.
      headHash: headsDigest(heads.map((h) => ({ chain: h.chainKey, seq: h.seq.toString(), hash: h.hash }))),
      headSeq: last!.seq.toString(),
      chain: 'global',
      chains: { total: heads.length, valid: heads.length, broken: [] },
    });
    expect(heads.map((h) => h.chainKey)).toEqual(expect.arrayContaining([`tender:${tenderId}`, `buyer:${s.w.buyerId}`]));
    expect(res.body.firstBrokenSeq).toBeUndefined();
    const tender = await verify(`?tenderId=${tenderId}`);
    expect(tender).toMatchObject({ valid: true, count: 2, chain: tenderId });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await expect(s.t.prisma.$executeRawUnsafe(`UPDATE audit_event SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(s.t.prisma.$executeRawUnsafe('DELETE FROM audit_event WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(s.t.prisma.$executeRawUnsafe('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    // The chain heads only move forward: no rewinding, no removal.
    const key = `tender:${tenderId}`;
    await expect(s.t.prisma.$executeRawUnsafe(`UPDATE audit_chain SET seq = seq - 1 WHERE chain_key = '${key}'`)).rejects.toThrow(
      /audit_chain heads only move forward: UPDATE of chain tender:.* from seq 2 to 1 refused/,
    );
    await expect(s.t.prisma.$executeRawUnsafe(`DELETE FROM audit_chain WHERE chain_key = '${key}'`)).rejects.toThrow(/only move forward: DELETE refused/);
    await expect(s.t.prisma.$executeRawUnsafe('TRUNCATE audit_chain')).rejects.toThrow(/only move forward: TRUNCATE refused/);
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
      // Only that tender's chain is broken; the others still verify.
      expect(res.chains.broken).toEqual([
        { chain: 'tender:(id withheld)', firstBrokenSeq: target.seq.toString(), reason: 'hash mismatch (content or hash altered)' },
      ]);
      expect(res.chains.valid).toBe(res.chains.total - 1);
      const perTender = await verify(`?tenderId=${tenderId}`);
      expect(perTender).toMatchObject({ valid: false, firstBrokenSeq: target.seq.toString() });
      await s.t.prisma.auditEvent.update({ where: { seq: target.seq }, data: { payload: original } });
    });
    expect((await verify()).valid).toBe(true);
  });

  it("a deleted event is found at its chain's next event", async () => {
    const first = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const next = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 2 } });
    await withTriggerOff(async () => {
      await s.t.prisma.auditEvent.delete({ where: { seq: first.seq } });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: next.seq.toString() });
      expect((await verify(`?tenderId=${tenderId}`)).valid).toBe(false);
      await s.t.prisma.auditEvent.create({ data: { ...first, payload: first.payload as object } });
    });
    expect((await verify()).valid).toBe(true);
  });

  it("the deletion of a chain's newest event is caught by the chain's head row", async () => {
    const newest = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId }, orderBy: { tenderSeq: 'desc' } });
    await withTriggerOff(async () => {
      await s.t.prisma.auditEvent.delete({ where: { seq: newest.seq } });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, chains: { broken: [{ chain: 'tender:(id withheld)' }] } });
      expect(res.reason).toMatch(/^chain tender:\(id withheld\) ends at 1 .* but its head row is at 2 .*: its newest events were deleted or rewritten$/);
      expect(await verify(`?tenderId=${tenderId}`)).toMatchObject({ valid: false, reason: expect.stringContaining('its head row is at 2') });
      await s.t.prisma.auditEvent.create({ data: { ...newest, payload: newest.payload as object } });
    });
    expect((await verify()).valid).toBe(true);
  });

  it('two events swapped in order are found at the first of them', async () => {
    const a = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 1 } });
    const b = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, tenderSeq: 2 } });
    const content = (e: typeof a) => {
      const { seq: _s, ...rest } = e;
      return { ...rest, payload: e.payload as object };
    };
    const parked = { tenderId: null, tenderSeq: null, chainKey: null, chainSeq: null };
    await withTriggerOff(async () => {
      // Swap everything but the sequence numbers (ids and the per-chain keys are unique: park one first).
      await s.t.prisma.auditEvent.update({ where: { seq: a.seq }, data: { id: '00000000-0000-4000-8000-000000000001', ...parked } });
      await s.t.prisma.auditEvent.update({ where: { seq: b.seq }, data: content(a) });
      await s.t.prisma.auditEvent.update({ where: { seq: a.seq }, data: content(b) });
      const res = await verify();
      expect(res).toMatchObject({ valid: false, firstBrokenSeq: a.seq.toString() });
      await s.t.prisma.auditEvent.update({ where: { seq: b.seq }, data: { id: '00000000-0000-4000-8000-000000000002', ...parked } });
      await s.t.prisma.auditEvent.update({ where: { seq: a.seq }, data: content(a) });
      await s.t.prisma.auditEvent.update({ where: { seq: b.seq }, data: content(b) });
    });
    expect((await verify()).valid).toBe(true);
  });

  it("50 concurrent writes append 50 events to the buyer's chain without gaps, and every chain stays valid", async () => {
    const chainKey = `buyer:${s.w.buyerId}`;
    const before = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { chainKey }, orderBy: { chainSeq: 'desc' } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.w.officer.api.post('/api/v1/bidders', { name: `Concurrent ${i}`, country: 'CH' })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const added = await s.t.prisma.auditEvent.findMany({ where: { chainKey, chainSeq: { gt: before.chainSeq! } }, orderBy: { chainSeq: 'asc' } });
    expect(added).toHaveLength(50);
    added.forEach((e, i) => {
      expect(e.chainSeq).toBe(before.chainSeq! + i + 1);
      expect(e.prevHash).toBe(i === 0 ? before.hash : added[i - 1].hash);
      // The global order agrees with the chain's.
      expect(e.seq).toBeGreaterThan(i === 0 ? before.seq : added[i - 1].seq);
    });
    expect(await s.t.prisma.auditChain.findUniqueOrThrow({ where: { chainKey } })).toMatchObject({ seq: BigInt(added[49].chainSeq!), hash: added[49].hash });
    expect(await verify()).toMatchObject({ valid: true, chains: { broken: [] } });
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
