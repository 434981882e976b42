import { createHash } from 'node:crypto';
import { AuditEventContent, ChainVerifier, GENESIS_HASH, StoredAuditEvent, canonicalJson, eventHash, sealAuditEvent, verifyChain } from './index';

describe('golden vector', () => {
  const prevHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const event: AuditEventContent = {
    seq: '42',
    id: '3f1c2a9e-8b4d-4e2a-9c7f-1a2b3c4d5e6f',
    occurredAt: '2025-03-14T09:26:53.589Z',
    actorId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    actorRole: 'OFFICER',
    buyerId: 'b0b0b0b0-0000-4000-8000-000000000001',
    tenderId: 'c0c0c0c0-0000-4000-8000-000000000002',
    tenderSeq: 3,
    action: 'evaluation.approved',
    objectType: 'Evaluation',
    objectId: 'e0e0e0e0-0000-4000-8000-000000000003',
    requestId: null,
    payload: {
      weights: { quality: '60.00', price: '40.00' },
      note: 'Zürich — "Los 2"\n✓ \u{1F600}',
      ranks: [2, 1, -3],
      approved: true,
      comment: null,
    },
  };
  // Written by hand (not produced by canonicalJson): keys sorted, no spaces,
  // `"` and newline escaped, non-ASCII raw.
  const CANONICAL = String.raw`{"action":"evaluation.approved","actorId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","actorRole":"OFFICER","buyerId":"b0b0b0b0-0000-4000-8000-000000000001","id":"3f1c2a9e-8b4d-4e2a-9c7f-1a2b3c4d5e6f","objectId":"e0e0e0e0-0000-4000-8000-000000000003","objectType":"Evaluation","occurredAt":"2025-03-14T09:26:53.589Z","payload":{"approved":true,"comment":null,"note":"Zürich — \"Los 2\"\n✓ 😀","ranks":[2,1,-3],"weights":{"price":"40.00","quality":"60.00"}},"requestId":null,"seq":"42","tenderId":"c0c0c0c0-0000-4000-8000-000000000002","tenderSeq":3}`;
  // Also reproduced with Python's hashlib over the same literal (README recipe).
  const HASH = '9af8e936d60de415dd8b24b0d36f705ed400dcc2480fe5d276510b93f2baa267';
  const HASH_FROM_GENESIS = 'dc92e5d4df3feb112513a78813ee215f81d20237a298128513b051ed3199feaf';

  it('pins the canonical text', () => {
    expect(canonicalJson(event)).toBe(CANONICAL);
  });

  it('pins the hash, computed independently over the literal', () => {
    const independent = createHash('sha256').update(`${prevHash}\n${CANONICAL}`, 'utf8').digest('hex');
    expect(independent).toBe(HASH);
    expect(eventHash(prevHash, event)).toBe(HASH);
    expect(eventHash(GENESIS_HASH, event)).toBe(HASH_FROM_GENESIS);
  });

  it('ignores extra members such as the stored hashes', () => {
    const stored = sealAuditEvent(event, prevHash, GENESIS_HASH);
    expect(stored.hash).toBe(HASH);
    expect(stored.tenderHash).toBe(HASH_FROM_GENESIS);
    expect(eventHash(prevHash, { ...stored, extra: 1 } as AuditEventContent)).toBe(HASH);
  });
});

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';

/**
 * n events from seq `start`: every third has no tender, the others alternate
 * between T1 and T2, so both chains interleave with the global one.
 */
function buildChain(n: number, start = 1n): StoredAuditEvent[] {
  const tenders = new Map<string, { seq: number; hash: string }>();
  const rows: StoredAuditEvent[] = [];
  let head = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const tenderId = i % 3 === 0 ? null : i % 3 === 1 ? T1 : T2;
    const last = tenderId === null ? undefined : tenders.get(tenderId);
    const content: AuditEventContent = {
      seq: String(start + BigInt(i)),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2025, 0, 1, 8, 0, i, 123)).toISOString(),
      actorId: i === 0 ? null : 'aaaaaaaa-0000-4000-8000-000000000001',
      actorRole: i === 0 ? null : 'OFFICER',
      buyerId: 'bbbbbbbb-0000-4000-8000-000000000001',
      tenderId,
      tenderSeq: tenderId === null ? null : (last?.seq ?? 0) + 1,
      action: `action.${i}`,
      objectType: 'Tender',
      objectId: tenderId,
      requestId: `req-${i}`,
      payload: { i, label: `event ${i}`, amounts: ['100.00', String(i)] },
    };
    const row = sealAuditEvent(content, head, tenderId === null ? null : (last?.hash ?? GENESIS_HASH));
    if (tenderId !== null) tenders.set(tenderId, { seq: row.tenderSeq!, hash: row.tenderHash! });
    head = row.hash;
    rows.push(row);
  }
  return rows;
}

/** Deep copy, so tampering one test's rows cannot leak into another. */
const copy = (rows: StoredAuditEvent[]): StoredAuditEvent[] => structuredClone(rows);

/** Changes one character of a string (a byte for ASCII). */
const flip = (s: string): string => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');

describe('verifyChain', () => {
  const chain = buildChain(10);

  it('accepts a valid chain with count and headHash', () => {
    expect(chain.filter((r) => r.tenderId === T1).map((r) => r.tenderSeq)).toEqual([1, 2, 3]);
    expect(verifyChain(chain)).toEqual({ valid: true, count: 10, headHash: chain[9].hash });
    expect(verifyChain(chain, { firstSeq: '1' }).valid).toBe(true);
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ valid: true, count: 0, headHash: GENESIS_HASH });
  });

  it('gives the same result when rows are pushed page by page', () => {
    const v = new ChainVerifier();
    for (let i = 0; i < chain.length; i += 3) for (const r of chain.slice(i, i + 3)) v.push(r);
    expect(v.result()).toEqual(verifyChain(chain));
    const rows = copy(chain);
    (rows[7].payload as { label: string }).label = 'x';
    const w = new ChainVerifier();
    for (const r of rows) w.push(r);
    expect(w.result()).toEqual(verifyChain(rows));
  });

  it('names the row whose payload had one byte flipped', () => {
    const rows = copy(chain);
    const p = rows[4].payload as { label: string };
    p.label = flip(p.label);
    expect(verifyChain(rows)).toEqual({
      valid: false,
      count: 10,
      headHash: chain[9].hash,
      firstBrokenSeq: '5',
      reason: 'hash mismatch (content or hash altered)',
    });
  });

  // Every stored column, tampered at every row, is caught at that row (the chain columns of new events: chains.spec.ts).
  const tamper: Record<Exclude<keyof StoredAuditEvent, 'chainKey' | 'chainSeq'>, (r: StoredAuditEvent) => void> = {
    seq: (r) => (r.seq = String(BigInt(r.seq) + 1n)),
    id: (r) => (r.id = flip(r.id)),
    occurredAt: (r) => (r.occurredAt = r.occurredAt.replace('.123Z', '.124Z')),
    actorId: (r) => (r.actorId = r.actorId === null ? 'someone' : flip(r.actorId)),
    actorRole: (r) => (r.actorRole = r.actorRole === null ? 'ADMIN' : null),
    buyerId: (r) => (r.buyerId = null),
    tenderId: (r) => (r.tenderId = r.tenderId === null ? T1 : r.tenderId === T1 ? T2 : T1),
    tenderSeq: (r) => (r.tenderSeq = r.tenderSeq === null ? 1 : r.tenderSeq + 1),
    action: (r) => (r.action = flip(r.action)),
    objectType: (r) => (r.objectType = 'tender'),
    objectId: (r) => (r.objectId = r.objectId === null ? T2 : null),
    requestId: (r) => (r.requestId = flip(r.requestId!)),
    payload: (r) => ((r.payload as { amounts: string[] }).amounts[0] = '100.01'),
    prevHash: (r) => (r.prevHash = flip(r.prevHash)),
    hash: (r) => (r.hash = flip(r.hash)),
    tenderPrevHash: (r) => (r.tenderPrevHash = r.tenderPrevHash === null ? GENESIS_HASH : flip(r.tenderPrevHash)),
    tenderHash: (r) => (r.tenderHash = r.tenderHash === null ? GENESIS_HASH : flip(r.tenderHash)),
  };

  it.each(Object.keys(tamper) as (keyof typeof tamper)[])('detects a change of %s at the changed row', (field) => {
    for (let i = 0; i < chain.length; i++) {
      const rows = copy(chain);
      tamper[field](rows[i]);
      const r = verifyChain(rows);
      expect(r.valid).toBe(false);
      expect(r.count).toBe(10);
      // A changed seq is reported as stored, i.e. the changed value.
      expect(r.firstBrokenSeq).toBe(rows[i].seq);
    }
  });

  it('names the row after a deleted row', () => {
    for (let i = 0; i < 9; i++) {
      const rows = copy(chain);
      rows.splice(i, 1);
      const r = verifyChain(rows);
      expect(r).toMatchObject({ valid: false, count: 9, firstBrokenSeq: chain[i + 1].seq });
    }
    // First row: its successor is checked against GENESIS_HASH.
    expect(verifyChain(chain.slice(1)).reason).toBe("prevHash does not match the previous row's hash");
    expect(verifyChain(chain.slice(2)).reason).toBe("prevHash does not match the previous row's hash");
    // A gap in the middle is reported as such.
    expect(verifyChain([...chain.slice(0, 3), ...chain.slice(4)]).reason).toBe('seq gap: expected 4, got 5 (rows missing)');
  });

  it('cannot see the deletion of the newest rows: only a kept headHash can', () => {
    const r = verifyChain(chain.slice(0, 9));
    expect(r.valid).toBe(true);
    expect(r.headHash).not.toBe(chain[9].hash);
  });

  it('names the first out-of-place row when two rows are swapped in the stream', () => {
    const rows = copy(chain);
    [rows[3], rows[4]] = [rows[4], rows[3]];
    expect(verifyChain(rows)).toMatchObject({
      valid: false,
      firstBrokenSeq: '5',
      reason: 'seq gap: expected 4, got 5 (rows missing)',
    });
    const back = copy(chain);
    [back[6], back[3]] = [back[3], back[6]];
    expect(verifyChain(back)).toMatchObject({ firstBrokenSeq: '7' });
    // A duplicated or earlier seq reads as out of order.
    expect(verifyChain([...chain.slice(0, 5), chain[3]]).reason).toBe('seq out of order: expected 6, got 4');
  });

  it('names the lower seq when two rows swap their seq numbers (rows still sorted)', () => {
    const rows = copy(chain);
    [rows[3].seq, rows[4].seq] = [rows[4].seq, rows[3].seq];
    [rows[3], rows[4]] = [rows[4], rows[3]];
    expect(verifyChain(rows)).toMatchObject({ valid: false, firstBrokenSeq: '4' });
    // Even with prevHash repaired, the seq is inside the hashed content.
    rows[3].prevHash = chain[2].hash;
    expect(verifyChain(rows)).toMatchObject({ firstBrokenSeq: '4', reason: 'hash mismatch (content or hash altered)' });
  });

  it('detects a broken per-tender chain even when the global chain is intact', () => {
    // Writer bug / forgery: the 2nd event of T1 restarts the tender chain.
    const restart = buildChain(10).slice(0, 3);
    const bad = sealAuditEvent({ ...restart[1], seq: '4', id: 'x', tenderSeq: 1 }, restart[2].hash, GENESIS_HASH);
    expect(verifyChain([...restart, bad])).toMatchObject({
      valid: false,
      firstBrokenSeq: '4',
      reason: `tenderSeq for tender ${T1}: expected 2, got 1`,
    });
    // Right tenderSeq, wrong predecessor.
    const wrongPrev = sealAuditEvent({ ...restart[1], seq: '4', id: 'x', tenderSeq: 2 }, restart[2].hash, GENESIS_HASH);
    expect(verifyChain([...restart, wrongPrev])).toMatchObject({
      firstBrokenSeq: '4',
      reason: `tenderPrevHash does not match the previous hash of tender ${T1}`,
    });
    // Skipped tenderSeq.
    const skip = sealAuditEvent({ ...restart[1], seq: '4', id: 'x', tenderSeq: 3 }, restart[2].hash, restart[1].tenderHash);
    expect(verifyChain([...restart, skip]).firstBrokenSeq).toBe('4');
    // tenderHash is not covered by the global hash: checked on its own.
    const rows = copy(chain);
    rows[5].tenderHash = flip(rows[5].tenderHash!);
    expect(verifyChain(rows)).toMatchObject({ firstBrokenSeq: '6', reason: 'tenderHash mismatch' });
    // Tender hashes on an event without tender.
    const stray = copy(chain);
    stray[3].tenderHash = GENESIS_HASH;
    expect(verifyChain(stray)).toMatchObject({
      firstBrokenSeq: '4',
      reason: 'tender hashes set on an event without tender',
    });
  });

  it('reports only the first break and keeps counting', () => {
    const rows = copy(chain);
    rows[2].action = 'x';
    rows[6].action = 'y';
    expect(verifyChain(rows)).toMatchObject({ valid: false, count: 10, firstBrokenSeq: '3', headHash: chain[9].hash });
  });

  it('honours firstSeq and handles seqs beyond 2^53', () => {
    expect(verifyChain(buildChain(3, 2n), { firstSeq: '1' })).toMatchObject({ firstBrokenSeq: '2' });
    const big = buildChain(4, 9007199254740990n);
    expect(big.map((r) => r.seq)).toEqual(['9007199254740990', '9007199254740991', '9007199254740992', '9007199254740993']);
    expect(verifyChain(big)).toMatchObject({ valid: true, count: 4 });
    expect(verifyChain([big[0], big[1], big[3]]).firstBrokenSeq).toBe('9007199254740993');
    expect(() => new ChainVerifier({ firstSeq: '01' })).toThrow(TypeError);
  });

  it('reports malformed rows instead of throwing', () => {
    const rows = copy(chain);
    rows[1].occurredAt = '2025-01-01T08:00:01Z';
    expect(verifyChain(rows)).toMatchObject({ firstBrokenSeq: '2', reason: expect.stringMatching(/occurredAt/) });
    const floaty = copy(chain);
    floaty[2].payload = { price: 1.5 };
    expect(verifyChain(floaty)).toMatchObject({
      firstBrokenSeq: '3',
      reason: expect.stringMatching(/\$\.payload\.price/),
    });
    const badSeq = copy(chain);
    badSeq[0].seq = '01';
    expect(verifyChain(badSeq)).toMatchObject({ firstBrokenSeq: '01', reason: 'malformed seq 01' });
  });
});

describe('eventHash / sealAuditEvent input checks', () => {
  const base = buildChain(2)[1];
  const bad: [string, Partial<StoredAuditEvent> | Record<string, unknown>][] = [
    ['seq not a decimal string', { seq: 2n }],
    ['negative seq', { seq: '-1' }],
    ['occurredAt without ms', { occurredAt: '2025-01-01T08:00:01Z' }],
    ['occurredAt with offset', { occurredAt: '2025-01-01T09:00:01.000+01:00' }],
    ['occurredAt not a real day', { occurredAt: '2025-02-30T08:00:01.000Z' }],
    ['occurredAt as Date', { occurredAt: new Date() }],
    ['undefined instead of null', { requestId: undefined }],
    ['tenderSeq 0', { tenderSeq: 0 }],
    ['tenderSeq without tenderId', { tenderId: null }],
    ['payload undefined', { payload: undefined }],
    ['float in payload', { payload: { x: 0.5 } }],
  ];
  it.each(bad)('rejects %s', (_name, patch) => {
    expect(() => eventHash(GENESIS_HASH, { ...base, ...patch } as AuditEventContent)).toThrow(TypeError);
  });

  it('rejects a malformed prevHash', () => {
    expect(() => eventHash(GENESIS_HASH.toUpperCase().replace(/0/g, 'A'), base)).toThrow(/prevHash/);
    expect(() => eventHash('0'.repeat(63), base)).toThrow(/prevHash/);
  });

  it('requires tenderPrevHash exactly when the event has a tender', () => {
    expect(() => sealAuditEvent(base, GENESIS_HASH, null)).toThrow(/tenderPrevHash/);
    expect(() => sealAuditEvent({ ...base, tenderId: null, tenderSeq: null }, GENESIS_HASH, GENESIS_HASH)).toThrow(/tenderPrevHash/);
  });
});
