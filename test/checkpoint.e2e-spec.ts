import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { headsDigest, sealChainEvent, signCheckpoint } from '../libs/audit-chain/src';
import { toStoredEvent } from '../apps/api/src/audit/audit.repository';
import { tenderBody } from './support/builders';
import { createOwnDatabase } from './support/databases';
import { buyerWorld, BuyerWorld, startTestApp, TestApp } from './support/test-app';

/**
 * The signed checkpoint keeps the chain head outside the database: deleting
 * the newest events (which the chain alone cannot show) or forging a
 * checkpoint is caught. On a database of its own, since it deletes events.
 */
describe('audit checkpoints', () => {
  let db: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let a: BuyerWorld;
  let b: BuyerWorld;
  const checkpointDir = mkdtempSync(path.join(os.tmpdir(), 'tender-checkpoints-'));

  beforeAll(async () => {
    db = await createOwnDatabase('checkpoint');
    t = await startTestApp({ DATABASE_URL: db.url, AUDIT_CHECKPOINT_DIR: checkpointDir, AUDIT_CHECKPOINT_INTERVAL: '3600' });
    a = await buyerWorld(t);
    b = await buyerWorld(t, a.admin);
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  /** The signed text written out by hand: members sorted, no spaces (v2 adds chains). */
  const signedText = (c: Record<string, unknown>) =>
    c.format === 'tender-evaluation/audit-checkpoint/2'
      ? `{"at":"${c.at}","chains":${c.chains},"count":${c.count},"format":"${c.format}","headHash":"${c.headHash}","headSeq":"${c.headSeq}","keyId":"${c.keyId}"}`
      : `{"at":"${c.at}","count":${c.count},"format":"${c.format}","headHash":"${c.headHash}","headSeq":"${c.headSeq}","keyId":"${c.keyId}"}`;
  /** The owner (not the application's trigger-bound role) runs SQL with the append-only trigger off. */
  const asOwner = async (...sql: string[]) => {
    await t.prisma.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
    await t.prisma.$executeRawUnsafe('ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_no_rewind');
    try {
      for (const q of sql) await t.prisma.$executeRawUnsafe(q);
    } finally {
      await t.prisma.$executeRawUnsafe('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
      await t.prisma.$executeRawUnsafe('ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_no_rewind');
    }
  };

  it('exports a v2 checkpoint of the verified chain heads, signed with the published Ed25519 key (AUDITOR, ADMIN)', async () => {
    await a.officer.api.post('/api/v1/tenders', tenderBody());
    const verified = (await a.auditor.api.get('/api/v1/audit-events/verify')).body;
    const res = await a.auditor.api.get('/api/v1/audit-events/checkpoint');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      format: 'tender-evaluation/audit-checkpoint/2',
      count: verified.count,
      headSeq: verified.headSeq,
      headHash: verified.headHash,
      chains: verified.chains.total,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      keyId: expect.stringMatching(/^[0-9a-f]{64}$/),
      signature: expect.any(String),
    });
    // headSeq is the global position, headHash the digest of every chain's head row.
    const head = await t.prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
    expect(head!.seq.toString()).toBe(res.body.headSeq);
    const heads = await t.prisma.auditChain.findMany();
    expect(res.body.chains).toBe(heads.length);
    expect(res.body.headHash).toBe(headsDigest(heads.map((h) => ({ chain: h.chainKey, seq: h.seq.toString(), hash: h.hash }))));

    const key = await a.auditor.api.get('/api/v1/audit-events/checkpoint-key');
    expect(key.status).toBe(200);
    expect(key.body).toEqual({ algorithm: 'Ed25519', keyId: res.body.keyId, publicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) });
    const publicKey = createPublicKey(key.body.publicKeyPem);
    expect(verify(null, Buffer.from(signedText(res.body)), publicKey, Buffer.from(res.body.signature, 'base64'))).toBe(true);

    expect((await a.admin.api.get('/api/v1/audit-events/checkpoint')).status).toBe(200);
    expect((await a.officer.api.get('/api/v1/audit-events/checkpoint')).status).toBe(403);
    expect((await a.officer.api.get('/api/v1/audit-events/checkpoint-key')).status).toBe(403);
  });

  it('writes a checkpoint into AUDIT_CHECKPOINT_DIR at start, which verifies', async () => {
    const latest = path.join(checkpointDir, 'latest.json');
    for (let i = 0; i < 50 && !existsSync(latest); i++) await new Promise((r) => setTimeout(r, 100));
    const written = JSON.parse(readFileSync(latest, 'utf8'));
    expect(written.format).toBe('tender-evaluation/audit-checkpoint/2');
    const res = await a.auditor.api.post('/api/v1/audit-events/verify', written);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, checkpoint: { headSeq: written.headSeq, holds: true } });
  });

  it('refuses a forged or altered checkpoint with 422 naming the member', async () => {
    const cp = (await a.auditor.api.get('/api/v1/audit-events/checkpoint')).body;
    const altered = await a.auditor.api.post('/api/v1/audit-events/verify', { ...cp, count: cp.count + 5, headSeq: String(cp.count + 5) });
    expect(altered.status).toBe(422);
    expect(altered.body.errors).toEqual([{ field: 'signature', message: 'does not match the checkpoint: it was altered or forged' }]);

    // Self-consistent, signed by another key.
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = signCheckpoint({ count: cp.count, headSeq: cp.headSeq, headHash: cp.headHash, at: cp.at }, other);
    const res = await a.auditor.api.post('/api/v1/audit-events/verify', forged);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'keyId', message: 'signed by another key than this service’s checkpoint key' }]);
    // Our keyId, their signature.
    const text = signedText({ ...forged, keyId: cp.keyId });
    const stolenId = { ...forged, keyId: cp.keyId, signature: sign(null, Buffer.from(text), other).toString('base64') };
    expect((await a.auditor.api.post('/api/v1/audit-events/verify', stolenId)).body.errors[0].field).toBe('signature');

    const malformed = await a.auditor.api.post('/api/v1/audit-events/verify', { ...cp, headHash: 'zz', extra: 1 });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'headHash']);
  });

  it('detects the deletion of the newest events by the table owner, even with the head rows rewound to match', async () => {
    const checkpoint = (await a.auditor.api.get('/api/v1/audit-events/checkpoint')).body;
    // Later events extend the checkpoint: it still holds.
    await a.officer.api.post('/api/v1/tenders', tenderBody());
    const grown = await a.auditor.api.post('/api/v1/audit-events/verify', checkpoint);
    expect(grown.body).toMatchObject({ valid: true, count: checkpoint.count + 1, checkpoint: { headSeq: checkpoint.headSeq, holds: true } });

    // The owner cuts off the last three events the checkpoint saw (and everything after), and rewinds
    // the chains' head rows to the events left, so that the trail alone looks whole.
    const kept = await t.prisma.auditEvent.findMany({ where: { seq: { lte: BigInt(checkpoint.headSeq) } }, orderBy: { seq: 'desc' }, take: 3 });
    const cut = kept[2].seq;
    await asOwner(
      `DELETE FROM audit_event WHERE seq >= ${cut}`,
      `UPDATE audit_chain c SET seq = h.chain_seq, hash = h.hash
         FROM (SELECT DISTINCT ON (chain_key) chain_key, chain_seq, hash FROM audit_event WHERE chain_key IS NOT NULL ORDER BY chain_key, chain_seq DESC) h
        WHERE h.chain_key = c.chain_key`,
      `DELETE FROM audit_chain c WHERE NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.chain_key = c.chain_key)`,
    );
    const left = await t.prisma.auditEvent.count();
    const alone = await a.auditor.api.get('/api/v1/audit-events/verify');
    expect(alone.body).toMatchObject({ valid: true, count: left });

    const res = await a.auditor.api.post('/api/v1/audit-events/verify', checkpoint);
    expect(res.status).toBe(200);
    const chainsLeft = await t.prisma.auditChain.count();
    expect(res.body).toMatchObject({
      valid: false,
      count: left,
      firstBrokenSeq: checkpoint.headSeq,
      checkpoint: { headSeq: checkpoint.headSeq, headHash: checkpoint.headHash, holds: false },
    });
    expect(res.body.reason).toBe(
      `up to seq ${checkpoint.headSeq} the trail now has ${left} events in ${chainsLeft} chains but the checkpoint saw ${checkpoint.count} in ${checkpoint.chains}: events were deleted`,
    );
  });

  it('detects a rewritten chain: same number of events, other hashes', async () => {
    const checkpoint = (await a.auditor.api.get('/api/v1/audit-events/checkpoint')).body;
    // The owner re-seals a chain's newest event with other content (a forged but self-consistent chain).
    const newest = await t.prisma.auditEvent.findFirstOrThrow({ where: { chainKey: { not: null } }, orderBy: { seq: 'desc' } });
    const forged = sealChainEvent({ ...toStoredEvent(newest), action: 'tender.forged' }, newest.chainSeq!, newest.prevHash);
    await asOwner(
      `UPDATE audit_event SET action = '${forged.action}', hash = '${forged.hash}', tender_hash = ${forged.tenderHash ? `'${forged.tenderHash}'` : 'NULL'} WHERE seq = ${newest.seq}`,
      `UPDATE audit_chain SET hash = '${forged.hash}' WHERE chain_key = '${newest.chainKey}'`,
    );
    expect((await a.auditor.api.get('/api/v1/audit-events/verify')).body.valid).toBe(true);
    const res = await a.auditor.api.post('/api/v1/audit-events/verify', checkpoint);
    expect(res.body).toMatchObject({
      valid: false,
      reason: `up to seq ${checkpoint.headSeq} the chain heads no longer have the checkpoint's digest: the trail was rewritten`,
      checkpoint: { holds: false },
    });
  });

  it("never names another buyer's tender, even when that tender's chain is broken", async () => {
    const bTender = (await b.officer.api.post('/api/v1/tenders', tenderBody())).body.id as string;
    await b.officer.api.patch(`/api/v1/tenders/${bTender}`, { title: 'Renamed' }, { 'if-match': '"1"' });
    await b.officer.api.post(`/api/v1/tenders/${bTender}/publish`);
    const second = await t.prisma.auditEvent.findFirst({ where: { tenderId: bTender, tenderSeq: { gt: 1 } }, orderBy: { tenderSeq: 'asc' } });
    expect(second).not.toBeNull();
    // tender_prev_hash is outside the hashed content: the event's hash still holds, its tender link breaks.
    await asOwner(`UPDATE audit_event SET tender_prev_hash = '${'0'.repeat(64)}' WHERE seq = ${second!.seq}`);
    const asAdmin = (await a.admin.api.get('/api/v1/audit-events/verify')).body;
    expect(asAdmin).toMatchObject({ valid: false, firstBrokenSeq: second!.seq.toString() });
    expect(asAdmin.reason).toContain(bTender); // the ADMIN sees whose chain broke

    for (const auditor of [a.auditor, a.officer]) {
      const res = await auditor.api.get('/api/v1/audit-events/verify');
      expect(res.body).toMatchObject({ valid: false, firstBrokenSeq: second!.seq.toString() });
      expect(res.text).not.toContain(bTender);
      expect(res.body.reason).toBe('tenderPrevHash does not match the previous hash of tender (id withheld)');
      expect(res.body.chains.broken).toEqual([
        {
          chain: 'tender:(id withheld)',
          firstBrokenSeq: second!.seq.toString(),
          reason: 'tenderPrevHash does not match the previous hash of tender (id withheld)',
        },
      ]);
    }
    const cp = await a.auditor.api.get('/api/v1/audit-events/checkpoint');
    expect(cp.status).toBe(409);
    expect(cp.text).not.toContain(bTender);
  });
});
