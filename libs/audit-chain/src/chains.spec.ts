import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import {
  AuditEventContent,
  CHECKPOINT_FORMAT_V2,
  ChainHeadEntry,
  GENESIS_HASH,
  LEGACY_CHAIN,
  StoredAuditEvent,
  TrailVerifier,
  chainKeyOf,
  checkCheckpoint,
  checkpointSigningText,
  compareWithTrailCheckpoint,
  eventHash,
  headsDigest,
  sealAuditEvent,
  sealChainEvent,
  signTrailCheckpoint,
  verifyTenderChain,
  verifyTrail,
} from './index';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const T3 = '33333333-3333-4333-8333-333333333333';
const B1 = 'bbbbbbbb-0000-4000-8000-000000000001';

const content = (i: number, seq: bigint, tenderId: string | null, buyerId: string | null, tenderSeq: number | null): AuditEventContent => ({
  seq: String(seq),
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  occurredAt: new Date(Date.UTC(2025, 0, 1, 8, 0, i, 123)).toISOString(),
  actorId: 'aaaaaaaa-0000-4000-8000-000000000001',
  actorRole: 'OFFICER',
  buyerId,
  tenderId,
  tenderSeq,
  action: `action.${i}`,
  objectType: 'Tender',
  objectId: tenderId,
  requestId: `req-${i}`,
  payload: { amounts: ['100.00', String(i)], i },
});

/**
 * A trail as the migration leaves it and the service extends it: 6 legacy
 * events (seq 1…6, global chain; T1 and T2 tender links), then 12 per-chain
 * events with seq gaps (rolled-back nextvals) over tender:T1 (continuing),
 * tender:T3 (new), buyer:B1 and system. Answers the rows and the head rows.
 */
function buildTrail(): { rows: StoredAuditEvent[]; heads: ChainHeadEntry[] } {
  const rows: StoredAuditEvent[] = [];
  const heads = new Map<string, { seq: number | bigint; hash: string }>();
  let globalHead = GENESIS_HASH;
  for (let i = 0; i < 6; i++) {
    const tenderId = i % 3 === 0 ? null : i % 3 === 1 ? T1 : T2;
    const last = tenderId === null ? undefined : heads.get(chainKeyOf({ tenderId, buyerId: null }));
    const row = sealAuditEvent(
      content(i, BigInt(i + 1), tenderId, B1, tenderId === null ? null : Number(last?.seq ?? 0) + 1),
      globalHead,
      tenderId === null ? null : (last?.hash ?? GENESIS_HASH),
    );
    globalHead = row.hash;
    if (tenderId !== null) heads.set(chainKeyOf(row), { seq: row.tenderSeq!, hash: row.tenderHash! });
    rows.push(row);
  }
  heads.set(LEGACY_CHAIN, { seq: 6n, hash: globalHead });
  const plan: [string | null, string | null][] = [
    [T1, B1],
    [null, B1],
    [null, null],
    [T3, B1],
    [T1, B1],
    [null, B1],
    [T3, B1],
    [null, null],
    [T1, B1],
    [null, B1],
    [T3, B1],
    [T1, B1],
  ];
  let seq = 6n;
  plan.forEach(([tenderId, buyerId], j) => {
    seq += j % 4 === 1 ? 3n : 1n; // gaps, as rolled-back appends leave them
    const key = chainKeyOf({ tenderId, buyerId });
    const head = heads.get(key);
    const chainSeq = Number(head?.seq ?? 0) + 1;
    const row = sealChainEvent(content(10 + j, seq, tenderId, buyerId, tenderId === null ? null : chainSeq), chainSeq, head?.hash ?? GENESIS_HASH);
    heads.set(key, { seq: chainSeq, hash: row.hash });
    rows.push(row);
  });
  return { rows, heads: [...heads].map(([chain, h]) => ({ chain, seq: String(h.seq), hash: h.hash })) };
}

const copy = <T>(v: T): T => structuredClone(v);
const flip = (s: string): string => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');

describe('chainKeyOf and sealChainEvent', () => {
  it('puts an event on its tender, else its buyer, else the system chain', () => {
    expect(chainKeyOf({ tenderId: T1, buyerId: B1 })).toBe(`tender:${T1}`);
    expect(chainKeyOf({ tenderId: null, buyerId: B1 })).toBe(`buyer:${B1}`);
    expect(chainKeyOf({ tenderId: null, buyerId: null })).toBe('system');
  });

  it('seals a tender event exactly as the tender chain always did: tender columns = chain columns', () => {
    const c = content(1, 77n, T1, B1, 4);
    const prev = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const sealed = sealChainEvent(c, 4, prev);
    // The same tenderHash as the legacy sealing gives for the same tender predecessor.
    expect(sealed.tenderHash).toBe(sealAuditEvent(c, GENESIS_HASH, prev).tenderHash);
    expect(sealed).toMatchObject({ chainKey: `tender:${T1}`, chainSeq: 4, prevHash: prev, tenderPrevHash: prev, hash: sealed.tenderHash });
    expect(sealed.hash).toBe(
      createHash('sha256')
        .update(`${prev}\n${JSON.stringify(Object.fromEntries(Object.entries(c).sort()))}`)
        .digest('hex'),
    );
  });

  it('seals an event without tender with null tender columns, and refuses a tenderSeq that is not the chain seq', () => {
    expect(sealChainEvent(content(1, 5n, null, B1, null), 1, GENESIS_HASH)).toMatchObject({
      chainKey: `buyer:${B1}`,
      chainSeq: 1,
      tenderPrevHash: null,
      tenderHash: null,
    });
    expect(() => sealChainEvent(content(1, 5n, T1, B1, 2), 3, GENESIS_HASH)).toThrow('tenderSeq must be the chain seq');
    expect(() => sealChainEvent(content(1, 5n, null, B1, null), 0, GENESIS_HASH)).toThrow('chainSeq must be a positive integer');
  });
});

describe('headsDigest', () => {
  const a = { chain: 'system', seq: '2', hash: 'a'.repeat(64) };
  const b = { chain: `buyer:${B1}`, seq: '1', hash: 'b'.repeat(64) };
  it('hashes the heads sorted by chain, whatever their order', () => {
    const text = `[["buyer:${B1}","1","${'b'.repeat(64)}"],["system","2","${'a'.repeat(64)}"]]`;
    expect(headsDigest([a, b])).toBe(createHash('sha256').update(text).digest('hex'));
    expect(headsDigest([b, a])).toBe(headsDigest([a, b]));
    expect(headsDigest([])).toBe(createHash('sha256').update('[]').digest('hex'));
  });
  it('refuses two heads of one chain', () => {
    expect(() => headsDigest([a, { ...a, seq: '3' }])).toThrow('two heads');
  });
});

describe('verifyTrail', () => {
  const { rows, heads } = buildTrail();

  it('accepts the legacy chain followed by per-chain events, every chain matching its head row', () => {
    const r = verifyTrail(rows, { heads });
    expect(r).toMatchObject({ valid: true, count: 18, headSeq: rows[17].seq, headHash: headsDigest(heads) });
    expect(r.firstBrokenSeq).toBeUndefined();
    expect(r.chains.map((c) => [c.chain, c.count, c.headSeq, c.valid])).toEqual([
      [`buyer:${B1}`, 3, '3', true],
      [LEGACY_CHAIN, 6, '6', true],
      ['system', 2, '2', true],
      [`tender:${T1}`, 2 + 4, '6', true],
      [`tender:${T2}`, 2, '2', true],
      [`tender:${T3}`, 3, '3', true],
    ]);
    // A tender chain reads as before across old and new events: tenderSeq 1…n, verifyTenderChain accepts it.
    const t1 = rows.filter((e) => e.tenderId === T1);
    expect(t1.map((e) => e.tenderSeq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      verifyTenderChain(
        t1,
        heads.find((h) => h.chain === `tender:${T1}`),
      ).valid,
    ).toBe(true);
  });

  it('streams: pushing rows one by one gives the same result', () => {
    const v = new TrailVerifier();
    rows.forEach((e) => v.push(e));
    v.compareHeads(heads);
    expect(v.result()).toEqual(verifyTrail(rows, { heads }));
  });

  const tamper: Record<keyof StoredAuditEvent, (r: StoredAuditEvent) => void> = {
    seq: (r) => (r.seq = String(BigInt(r.seq) - 1n)),
    id: (r) => (r.id = flip(r.id)),
    occurredAt: (r) => (r.occurredAt = r.occurredAt.replace('.123Z', '.124Z')),
    actorId: (r) => (r.actorId = null),
    actorRole: (r) => (r.actorRole = 'ADMIN'),
    buyerId: (r) => (r.buyerId = r.buyerId === null ? B1 : null),
    tenderId: (r) => (r.tenderId = r.tenderId === T1 ? T2 : T1),
    tenderSeq: (r) => (r.tenderSeq = r.tenderSeq === null ? 1 : r.tenderSeq + 1),
    action: (r) => (r.action = flip(r.action)),
    objectType: (r) => (r.objectType = 'Bid'),
    objectId: (r) => (r.objectId = r.objectId === null ? T2 : null),
    requestId: (r) => (r.requestId = flip(r.requestId!)),
    payload: (r) => ((r.payload as { amounts: string[] }).amounts[0] = '100.01'),
    prevHash: (r) => (r.prevHash = flip(r.prevHash)),
    hash: (r) => (r.hash = flip(r.hash)),
    tenderPrevHash: (r) => (r.tenderPrevHash = r.tenderPrevHash === null ? GENESIS_HASH : flip(r.tenderPrevHash)),
    tenderHash: (r) => (r.tenderHash = r.tenderHash === null ? GENESIS_HASH : flip(r.tenderHash)),
    chainKey: (r) => (r.chainKey = r.chainKey === 'system' ? `buyer:${B1}` : 'system'),
    chainSeq: (r) => (r.chainSeq = r.chainSeq! + 1),
  };

  it.each(Object.keys(tamper) as (keyof StoredAuditEvent)[])('detects a change of %s at the changed row, in its chain only', (field) => {
    for (let i = 0; i < rows.length; i++) {
      const tampered = copy(rows);
      tamper[field](tampered[i]);
      if (field === 'seq' && tampered[i].seq === tampered[i - 1]?.seq) continue; // the same seq as its predecessor: an order error, checked below
      const r = verifyTrail(tampered, { heads });
      expect({ field, i, valid: r.valid, at: r.firstBrokenSeq }).toEqual({ field, i, valid: false, at: tampered[i].seq });
    }
  });

  it('keeps verifying the other chains after one breaks', () => {
    const tampered = copy(rows);
    const victim = tampered.findIndex((e) => e.chainKey === 'system');
    (tampered[victim].payload as { amounts: string[] }).amounts[1] = 'x';
    const r = verifyTrail(tampered, { heads });
    expect(r.chains.filter((c) => !c.valid).map((c) => [c.chain, c.firstBrokenSeq])).toEqual([['system', tampered[victim].seq]]);
    expect(r.reason).toBe('hash mismatch (content or hash altered)');
  });

  it('a deleted event breaks its chain at its successor; other chains stay valid', () => {
    const i = rows.findIndex((e) => e.chainKey === `tender:${T3}`);
    const next = rows.slice(i + 1).find((e) => e.chainKey === `tender:${T3}`)!;
    const r = verifyTrail([...rows.slice(0, i), ...rows.slice(i + 1)], { heads });
    expect(r).toMatchObject({ valid: false, firstBrokenSeq: next.seq });
    expect(r.reason).toBe(`chainSeq in tender:${T3}: expected 1, got 2 (a row is missing or moved)`);
    expect(r.chains.filter((c) => !c.valid).map((c) => c.chain)).toEqual([`tender:${T3}`]);
  });

  it("a chain's newest events cut off are caught by its head row (and only by it)", () => {
    const last = rows.length - 1; // tender:T1's newest
    expect(verifyTrail(rows.slice(0, last)).valid).toBe(true);
    const r = verifyTrail(rows.slice(0, last), { heads });
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(new RegExp(`^chain tender:${T1} ends at 5 .* but its head row is at 6`));
    // A head row without events, events without a head row.
    expect(verifyTrail(rows, { heads: [...heads, { chain: 'buyer:x', seq: '1', hash: GENESIS_HASH }] }).reason).toBe(
      'chain buyer:x has a head (seq 1) but no events',
    );
    expect(verifyTrail(rows, { heads: heads.filter((h) => h.chain !== 'system') }).reason).toBe('chain system has events but no head row');
  });

  it('refuses a legacy event after the per-chain events, and rows out of global order', () => {
    const legacyLate = [...rows.slice(0, 5), ...rows.slice(6), rows[5]];
    expect(verifyTrail(legacyLate).reason).toMatch(/seq out of order|legacy/);
    const swapped = copy(rows);
    [swapped[8], swapped[9]] = [swapped[9], swapped[8]];
    expect(verifyTrail(swapped).valid).toBe(false);
  });

  it('a legacy chain keeps its old rules: a gap in seq 1…n is caught', () => {
    const r = verifyTrail([...rows.slice(0, 2), ...rows.slice(3)]);
    expect(r).toMatchObject({ valid: false, firstBrokenSeq: '4', reason: 'seq gap: expected 3, got 4 (rows missing)' });
  });

  it('with a watermark, answers the trail as it stood at that seq', () => {
    const w = rows[11].seq;
    const r = verifyTrail(rows, { heads, watermark: w });
    const before = verifyTrail(rows.slice(0, 12));
    expect(r.atWatermark).toEqual({ headSeq: w, count: 12, chains: before.chains.length, headHash: before.headHash });
    expect(r.headHash).not.toBe(before.headHash);
  });

  it('an empty trail is valid with the digest of no heads', () => {
    expect(verifyTrail([], { heads: [] })).toEqual({ valid: true, count: 0, headHash: headsDigest([]), headSeq: '0', chains: [] });
  });
});

describe('v2 checkpoints', () => {
  const PRIVATE = createPrivateKey({
    key: Buffer.from('MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g', 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const PUBLIC = createPublicKey(PRIVATE);
  const HEAD = { count: 18, headSeq: '27', headHash: 'ab'.repeat(32), chains: 6, at: '2025-03-14T09:30:00.000Z' };

  it('signs the seven members, chains included, and verifies', () => {
    const cp = signTrailCheckpoint(HEAD, PRIVATE);
    expect(cp.format).toBe(CHECKPOINT_FORMAT_V2);
    expect(checkpointSigningText(cp)).toBe(
      `{"at":"${HEAD.at}","chains":6,"count":18,"format":"${CHECKPOINT_FORMAT_V2}","headHash":"${HEAD.headHash}","headSeq":"27","keyId":"${cp.keyId}"}`,
    );
    expect(checkCheckpoint(cp, PUBLIC)).toEqual([]);
    expect(checkCheckpoint({ ...cp, chains: 5 }, PUBLIC)).toEqual([{ field: 'signature', message: 'does not match the checkpoint: it was altered or forged' }]);
    expect(checkCheckpoint({ ...cp, chains: undefined }, PUBLIC).map((p) => p.field)).toEqual(['chains']);
    expect(checkCheckpoint({ ...cp, format: 'tender-evaluation/audit-checkpoint/1' }, PUBLIC).map((p) => p.field)).toEqual(['chains']);
  });

  it('holds while the trail up to its seq is unchanged; deletions and rewrites break it', () => {
    expect(compareWithTrailCheckpoint(HEAD, { count: 18, chains: 6, headHash: HEAD.headHash })).toEqual({ holds: true });
    expect(compareWithTrailCheckpoint(HEAD, { count: 17, chains: 6, headHash: HEAD.headHash })).toMatchObject({
      holds: false,
      firstBrokenSeq: '27',
      reason: expect.stringMatching(/events were deleted$/),
    });
    expect(compareWithTrailCheckpoint(HEAD, { count: 18, chains: 6, headHash: 'cd'.repeat(32) })).toMatchObject({
      holds: false,
      reason: expect.stringMatching(/rewritten$/),
    });
  });

  it("the digest a checkpoint signs is the trail's at the watermark, recomputable later", () => {
    const { rows, heads } = buildTrail();
    const w = rows[9].seq;
    const then = verifyTrail(rows.slice(0, 10), {}).headHash;
    expect(verifyTrail(rows, { heads, watermark: w }).atWatermark!.headHash).toBe(then);
    expect(eventHash(GENESIS_HASH, rows[0])).toBe(rows[0].hash);
  });
});
