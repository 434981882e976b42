/**
 * `npm run scaling:generate`: one year of one large buyer — 1,000 tenders ×
 * 200 bids × 5-node supply chains, evaluations for some — in a database of its
 * own, then `EXPLAIN (ANALYZE, BUFFERS)` of the SQL the service really runs on
 * its hot paths, and the table and index sizes (docs/scaling.md).
 *
 * How:
 *  1. A fresh database; the real service starts on it (migrations, first
 *     admin) and a buyer, an officer and one real tender with 200 bids,
 *     closed and evaluated, are made through its API: the templates.
 *  2. The year is written with INSERT … SELECT generate_series straight into
 *     the tables (satisfying every constraint): bidders, tenders with their
 *     criteria, bids, supply-chain nodes, evidence, audit events (one per bid
 *     and three per tender; hashes are md5-derived placeholders, so the chain
 *     does not verify on this database), evaluations (the real evaluation's
 *     inputs and result copied: realistic sizes, not the generated bids'
 *     content) with their findings. Then VACUUM ANALYZE.
 *  3. The database gets auto_explain (session_preload_libraries,
 *     log_min_duration 0, log_analyze, log_buffers); the service is
 *     restarted and each hot request is sent three times; the plans of the
 *     third are read back from the PostgreSQL server log
 *     (/var/log/postgresql/postgresql-15-main.log, or PG_LOG).
 *
 *   npm run scaling:generate [-- --tenders 1000 --bids 200 --evaluated 250 --keep]
 *
 * Writes bench/results/scaling.json (timings, rows, sizes) and
 * bench/results/scaling-plans.txt (the plans). Drops the database at the end
 * unless --keep.
 */
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase, expectOk, http, log, ROOT, type Server, startService } from '../api/harness';
import { bidBody, closeAndEvaluate, createBidders, publishedTender, seedWorld, submitBids } from '../api/world';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const TENDERS = arg('--tenders', 1000);
const BIDS = arg('--bids', 200);
const EVALUATED = arg('--evaluated', 250);
const BIDDERS = 2000;
const KEEP = process.argv.includes('--keep');
const PG_LOG = process.env.PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';

async function timed(c: Client, what: string, sql: string, params: unknown[] = []): Promise<{ what: string; ms: number; rows: number }> {
  const t0 = Date.now();
  const r = await c.query(sql, params);
  const ms = Date.now() - t0;
  log(`  ${what}: ${r.rowCount ?? 0} rows, ${(ms / 1000).toFixed(1)} s`);
  return { what, ms, rows: r.rowCount ?? 0 };
}

function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(size - offset);
  readSync(fd, buf, 0, buf.length, offset);
  closeSync(fd);
  return buf.toString('utf8');
}

/** auto_explain entries of one database from a slice of the server log: query text and plan. */
function plansOf(logText: string, dbName: string): { durationMs: number; query: string; plan: string }[] {
  const out: { durationMs: number; query: string; plan: string }[] = [];
  const lines = logText.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /@(\S+) LOG:\s+duration: ([\d.]+) ms\s+plan:/.exec(lines[i]);
    if (!m || m[1] !== dbName) continue;
    const body: string[] = [];
    while (i + 1 < lines.length && /^\s/.test(lines[i + 1])) body.push(lines[++i]);
    const text = body.join('\n');
    const q =
      /Query Text: ([\s\S]*?)\n\s*(?=[A-Z][a-zA-Z ]+(?:\(|\s{2}|on |Scan|Join|Loop|Aggregate|Limit|Sort|Result|Insert|LockRows|Hash|Unique|Gather|Append|Subquery|CTE|WindowAgg|Materialize|Memoize|ProjectSet|Update|Merge))/.exec(
        text,
      );
    out.push({ durationMs: Number(m[2]), query: q ? q[1].trim() : '', plan: text });
  }
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  const db = await createBenchDatabase('tender_scaling');
  log(`database ${db.name}`);
  let service: Server | null = null;
  const c = new Client({ connectionString: db.url });
  const steps: { what: string; ms: number; rows: number }[] = [];
  try {
    // 1. templates through the real API
    service = await startService(db.url);
    const w = await seedWorld(service.url, 'scaling');
    const bidders = await createBidders(w, BIDS, 'T');
    const deadline = new Date(Date.now() + 8000);
    const real = await publishedTender(w, 'REAL-0001', deadline);
    await submitBids(w, real.id, bidders, new Date(real.publishedAt.getTime() + 1000));
    const evaluationId = await closeAndEvaluate(w, real.id, deadline);
    const open = await publishedTender(w, 'REAL-OPEN', new Date(Date.now() + 30 * 86_400_000));
    log(`templates: tender ${real.id}, evaluation ${evaluationId}, open tender ${open.id}`);
    await c.connect();

    // 2. one year in SQL
    const g0 = Date.now();
    await c.query('SET synchronous_commit = off');
    // Deterministic ids shaped as version-4 UUIDs (the API's id validation checks the version digit).
    await c.query(
      `CREATE FUNCTION pg_temp.u(text) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$ SELECT overlay(overlay(md5($1) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`,
    );
    const params = { buyer: w.buyerId, officer: w.officerId, realTender: real.id, evaluation: evaluationId };
    steps.push(
      await timed(
        c,
        'bidder',
        `INSERT INTO bidder (id, buyer_id, name, country, uid, created_at)
         SELECT pg_temp.u('bidder' || i), $1::uuid, 'Generated bidder ' || i || ' AG', 'CH', 'CHE-' || lpad(i::text, 9, '0'), now() - interval '400 days'
         FROM generate_series(1, ${BIDDERS}) i`,
        [params.buyer],
      ),
    );
    // Statuses over the year: most tenders concluded or awarded, the latest ones closed or still open.
    steps.push(
      await timed(
        c,
        'tender',
        `INSERT INTO tender (id, buyer_id, reference, title, procedure, currency, submission_deadline, places_of_performance, goods, status, version,
                             tie_break, additional_conventions, abnormally_low_threshold, required_evaluators, price_basis, price_level_adjustment,
                             created_by_id, published_at, closed_at, concluded_at, created_at, updated_at)
         SELECT pg_temp.u('tender' || t), $1::uuid, 'GEN-' || lpad(t::text, 5, '0'), 'Generated tender ' || t, 'OPEN', 'CHF',
                d, ARRAY['CH'], ARRAY['Garments', 'Cotton'],
                (CASE WHEN t <= ${Math.round(TENDERS * 0.7)} THEN 'CONCLUDED' WHEN t <= ${Math.round(TENDERS * 0.85)} THEN 'AWARDED'
                      WHEN t <= ${Math.round(TENDERS * 0.95)} THEN 'CLOSED' ELSE 'PUBLISHED' END)::"TenderStatus", 4,
                '{}', '{}', 0.80, 1, 'LOWEST', false, $2::uuid, d - interval '40 days',
                CASE WHEN t <= ${Math.round(TENDERS * 0.95)} THEN d + interval '1 hour' END,
                CASE WHEN t <= ${Math.round(TENDERS * 0.7)} THEN d + interval '30 days' END,
                d - interval '45 days', d
         FROM generate_series(1, ${TENDERS}) t, LATERAL (SELECT now() - interval '365 days' + (t * interval '365 days' / ${TENDERS}) AS d) x`,
        [params.buyer, params.officer],
      ),
    );
    steps.push(
      await timed(
        c,
        'tender_criterion',
        `INSERT INTO tender_criterion (id, tender_id, position, code, name, kind, weight, price_method, span)
         SELECT pg_temp.u('crit' || t.id || k.pos), t.id, k.pos, k.code, k.name, k.kind::"CriterionKind", k.weight, k.pm::"PriceMethod", k.span
         FROM tender t, (VALUES (0, 'PRICE', 'Price', 'PRICE', 55.5, 'LINEAR_SPAN', 0.5), (1, 'DELIVERY', 'Delivery days', 'NUMBER_LOWER_BETTER', 14.5, NULL, NULL),
                                (2, 'HUMAN_RIGHTS', 'Human rights', 'HUMAN_RIGHTS', 30, NULL, NULL)) k(pos, code, name, kind, weight, pm, span)
         WHERE t.reference LIKE 'GEN-%'`,
      ),
    );
    steps.push(
      await timed(
        c,
        'bid',
        `INSERT INTO bid (id, tender_id, bidder_id, received_at, price, figures, created_by_id, created_at)
         SELECT pg_temp.u('bid' || t.n || '/' || b), t.id, pg_temp.u('bidder' || (1 + (t.n * 37 + b) % ${BIDDERS})),
                t.published_at + (b * interval '3 minutes'), 200000 + (t.n * 7919 + b * 104729) % 50000 + (b % 100) / 100.0,
                jsonb_build_object('DELIVERY', (20 + b % 40)::text), $1::uuid, t.published_at + (b * interval '3 minutes')
         FROM (SELECT id, published_at, substr(reference, 5)::int AS n FROM tender WHERE reference LIKE 'GEN-%') t, generate_series(1, ${BIDS}) b`,
        [params.officer],
      ),
    );
    // 5 nodes: 0 the bidder, 1 and 3 its subcontractors, 2 under 1, 4 under 3 (depth-first positions).
    steps.push(
      await timed(
        c,
        'supply_chain_node',
        `INSERT INTO supply_chain_node (id, bid_id, parent_id, position, path, name, country, uid, share_percent, goods,
                                        labour_protection, working_conditions, equal_pay, illegal_employment_duties, environmental_law,
                                        taxes_and_social_security_paid, ilo_core_conventions, additional_conventions, subcontract_clause)
         SELECT pg_temp.u(b.id::text || p), b.id,
                CASE p WHEN 0 THEN NULL WHEN 1 THEN pg_temp.u(b.id::text || 0) WHEN 2 THEN pg_temp.u(b.id::text || 1)
                       WHEN 3 THEN pg_temp.u(b.id::text || 0) ELSE pg_temp.u(b.id::text || 3) END,
                p, (ARRAY[['Bidder', '', ''], ['Bidder', 'Weaving', ''], ['Bidder', 'Weaving', 'Spinning'], ['Bidder', 'Stitching', ''], ['Bidder', 'Stitching', 'Buttons']])[p + 1][1:(CASE p WHEN 0 THEN 1 WHEN 2 THEN 3 WHEN 4 THEN 3 ELSE 2 END)],
                (ARRAY['Bidder', 'Weaving', 'Spinning', 'Stitching', 'Buttons'])[p + 1],
                CASE p WHEN 0 THEN 'CH' ELSE (ARRAY['DE', 'BD', 'CN', 'IN', 'VN', 'TR', 'PT', 'PK', 'IT', 'KH'])[1 + (abs(hashtext(b.id::text)) + p) % 10] END,
                CASE p WHEN 0 THEN 'CHE-000.000.001' END,
                (ARRAY[100, 35.5, 50, 20, 10])[p + 1], CASE p WHEN 0 THEN '{}'::text[] WHEN 3 THEN ARRAY['Garments'] WHEN 4 THEN ARRAY['Buttons'] ELSE ARRAY['Cotton'] END,
                true, true, true, true, true, true, true, '{}', CASE WHEN p IN (2, 4) THEN NULL ELSE true END
         FROM bid b JOIN tender t ON t.id = b.tender_id AND t.reference LIKE 'GEN-%', generate_series(0, 4) p`,
      ),
    );
    steps.push(
      await timed(
        c,
        'node_evidence',
        `INSERT INTO node_evidence (id, node_id, position, kind, issuer, issued_at, valid_until)
         SELECT pg_temp.u('ev' || n.id), n.id, 0, 'SOCIAL_AUDIT', 'amfori BSCI', DATE '2026-03-01', DATE '2027-02-28'
         FROM supply_chain_node n JOIN bid b ON b.id = n.bid_id JOIN tender t ON t.id = b.tender_id AND t.reference LIKE 'GEN-%' WHERE n.position = 2`,
      ),
    );
    // Evaluations of the first EVALUATED tenders (concluded ones), copies of the real evaluation's JSON.
    steps.push(
      await timed(
        c,
        'evaluation',
        `INSERT INTO evaluation (id, tender_id, seq, method_version, risk_model_version, dataset_versions, inputs, result, inputs_digest, digest, created_by_id, created_at)
         SELECT pg_temp.u('eval' || t.id), t.id, 1, e.method_version, e.risk_model_version, e.dataset_versions, e.inputs, e.result,
                encode(sha256(('in' || t.id)::bytea), 'hex'), encode(sha256(('out' || t.id)::bytea), 'hex'), $2::uuid, t.closed_at + interval '2 days'
         FROM tender t, evaluation e
         WHERE e.id = $1::uuid AND t.reference LIKE 'GEN-%' AND substr(t.reference, 5)::int <= ${EVALUATED}`,
        [params.evaluation, params.officer],
      ),
    );
    steps.push(
      await timed(
        c,
        'finding',
        `INSERT INTO finding (id, evaluation_id, tender_id, bid_id, code, legal_basis, severity, node_path, finding_key, message, params, data)
         SELECT pg_temp.u('f' || e.id || f.finding_key), e.id, e.tender_id, f.bid_id, f.code, f.legal_basis, f.severity, f.node_path, f.finding_key, f.message, f.params, f.data
         FROM evaluation e CROSS JOIN (SELECT * FROM finding WHERE evaluation_id = $1::uuid) f
         WHERE e.id <> $1::uuid`,
        [params.evaluation],
      ),
    );
    // Audit: tender.created/published/closed per tender and bid.submitted per bid, in time order after the real events.
    steps.push(
      await timed(
        c,
        'audit_event',
        `WITH base AS (SELECT max(seq) AS s FROM audit_event),
         tmpl AS (SELECT payload FROM audit_event WHERE action = 'bid.submitted' AND tender_id = $1::uuid LIMIT 1),
         ev AS (
           SELECT t.id AS tender_id, t.created_at AS at, 'tender.created' AS action, 'tender' AS object_type, t.id::text AS object_id, jsonb_build_object('reference', t.reference) AS payload, 0 AS k
             FROM tender t WHERE t.reference LIKE 'GEN-%'
           UNION ALL SELECT t.id, t.published_at, 'tender.publish', 'tender', t.id::text, '{"from":"DRAFT","to":"PUBLISHED"}', 1 FROM tender t WHERE t.reference LIKE 'GEN-%'
           UNION ALL SELECT b.tender_id, b.created_at, 'bid.submitted', 'bid', b.id::text, (SELECT payload FROM tmpl), 2
             FROM bid b JOIN tender t ON t.id = b.tender_id AND t.reference LIKE 'GEN-%'
           UNION ALL SELECT t.id, t.closed_at, 'tender.close', 'tender', t.id::text, '{"from":"PUBLISHED","to":"CLOSED"}', 3 FROM tender t WHERE t.reference LIKE 'GEN-%' AND t.closed_at IS NOT NULL),
         numbered AS (SELECT ev.*, row_number() OVER (ORDER BY at, k, object_id) AS n, row_number() OVER (PARTITION BY tender_id ORDER BY at, k, object_id) AS ts FROM ev)
         INSERT INTO audit_event (seq, id, occurred_at, actor_id, actor_role, buyer_id, tender_id, tender_seq, action, object_type, object_id, request_id, payload,
                                  prev_hash, hash, tender_prev_hash, tender_hash)
         SELECT base.s + n, pg_temp.u('a' || n), at, $2::uuid, 'OFFICER', $3::uuid, tender_id, ts, action, object_type, object_id, md5('r' || n),
                payload, md5('h' || (n - 1)) || md5('x' || (n - 1)), md5('h' || n) || md5('x' || n), md5('t' || tender_id || (ts - 1)) || md5('y'), md5('t' || tender_id || ts) || md5('y')
         FROM numbered, base`,
        [params.realTender, params.officer, params.buyer],
      ),
    );
    // The real events must stay last in seq order for the service's appends (max(seq) + 1): move the
    // sequence past the generated ones. The real events keep their lower seq; later appends follow on.
    await c.query(`SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), (SELECT max(seq) FROM audit_event))`);
    const v0 = Date.now();
    await c.query('VACUUM ANALYZE');
    steps.push({ what: 'VACUUM ANALYZE', ms: Date.now() - v0, rows: 0 });
    const generateMs = Date.now() - g0;
    log(`generated in ${(generateMs / 1000).toFixed(1)} s`);

    const sizes = (
      await c.query(`
      SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_relation_size(c.oid) AS heap_bytes,
             pg_total_relation_size(c.oid) - pg_relation_size(c.oid) - pg_indexes_size(c.oid) AS toast_bytes,
             pg_indexes_size(c.oid) AS index_bytes, pg_total_relation_size(c.oid) AS total_bytes
      FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE s.nspname = 'public' AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 100000
      ORDER BY pg_total_relation_size(c.oid) DESC`)
    ).rows;
    const indexes = (
      await c.query(`
      SELECT i.relname AS index, t.relname AS table, pg_relation_size(i.oid) AS bytes, pg_get_indexdef(i.oid) AS definition
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = 'public' AND pg_relation_size(i.oid) > 100000 ORDER BY pg_relation_size(i.oid) DESC`)
    ).rows;
    const database = (await c.query(`SELECT pg_database_size(current_database()) AS bytes`)).rows[0].bytes;

    // 3. the service's real SQL under auto_explain
    await c.query(`ALTER DATABASE ${db.name} SET session_preload_libraries = 'auto_explain'`);
    await c.query(`ALTER DATABASE ${db.name} SET auto_explain.log_min_duration = 0`);
    await c.query(`ALTER DATABASE ${db.name} SET auto_explain.log_analyze = on`);
    await c.query(`ALTER DATABASE ${db.name} SET auto_explain.log_buffers = on`);
    await c.query(`ALTER DATABASE ${db.name} SET auto_explain.log_nested_statements = on`);
    await service.stop();
    service = await startService(db.url, { JOBS_WORKER: 'false' });
    const tok = (
      await expectOk(
        'login',
        200,
        http(service.url, 'POST', '/api/v1/auth/token', undefined, { email: 'officer-scaling@bench.example.org', password: 'Velvet-Harbour-Copper-5518-Kite' }),
      )
    ).accessToken as string;
    const genTender = (await c.query(`SELECT id FROM tender WHERE reference = $1`, [`GEN-${String(Math.min(100, EVALUATED)).padStart(5, '0')}`])).rows[0]
      .id as string;
    const genEval = (await c.query(`SELECT id FROM evaluation WHERE tender_id = $1::uuid`, [genTender])).rows[0].id as string;
    const extra = await createBidders({ ...w, base: service.url, officerToken: tok }, 3, 'X');
    const hot: { name: string; method: string; path: string; body?: (i: number) => unknown; status: number }[] = [
      { name: 'GET /api/v1/tenders/:id', method: 'GET', path: `/api/v1/tenders/${genTender}`, status: 200 },
      { name: 'GET /api/v1/tenders/:id/bids?pageSize=200', method: 'GET', path: `/api/v1/tenders/${genTender}/bids?pageSize=200`, status: 200 },
      { name: 'GET /api/v1/evaluations/:id', method: 'GET', path: `/api/v1/evaluations/${genEval}`, status: 200 },
      { name: 'GET /api/v1/tenders?status=CONCLUDED', method: 'GET', path: `/api/v1/tenders?status=CONCLUDED`, status: 200 },
      { name: 'GET /api/v1/audit-events?tenderId=', method: 'GET', path: `/api/v1/audit-events?tenderId=${genTender}`, status: 200 },
      {
        name: 'POST /api/v1/tenders/:id/bids',
        method: 'POST',
        path: `/api/v1/tenders/${open.id}/bids`,
        body: (i) => bidBody(i, extra[i].id, extra[i].name, new Date(open.publishedAt.getTime() + 1000)),
        status: 201,
      },
    ];
    const captured: { name: string; wallMs: number; statements: { durationMs: number; query: string; plan: string }[] }[] = [];
    for (const h of hot) {
      let last = { wallMs: 0, text: '' };
      for (let i = 0; i < 3; i++) {
        const offset = existsSync(PG_LOG) ? statSync(PG_LOG).size : 0;
        const t0 = process.hrtime.bigint();
        await expectOk(h.name, h.status, http(service.url, h.method, h.path, tok, h.body?.(i)));
        const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
        await new Promise((r) => setTimeout(r, 300));
        last = { wallMs, text: existsSync(PG_LOG) ? readFrom(PG_LOG, offset) : '' };
      }
      captured.push({ name: h.name, wallMs: last.wallMs, statements: plansOf(last.text, db.name) });
      log(`  ${h.name}: ${last.wallMs.toFixed(1)} ms, ${captured[captured.length - 1].statements.length} statements`);
    }
    // Proposed shapes for the hot spots the plans show, on the same data (docs/scaling.md "Proposed").
    const explain = async (name: string, sql: string, args: unknown[]) => {
      const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, args);
      return { name, plan: r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n') };
    };
    const proposed = [
      await explain(
        'bid list, nodeCount as a correlated count per bid (instead of the LEFT JOIN to a GROUP BY over every node)',
        `SELECT b.id, b.received_at, b.price, b.figures, d.name, (SELECT count(*) FROM supply_chain_node n WHERE n.bid_id = b.id) AS node_count
         FROM bid b JOIN bidder d ON d.id = b.bidder_id JOIN tender t ON t.id = b.tender_id
         WHERE b.tender_id = $1::uuid AND t.buyer_id = $2::uuid ORDER BY b.received_at, b.id LIMIT 200`,
        [genTender, w.buyerId],
      ),
      await explain(
        'evaluation read without the inputs column (GET /evaluations/:id does not answer it)',
        `SELECT e.id, e.tender_id, e.seq, e.method_version, e.risk_model_version, e.dataset_versions, e.result, e.inputs_digest, e.digest, e.created_by_id, e.created_at
         FROM evaluation e JOIN tender t ON t.id = e.tender_id WHERE e.id = $1::uuid AND t.buyer_id = $2::uuid`,
        [genEval, w.buyerId],
      ),
    ];
    const plansText = captured
      .map(
        (h) =>
          `#### ${h.name} — ${h.wallMs.toFixed(1)} ms wall, ${h.statements.length} statements, ${h.statements.reduce((a, s) => a + s.durationMs, 0).toFixed(3)} ms in PostgreSQL\n\n` +
          h.statements.map((s) => `-- ${s.durationMs} ms\n${s.plan}`).join('\n\n'),
      )
      .join('\n\n');
    const proposedText = proposed.map((x) => `#### proposed: ${x.name}\n\n${x.plan}`).join('\n\n');
    writeFileSync(path.join(ROOT, 'bench', 'results', 'scaling-plans.txt'), `${plansText}\n\n${proposedText}\n`);
    const record = {
      date: new Date().toISOString(),
      database: db.name,
      shape: { tenders: TENDERS, bidsPerTender: BIDS, nodesPerBid: 5, evaluatedTenders: EVALUATED, bidders: BIDDERS },
      generateSeconds: generateMs / 1000,
      totalSeconds: (Date.now() - started) / 1000,
      steps,
      databaseBytes: Number(database),
      sizes,
      indexes,
      hot: captured.map((h) => ({
        name: h.name,
        wallMs: h.wallMs,
        statements: h.statements.length,
        pgMs: h.statements.reduce((a, s) => a + s.durationMs, 0),
        seqScans: h.statements.filter((s) => /Seq Scan/.test(s.plan)).map((s) => s.query.slice(0, 200)),
      })),
    };
    writeFileSync(path.join(ROOT, 'bench', 'results', 'scaling.json'), `${JSON.stringify(record, null, 2)}\n`);
    log('written: bench/results/scaling.json, bench/results/scaling-plans.txt');
  } finally {
    await c.end().catch(() => undefined);
    await service?.stop();
    if (KEEP) log(`kept database ${db.name}`);
    else await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
