/**
 * API bench (issue #12 item 1): the real service against a bare Fastify + pg
 * floor (bench/api/floor-server.ts) serving the same bytes from the same
 * database. Metric: server CPU per request (utime+stime from /proc over the
 * run / requests completed), plus req/s, p50, p99. Load from autocannon in
 * this process, pinned to the other core than the servers (taskset).
 *
 *   node -r ./tools/ts-register.js bench/api.bench.ts [--out file] [--seconds 6] [--warmup 2]
 *
 * Exit code 2 when the floor's bytes differ from the service's (the figures
 * would compare different work), 1 on any other failure.
 */
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import {
  createBenchDatabase,
  cpuSeconds,
  expectOk,
  HAS_TASKSET,
  http,
  log,
  parallel,
  pinSelf,
  rssKb,
  type Server,
  startFloor,
  startService,
} from './api/harness';
import { bidBody, closeAndEvaluate, createBidders, publishedTender, seedWorld, submitBids, type World } from './api/world';
import { outPath } from './lib/result';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('--seconds', 6);
const WARMUP = arg('--warmup', 2);
const CONNECTIONS = arg('--connections', 10);
const BIDS = 200;
const INTAKE_BIDDERS = 300;
const INTAKE_TENDERS = 8;
const INTAKE_WARMUP = 200;
const INTAKE_MEASURED = arg('--intake', 1200);
/** Profiling one path: --cases tender,bids,evaluation,intake (default all); the record is written only for all. */
const CASES = (() => {
  const i = process.argv.indexOf('--cases');
  return i >= 0 ? new Set(process.argv[i + 1].split(',')) : null;
})();
const READ_TARGET = 1.5;
const INTAKE_TARGET_MS = 5;

class Mismatch extends Error {}

interface Run {
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuSeconds: number;
  cpuMsPerRequest: number;
  rssMbAfter: number;
}

interface Load {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  /** POST: the body of the n-th request. */
  body?: (n: number) => string;
}

async function cannon(server: Server, load: Load, opts: { duration?: number; amount?: number }): Promise<Run> {
  let n = 0;
  const cpu0 = cpuSeconds(server.pid);
  const t0 = process.hrtime.bigint();
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration }),
    requests: [
      {
        method: load.method,
        path: load.path,
        headers: { authorization: `Bearer ${load.token}`, ...(load.body ? { 'content-type': 'application/json' } : {}) },
        ...(load.body ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: load.body!(n++) }) } : {}),
      },
    ],
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds(server.pid) - cpu0;
  const done = result['2xx'];
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${server.name} ${load.method} ${load.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    requests: done,
    seconds,
    reqPerSec: done / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuSeconds: cpu,
    cpuMsPerRequest: (cpu * 1000) / done,
    rssMbAfter: rssKb(server.pid) / 1024,
  };
}

/** Same status, same content-type, same body bytes, or the bench stops. */
async function sameBytes(what: string, service: Server, floor: Server, path: string, token: string): Promise<{ bytes: number }> {
  const [a, b] = await Promise.all([http(service.url, 'GET', path, token), http(floor.url, 'GET', path, token)]);
  if (a.status !== 200) throw new Error(`${what}: the service answered ${a.status} ${a.text.slice(0, 300)}`);
  const diff: string[] = [];
  if (a.status !== b.status) diff.push(`status ${a.status} vs ${b.status}`);
  if (a.contentType !== b.contentType) diff.push(`content-type ${a.contentType} vs ${b.contentType}`);
  if (a.text !== b.text) {
    let i = 0;
    while (i < a.text.length && a.text[i] === b.text[i]) i++;
    diff.push(
      `body differs at byte ${i} (${a.text.length} vs ${b.text.length} bytes):\n  service …${a.text.slice(Math.max(0, i - 80), i + 80)}\n  floor   …${b.text.slice(Math.max(0, i - 80), i + 80)}`,
    );
  }
  if (diff.length) throw new Mismatch(`${what}: floor and service differ: ${diff.join('; ')}`);
  return { bytes: Buffer.byteLength(a.text) };
}

/** The key structure of a JSON value (arrays: the union of their items' shapes). */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? shapeOf(v[0]) : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]));
  return v === null ? 'null' : typeof v;
}

function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r: (string | number)[]) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const pinned = pinSelf();
  log(`api bench: ${pinned ? 'servers on core 0, autocannon on core 1 (taskset)' : 'taskset unavailable: servers and load share the cores'}`);
  const db = await createBenchDatabase();
  log(`database ${db.name}`);
  let service: Server | null = null;
  let floor: Server | null = null;
  try {
    service = await startService(db.url);
    const w: World = await seedWorld(service.url);
    const t = { seedStart: Date.now() };
    const bidders = await createBidders(w, INTAKE_BIDDERS, 'B');
    const deadline = new Date(Date.now() + 12_000);
    const main = await publishedTender(w, 'BENCH-200', deadline);
    const receivedAt = new Date(main.publishedAt.getTime() + 1000);
    await submitBids(w, main.id, bidders.slice(0, BIDS), receivedAt);
    const far = new Date(Date.now() + 30 * 86_400_000);
    const intakeTenders = {
      service: await parallel(
        Array.from({ length: INTAKE_TENDERS }, (_, i) => i),
        2,
        (i) => publishedTender(w, `BENCH-IN-S${i}`, far),
      ),
      floor: await parallel(
        Array.from({ length: INTAKE_TENDERS }, (_, i) => i),
        2,
        (i) => publishedTender(w, `BENCH-IN-F${i}`, far),
      ),
    };
    const evaluationId = await closeAndEvaluate(w, main.id, deadline);
    log(`seeded in ${((Date.now() - t.seedStart) / 1000).toFixed(1)} s: tender ${main.id} with ${BIDS} bids, evaluation ${evaluationId}`);

    floor = await startFloor(db.url);
    const reads = [
      { key: 'tender', name: 'GET /api/v1/tenders/:id', path: `/api/v1/tenders/${main.id}` },
      { key: 'bids', name: 'GET /api/v1/tenders/:id/bids?pageSize=200', path: `/api/v1/tenders/${main.id}/bids?pageSize=200` },
      { key: 'evaluation', name: 'GET /api/v1/evaluations/:id', path: `/api/v1/evaluations/${evaluationId}` },
    ].filter((r) => !CASES || CASES.has(r.key));
    const bytes: Record<string, number> = {};
    for (const r of reads) bytes[r.name] = (await sameBytes(r.name, service, floor, r.path, w.officerToken)).bytes;

    // Intake: the floor's answer must be what the service reads back for that bid (the service answers its
    // POST with exactly that read-back), byte for byte; the two POST answers are compared by shape (ids and
    // timestamps differ).
    const probeBidder = bidders[INTAKE_BIDDERS - 1];
    const probeAt = new Date(intakeTenders.floor[0].publishedAt.getTime() + 1000);
    const fPost = await http(
      floor.url,
      'POST',
      `/api/v1/tenders/${intakeTenders.floor[0].id}/bids`,
      w.officerToken,
      bidBody(7, probeBidder.id, probeBidder.name, probeAt),
    );
    const sPost = await http(
      service.url,
      'POST',
      `/api/v1/tenders/${intakeTenders.service[0].id}/bids`,
      w.officerToken,
      bidBody(7, probeBidder.id, probeBidder.name, probeAt),
    );
    if (fPost.status !== 201 || sPost.status !== 201)
      throw new Mismatch(`intake probe: floor ${fPost.status} ${fPost.text.slice(0, 300)}, service ${sPost.status} ${sPost.text.slice(0, 300)}`);
    if (fPost.contentType !== sPost.contentType) throw new Mismatch(`intake: content-type ${sPost.contentType} vs ${fPost.contentType}`);
    const readBack = await http(service.url, 'GET', `/api/v1/tenders/${intakeTenders.floor[0].id}/bids/${fPost.body.id}`, w.officerToken);
    if (readBack.text !== fPost.text)
      throw new Mismatch(`intake: the service reads the floor's bid back differently:\n  service ${readBack.text}\n  floor   ${fPost.text}`);
    if (JSON.stringify(shapeOf(sPost.body)) !== JSON.stringify(shapeOf(fPost.body))) throw new Mismatch('intake: the POST answers differ in shape');
    const strip = (b: any) => JSON.stringify({ ...b, id: null, tenderId: null, createdAt: null });
    if (strip(sPost.body) !== strip(fPost.body))
      throw new Mismatch(`intake: the POST answers differ beyond id, tenderId, createdAt:\n  ${sPost.text}\n  ${fPost.text}`);
    bytes['POST /api/v1/tenders/:id/bids'] = Buffer.byteLength(sPost.text);
    log('byte-for-byte checks passed');

    const results: Record<string, { service: Run; floor: Run; ratio: number; targetRatio: number; targetMet: boolean; bytes: number }> = {};
    for (const r of reads) {
      const runs: Record<string, Run> = {};
      for (const s of [service, floor]) {
        await cannon(s, { method: 'GET', path: r.path, token: w.officerToken }, { duration: WARMUP });
        runs[s.name] = await cannon(s, { method: 'GET', path: r.path, token: w.officerToken }, { duration: SECONDS });
        log(`${r.name} ${s.name}: ${runs[s.name].requests} requests, ${runs[s.name].cpuMsPerRequest.toFixed(3)} ms CPU each`);
      }
      const ratio = runs.service.cpuMsPerRequest / runs.floor.cpuMsPerRequest;
      results[r.name] = { service: runs.service, floor: runs.floor, ratio, targetRatio: READ_TARGET, targetMet: ratio <= READ_TARGET, bytes: bytes[r.name] };
    }

    // Intake: request n goes to tender n / bidders, bidder n % bidders (one bid per bidder and tender); the
    // probe bidder above is not used again.
    const usable = INTAKE_BIDDERS - 1;
    const capacity = usable * INTAKE_TENDERS;
    if (INTAKE_WARMUP + INTAKE_MEASURED > capacity) throw new Error(`intake needs ${INTAKE_WARMUP + INTAKE_MEASURED} bids, capacity ${capacity}`);
    const intakeRuns: Record<string, Run> = {};
    for (const s of CASES && !CASES.has('intake') ? [] : [service, floor]) {
      const tenders = s === service ? intakeTenders.service : intakeTenders.floor;
      let offset = 0;
      /** The bodies of `amount` requests from bid slot `offset` on; a slot's tender is offset / usable. */
      const load = (amount: number) => {
        const first = offset;
        offset += amount;
        return (k: number) => {
          // autocannon may prepare a request more than it sends: such a slot stays unused.
          const n = first + Math.min(k, amount - 1);
          const b = bidders[n % usable];
          const tender = tenders[Math.floor(n / usable)];
          return JSON.stringify(bidBody(n, b.id, b.name, new Date(tender.publishedAt.getTime() + 1000)));
        };
      };
      // One autocannon run per tender slice: the path names the tender of every body in it.
      const runSlices = async (amount: number): Promise<Run[]> => {
        const out: Run[] = [];
        let left = amount;
        while (left > 0) {
          const tenderIndex = Math.floor(offset / usable);
          const room = (tenderIndex + 1) * usable - offset;
          const take = Math.min(left, room);
          const body = load(take);
          out.push(await cannon(s, { method: 'POST', path: `/api/v1/tenders/${tenders[tenderIndex].id}/bids`, token: w.officerToken, body }, { amount: take }));
          left -= take;
        }
        return out;
      };
      await runSlices(INTAKE_WARMUP);
      const slices = await runSlices(INTAKE_MEASURED);
      const requests = slices.reduce((a, r) => a + r.requests, 0);
      const seconds = slices.reduce((a, r) => a + r.seconds, 0);
      const cpu = slices.reduce((a, r) => a + r.cpuSeconds, 0);
      intakeRuns[s.name] = {
        requests,
        seconds,
        reqPerSec: requests / seconds,
        // Per slice percentiles: the largest slice's (they are of similar size); see docs/performance.md.
        p50Ms: Math.max(...slices.map((r) => r.p50Ms)),
        p99Ms: Math.max(...slices.map((r) => r.p99Ms)),
        cpuSeconds: cpu,
        cpuMsPerRequest: (cpu * 1000) / requests,
        rssMbAfter: slices[slices.length - 1].rssMbAfter,
      };
      log(`intake ${s.name}: ${requests} bids, ${intakeRuns[s.name].cpuMsPerRequest.toFixed(3)} ms CPU each`);
    }
    if (CASES) return; // a profiling run: the per-case lines above are its output
    const intake = {
      service: intakeRuns.service,
      floor: intakeRuns.floor,
      ratio: intakeRuns.service.cpuMsPerRequest / intakeRuns.floor.cpuMsPerRequest,
      serviceBidsPerCoreSecond: 1000 / intakeRuns.service.cpuMsPerRequest,
      floorBidsPerCoreSecond: 1000 / intakeRuns.floor.cpuMsPerRequest,
      serviceCpuMsPerBid: intakeRuns.service.cpuMsPerRequest,
      targetCpuMsPerBid: INTAKE_TARGET_MS,
      targetMet: intakeRuns.service.cpuMsPerRequest <= INTAKE_TARGET_MS,
      nodesPerBid: 5,
      bytes: bytes['POST /api/v1/tenders/:id/bids'],
    };

    // The floor's writes joined the service's audit chain: the whole chain must still verify.
    const verify = await expectOk('audit verify', 200, http(service.url, 'GET', '/api/v1/audit-events/verify', w.officerToken));
    if (verify.valid !== true) throw new Mismatch(`audit chain broken after the bench: ${JSON.stringify(verify)}`);

    const rows: (string | number)[][] = [['path', 'server', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'service/floor', 'target']];
    const push = (name: string, r: { service: Run; floor: Run; ratio: number }, target: string) => {
      for (const s of ['service', 'floor'] as const) {
        const x = r[s];
        rows.push([
          s === 'service' ? name : '',
          s,
          x.requests,
          x.reqPerSec.toFixed(0),
          x.p50Ms.toFixed(1),
          x.p99Ms.toFixed(1),
          x.cpuMsPerRequest.toFixed(3),
          s === 'service' ? `${r.ratio.toFixed(2)}×` : '',
          s === 'service' ? target : '',
        ]);
      }
    };
    for (const r of reads) push(r.name, results[r.name], `≤ ${READ_TARGET}×: ${results[r.name].targetMet ? 'met' : 'NOT met'}`);
    push('POST /api/v1/tenders/:id/bids (5 nodes)', intake, `≤ ${INTAKE_TARGET_MS} ms: ${intake.targetMet ? 'met' : 'NOT met'}`);
    console.log(table(rows));
    console.log(
      `\nintake: service ${intake.serviceBidsPerCoreSecond.toFixed(0)} bids/s per core (${intake.serviceCpuMsPerBid.toFixed(2)} ms CPU per bid), floor ${intake.floorBidsPerCoreSecond.toFixed(0)} bids/s per core; target ≥ 200 bids/s per core: ${intake.targetMet ? 'met' : 'NOT met'}`,
    );
    console.log(
      `CPU: utime+stime of the server process (all threads) over the run / 2xx answers; ${CONNECTIONS} connections; audit chain verified after the run.`,
    );

    const record = {
      bench: 'api',
      pairs: [],
      extra: {
        date: new Date().toISOString(),
        pinned,
        taskset: HAS_TASKSET,
        connections: CONNECTIONS,
        warmupSeconds: WARMUP,
        measureSeconds: SECONDS,
        workload: { bids: BIDS, nodesPerBid: 5, criteria: 3, intakeWarmupBids: INTAKE_WARMUP, intakeMeasuredBids: INTAKE_MEASURED },
        checks: {
          readsByteForByte: 'ok',
          intake: 'floor answer = service read-back, byte for byte; POST answers equal but for id, tenderId, createdAt',
          auditChain: verify,
        },
        reads: results,
        intake,
        elapsedSeconds: Math.round((Date.now() - started) / 1000),
      },
    };
    const out = outPath();
    if (out) writeFileSync(out, JSON.stringify(record));
  } finally {
    await floor?.stop();
    await service?.stop();
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(e instanceof Mismatch ? 2 : 1);
});
