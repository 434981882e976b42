import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../apps/api/src/database/migrator';
import { AuditService } from '../apps/api/src/audit/audit.service';
import { TransactionHost } from '../apps/api/src/database/transaction';
import { GENESIS_HASH, sealAuditEvent, signCheckpoint, verifyTenderChain, type StoredAuditEvent } from '../libs/audit-chain/src';
import { databaseName, dropLater, SERVER_URL_VAR, withDatabaseName } from './support/databases';
import { actor, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

const MIGRATIONS = path.resolve(__dirname, '..', 'prisma', 'migrations');
const PER_CHAIN_MIGRATION = '20261201153550_audit_chains';
const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const B1 = 'bbbbbbbb-0000-4000-8000-000000000001';

/**
 * The per-chain migration on a trail written the old way (one global chain,
 * under the global lock): the old events stay as they are and verify as the
 * frozen legacy chain, the tender chains continue where they were, and v1
 * checkpoints signed before the migration still hold.
 */
describe('audit trail written before the per-chain migration', () => {
  const server = process.env[SERVER_URL_VAR] ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
  const name = databaseName('auditmig');
  const url = withDatabaseName(server, name);
  const before = mkdtempSync(path.join(os.tmpdir(), 'migrations-before-'));
  const { privateKey } = generateKeyPairSync('ed25519');
  let t: TestApp;
  const legacy: StoredAuditEvent[] = [];
  let seeded: { chain_key: string; seq: string; hash: string }[];
  let nextSeq: string;

  beforeAll(async () => {
    const c = new Client({ connectionString: server });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    // Every migration up to the one before the per-chain one.
    cpSync(MIGRATIONS, before, { recursive: true, filter: (src) => !src.includes(PER_CHAIN_MIGRATION) });
    await applyMigrations({ connectionString: url, migrationsDir: before });

    // Five events sealed the old way: global chain seq 1…5, tender links for T1 and T2.
    const plan: [string | null, string | null][] = [
      [null, null],
      [T1, B1],
      [T2, B1],
      [T1, B1],
      [null, B1],
    ];
    const tenders = new Map<string, { seq: number; hash: string }>();
    let head = GENESIS_HASH;
    plan.forEach(([tenderId, buyerId], i) => {
      const last = tenderId ? tenders.get(tenderId) : undefined;
      const e = sealAuditEvent(
        {
          seq: String(i + 1),
          id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
          occurredAt: new Date(Date.UTC(2026, 10, 1, 9, 0, i, 500)).toISOString(),
          actorId: null,
          actorRole: null,
          buyerId,
          tenderId,
          tenderSeq: tenderId ? (last?.seq ?? 0) + 1 : null,
          action: `legacy.${i + 1}`,
          objectType: 'test',
          objectId: null,
          requestId: null,
          payload: { n: String(i + 1) },
        },
        head,
        tenderId ? (last?.hash ?? GENESIS_HASH) : null,
      );
      if (tenderId) tenders.set(tenderId, { seq: e.tenderSeq!, hash: e.tenderHash! });
      head = e.hash;
      legacy.push(e);
    });
    const db = new Client({ connectionString: url });
    await db.connect();
    for (const e of legacy) {
      await db.query(
        `INSERT INTO audit_event (seq, id, occurred_at, actor_id, actor_role, buyer_id, tender_id, tender_seq, action, object_type, object_id, request_id, payload, prev_hash, hash, tender_prev_hash, tender_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          e.seq,
          e.id,
          e.occurredAt,
          e.actorId,
          e.actorRole,
          e.buyerId,
          e.tenderId,
          e.tenderSeq,
          e.action,
          e.objectType,
          e.objectId,
          e.requestId,
          e.payload,
          e.prevHash,
          e.hash,
          e.tenderPrevHash,
          e.tenderHash,
        ],
      );
    }
    await db.end();

    await applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS });
    const after = new Client({ connectionString: url });
    await after.connect();
    seeded = (await after.query('SELECT chain_key, seq::text, hash FROM audit_chain ORDER BY chain_key')).rows;
    nextSeq = (await after.query("SELECT nextval('audit_event_seq_seq')::text AS n")).rows[0].n;
    await after.end();
    t = await startTestApp({ DATABASE_URL: url, AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
  });
  afterAll(async () => {
    await t?.close();
    await dropLater(server, name);
    rmSync(before, { recursive: true, force: true });
  });

  it('seeds the heads from the old rows and continues the global order after them', async () => {
    expect(seeded).toEqual([
      { chain_key: 'global', seq: '5', hash: legacy[4].hash },
      { chain_key: `tender:${T1}`, seq: '2', hash: legacy[3].tenderHash },
      { chain_key: `tender:${T2}`, seq: '1', hash: legacy[2].tenderHash },
    ]);
    expect(nextSeq).toBe('6');
    // The old rows are untouched: no chain columns.
    expect(await t.prisma.auditEvent.count({ where: { seq: { lte: 5n }, chainKey: null, chainSeq: null } })).toBe(5);
    const next = await t.prisma.auditEvent.findFirstOrThrow({ where: { seq: { gt: 5n } }, orderBy: { seq: 'asc' } });
    expect(next.chainKey).not.toBeNull();
  });

  it('verifies the frozen global chain and the new chains; a tender chain continues across the migration', async () => {
    const admin = await actor(t, 'ADMIN');
    await t.app
      .get(TransactionHost)
      .withTransaction(() =>
        t.app
          .get(AuditService)
          .record({ auth: null, buyerId: B1, action: 'after.migration', objectType: 'test', objectId: null, tenderId: T1, payload: { n: '6' } }),
      );
    const t1 = (await t.prisma.auditEvent.findMany({ where: { tenderId: T1 }, orderBy: { tenderSeq: 'asc' } })).map((e) => ({
      ...e,
      seq: e.seq.toString(),
      occurredAt: e.occurredAt.toISOString(),
    }));
    expect(t1.map((e) => [e.tenderSeq, e.chainKey, e.chainSeq])).toEqual([
      [1, null, null],
      [2, null, null],
      [3, `tender:${T1}`, 3],
    ]);
    expect(t1[2].tenderPrevHash).toBe(legacy[3].tenderHash);
    expect(verifyTenderChain(t1, { seq: '3', hash: t1[2].tenderHash! }).valid).toBe(true);

    const res = await admin.api.get('/api/v1/audit-events/verify');
    expect(res.body).toMatchObject({ valid: true, count: await t.prisma.auditEvent.count(), chains: { broken: [] } });
    expect(res.body.chains.total).toBe(await t.prisma.auditChain.count());
  });

  it('v1 checkpoints signed before the migration still hold; a forged head does not', async () => {
    const admin = await actor(t, 'ADMIN');
    const at = '2026-11-30T12:00:00.000Z';
    for (const n of [3, 5]) {
      const cp = signCheckpoint({ count: n, headSeq: String(n), headHash: legacy[n - 1].hash, at }, privateKey);
      const res = await admin.api.post('/api/v1/audit-events/verify', cp);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: true, checkpoint: { headSeq: String(n), holds: true } });
    }
    const wrong = signCheckpoint({ count: 5, headSeq: '5', headHash: legacy[3].hash, at }, privateKey);
    const res = await admin.api.post('/api/v1/audit-events/verify', wrong);
    expect(res.body).toMatchObject({
      valid: false,
      firstBrokenSeq: '5',
      reason: "the event at seq 5 no longer has the checkpoint's hash: the chain was rewritten",
      checkpoint: { holds: false },
    });
    // A v2 checkpoint now covers the legacy chain too.
    const v2 = await admin.api.get('/api/v1/audit-events/checkpoint');
    expect(v2.body.format).toBe('tender-evaluation/audit-checkpoint/2');
    expect((await admin.api.post('/api/v1/audit-events/verify', v2.body)).body).toMatchObject({ valid: true, checkpoint: { holds: true } });
  });
});
