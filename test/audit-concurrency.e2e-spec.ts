import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { verifyTrail, verifyTenderChain, type StoredAuditEvent } from '../libs/audit-chain/src';
import { bidBody, tenderBody } from './support/builders';
import { createOwnDatabase } from './support/databases';
import { ensureBuilt, login, MAIN, type Proc, startProcess } from './support/processes';
import { Api } from './support/test-app';
import { freePort } from './support/throwaway-cluster';

/**
 * Audit appends without a global lock, across processes: 2 API processes on
 * one fresh database, 50 concurrent writers over 10 tenders of 2 buyers (each
 * writer: a bidder — its buyer's chain — then a bid — the tender's chain —,
 * twice, and a duplicate bid that fails). Afterwards every chain verifies
 * (the endpoint and the lib), runs 1…n without gaps, the global seq rises
 * along each chain, and there is exactly one event per successful write.
 */
jest.setTimeout(240_000);

const ADMIN = { email: 'audit.admin@test.example', password: 'distant meadow copper 48' };
const WRITERS = 50;
const TENDERS = 10;
const ROUNDS = 2;

/** A row as the lib reads it (pg answers bigint as a string, jsonb parsed, timestamptz as a Date). */
function stored(r: Record<string, any>): StoredAuditEvent {
  return {
    seq: r.seq,
    id: r.id,
    occurredAt: (r.occurred_at as Date).toISOString(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    buyerId: r.buyer_id,
    tenderId: r.tender_id,
    tenderSeq: r.tender_seq,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    requestId: r.request_id,
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
    tenderPrevHash: r.tender_prev_hash,
    tenderHash: r.tender_hash,
    chainKey: r.chain_key,
    chainSeq: r.chain_seq,
  };
}

describe('audit appends from 2 service processes, 50 concurrent writers over 10 tenders', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tender-audit-'));
  let db: { url: string; drop(): Promise<void> };
  let pg: Client;
  const procs: Proc[] = [];
  let admin: Api;
  /** officers[buyer][process] */
  const officers: Api[][] = [];
  const tenders: { id: string; buyer: number }[] = [];

  beforeAll(async () => {
    ensureBuilt('audit-concurrency');
    db = await createOwnDatabase('auditmp');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      JWT_SECRET: 'audit-concurrency-secret-audit-concurrency',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      JOBS_WORKER: 'false',
    };
    // The first creates the admin; then the second.
    procs.push(await startProcess(MAIN, { ...env, PORT: String(await freePort()) }, 'serving on'));
    procs.push(await startProcess(MAIN, { ...env, PORT: String(await freePort()) }, 'serving on'));
    const urls = procs.map((p) => /serving on (http:\/\/\S+)/.exec(p.output())![1]);
    admin = await login(new Api(urls[0]), ADMIN.email, ADMIN.password);
    for (let b = 0; b < 2; b++) {
      const buyer = await admin.post('/api/v1/buyers', { name: `Audit Buyer ${b}`, country: 'CH' });
      const officer = { email: `audit.officer${b}@test.example`, password: 'amber falcon quietly 77 river' };
      expect((await admin.post('/api/v1/users', { ...officer, role: 'OFFICER', buyerId: buyer.body.id })).status).toBe(201);
      officers.push(await Promise.all(urls.map((u) => login(new Api(u), officer.email, officer.password))));
    }
    // Real time (the service is a child process): open for an hour.
    for (let i = 0; i < TENDERS; i++) {
      const buyer = i % 2;
      const api = officers[buyer][0];
      const created = await api.post('/api/v1/tenders', tenderBody({ submissionDeadline: new Date(Date.now() + 3_600_000).toISOString() }));
      expect(created.status).toBe(201);
      expect((await api.post(`/api/v1/tenders/${created.body.id}/publish`)).status).toBe(200);
      tenders.push({ id: created.body.id, buyer });
    }
  }, 240_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await pg?.end();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('leaves every chain valid, gap-free and ordered, with one event per successful write', async () => {
    const baseline = BigInt((await pg.query<{ s: string }>('SELECT coalesce(max(seq), 0)::text AS s FROM audit_event')).rows[0].s);
    const statuses: number[] = [];
    const bidsPerTender = new Map<string, number>();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const tender = tenders[w % TENDERS];
        const api = officers[tender.buyer][w % 2];
        for (let round = 0; round < ROUNDS; round++) {
          const bidder = await api.post('/api/v1/bidders', { name: `Writer ${w}.${round} AG`, country: 'CH' });
          statuses.push(bidder.status);
          const body = bidBody(bidder.body.id, { price: `${100000 + w * 10 + round}.00`, receivedAt: new Date().toISOString() });
          const bid = await api.post(`/api/v1/tenders/${tender.id}/bids`, body);
          statuses.push(bid.status);
          if (bid.status === 201) bidsPerTender.set(tender.id, (bidsPerTender.get(tender.id) ?? 0) + 1);
          // The same bidder again: refused (409), its transaction and its event rolled back.
          if (round === 0) statuses.push((await api.post(`/api/v1/tenders/${tender.id}/bids`, body)).status);
        }
      }),
    );
    const ok = statuses.filter((s) => s === 201).length;
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(statuses.filter((s) => s === 409)).toHaveLength(WRITERS);
    expect(ok).toBe(WRITERS * ROUNDS * 2);

    // One event per successful write, on the right chains.
    const added = await pg.query<{ chain_key: string; action: string; n: number }>(
      'SELECT chain_key, action, count(*)::int AS n FROM audit_event WHERE seq > $1 GROUP BY chain_key, action ORDER BY chain_key, action',
      [baseline.toString()],
    );
    expect(added.rows.reduce((a, r) => a + r.n, 0)).toBe(ok);
    for (const t of tenders)
      expect(added.rows.find((r) => r.chain_key === `tender:${t.id}`)).toEqual({
        chain_key: `tender:${t.id}`,
        action: 'bid.submitted',
        n: bidsPerTender.get(t.id),
      });
    expect(added.rows.filter((r) => r.action === 'bidder.created').map((r) => r.n)).toEqual([(WRITERS * ROUNDS) / 2, (WRITERS * ROUNDS) / 2]);

    // Every chain: chain_seq 1…n without gaps, the global seq strictly increasing along it, its head row at its last event.
    const chains = await pg.query<{ chain_key: string; seqs: string[]; chain_seqs: number[]; head_seq: string; head_hash: string; last_hash: string }>(
      `SELECT e.chain_key, array_agg(e.seq::text ORDER BY e.chain_seq) AS seqs, array_agg(e.chain_seq ORDER BY e.chain_seq) AS chain_seqs,
              c.seq::text AS head_seq, c.hash AS head_hash, (array_agg(e.hash ORDER BY e.chain_seq DESC))[1] AS last_hash
         FROM audit_event e JOIN audit_chain c USING (chain_key) GROUP BY e.chain_key, c.seq, c.hash`,
    );
    expect(chains.rows.length).toBeGreaterThanOrEqual(TENDERS + 2);
    for (const c of chains.rows) {
      expect({ chain: c.chain_key, seqs: c.chain_seqs }).toEqual({ chain: c.chain_key, seqs: c.chain_seqs.map((_, i) => i + 1) });
      for (let i = 1; i < c.seqs.length; i++) expect(BigInt(c.seqs[i])).toBeGreaterThan(BigInt(c.seqs[i - 1]));
      expect([c.head_seq, c.head_hash]).toEqual([String(c.chain_seqs.length), c.last_hash]);
    }

    // The lib, independently of the service, over the rows and head rows as stored.
    const rows = (await pg.query('SELECT * FROM audit_event ORDER BY seq')).rows.map(stored);
    const heads = (await pg.query<{ chain: string; seq: string; hash: string }>('SELECT chain_key AS chain, seq::text AS seq, hash FROM audit_chain')).rows;
    const lib = verifyTrail(rows, { heads });
    expect(lib).toMatchObject({ valid: true, count: rows.length });
    expect(lib.chains.every((c) => c.valid)).toBe(true);
    for (const t of tenders) {
      const head = heads.find((h) => h.chain === `tender:${t.id}`)!;
      expect(
        verifyTenderChain(
          rows.filter((r) => r.tenderId === t.id),
          head,
        ).valid,
      ).toBe(true);
    }

    // The endpoint, through either process.
    for (const p of procs) {
      const api = await login(new Api(/serving on (http:\/\/\S+)/.exec(p.output())![1]), ADMIN.email, ADMIN.password);
      const res = await api.get('/api/v1/audit-events/verify');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        valid: true,
        count: rows.length,
        headHash: lib.headHash,
        chains: { total: lib.chains.length, valid: lib.chains.length, broken: [] },
      });
    }
    for (const t of tenders) {
      const res = await officers[t.buyer][1].get(`/api/v1/audit-events/verify?tenderId=${t.id}`);
      expect(res.body).toMatchObject({ valid: true, chain: t.id, count: 2 + bidsPerTender.get(t.id)! });
    }
  });
});
