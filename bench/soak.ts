/**
 * Soak (issue #12 item 5): the real service on a database of its own, 60 s at
 * 50 concurrent connections mixing reads (tender, bid list, evaluation), bid
 * submissions to published tenders and evaluations of closed tenders; two
 * tenders reach their deadline during the run and are closed and evaluated
 * then. Every answer must be 2xx (nothing else is an expected outcome in this
 * mix). The same load runs a warm-up first (--warmup, 20 s: JIT, pools, heap
 * sizing), not counted in the figures; RSS of the service is sampled every
 * second of the measured window, from its start (after the warm-up) to its
 * end. Flat: the troughs and the peaks of RSS in the first and the last 15 s
 * of the window within 10 % (single samples and 10 s medians are reported
 * too; they depend on where in the GC saw-tooth they fall).
 *
 *   npm run soak [-- --seconds 60 --warmup 20 --connections 50 --out file]
 *
 * Writes bench/results/soak.json (or --out). Exit code 1 when a check fails.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBenchDatabase, cpuSeconds, http, log, parallel, pinSelf, ROOT, rssKb, type Server, sleep, startService } from './api/harness';
import { bidBody, closeAndEvaluate, createBidders, publishedTender, seedWorld, submitBids } from './api/world';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('--seconds', 60);
const CONNECTIONS = arg('--connections', 50);
const WARMUP_S = arg('--warmup', 20);

type Kind = 'tender' | 'bidList' | 'evaluation' | 'bid' | 'evaluate' | 'close';
const WEIGHTS: [Kind, number][] = [
  ['tender', 30],
  ['bidList', 22],
  ['evaluation', 10],
  ['bid', 35],
  ['evaluate', 3],
];

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', ['--no-optional-locks', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function main(): Promise<void> {
  const pinned = pinSelf();
  const db = await createBenchDatabase('tender_soak');
  let service: Server | null = null;
  try {
    service = await startService(db.url);
    const w = await seedWorld(service.url, 'soak');
    const bidders = await createBidders(w, 600, 'S');
    // Closed and evaluated before the run: the read and re-evaluation targets.
    const readDeadline = new Date(Date.now() + 20_000);
    const readTenders = await parallel([0, 1, 2], 3, (i) => publishedTender(w, `SOAK-R${i}`, readDeadline));
    for (const t of readTenders) await submitBids(w, t.id, bidders.slice(0, 50), new Date(t.publishedAt.getTime() + 1000));
    // Deadlines inside the run: closed and evaluated while the load runs.
    const runStartsBy = Date.now() + 40_000;
    const timed = await parallel([20, 40], 2, async (s, i) => {
      const deadline = new Date(runStartsBy + (WARMUP_S + s) * 1000);
      return { ...(await publishedTender(w, `SOAK-T${i}`, deadline)), deadline };
    });
    for (const t of timed) await submitBids(w, t.id, bidders.slice(100, 130), new Date(t.publishedAt.getTime() + 1000));
    const far = new Date(Date.now() + 30 * 86_400_000);
    // 600 bidders × 16 tenders: room for 9,600 submissions (≈ 60 bids/s over 80 s of load leaves a margin).
    const intake = await parallel(
      Array.from({ length: 16 }, (_, i) => i),
      2,
      (i) => publishedTender(w, `SOAK-I${i}`, far),
    );
    const evaluations: string[] = [];
    for (const t of readTenders) evaluations.push(await closeAndEvaluate(w, t.id, readDeadline));
    const closed = readTenders.map((t) => t.id);
    const wait = runStartsBy - Date.now();
    if (wait > 0) await sleep(wait);
    else log(`seeding took ${-wait} ms longer than planned; the timed tenders' deadlines come earlier in the run`);

    const lat: Record<Kind, number[]> = { tender: [], bidList: [], evaluation: [], bid: [], evaluate: [], close: [] };
    const errors: { kind: Kind; status: number; text: string }[] = [];
    const rss: { t: number; mb: number }[] = [];
    let bidSlot = 0;
    // t0: the start of the measured window; the warm-up runs the same load before it.
    const t0 = Date.now() + WARMUP_S * 1000;
    const end = t0 + SECONDS * 1000;
    let cpu0 = cpuSeconds(service.pid);
    const sampler = setInterval(() => {
      const t = Math.round((Date.now() - t0) / 1000);
      if (t >= 0) rss.push({ t, mb: rssKb(service!.pid) / 1024 });
    }, 1000);
    const measureStart = setTimeout(() => {
      cpu0 = cpuSeconds(service!.pid);
      rss.push({ t: 0, mb: rssKb(service!.pid) / 1024 });
    }, WARMUP_S * 1000);
    const total = WEIGHTS.reduce((a, [, x]) => a + x, 0);
    const pick = (): Kind => {
      let r = Math.random() * total;
      for (const [k, x] of WEIGHTS) if ((r -= x) < 0) return k;
      return 'tender';
    };
    const any = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
    const call = async (kind: Kind, method: string, p: string, body?: unknown): Promise<any> => {
      const s = process.hrtime.bigint();
      let r;
      try {
        r = await http(w.base, method, p, w.officerToken, body);
      } catch (e) {
        errors.push({ kind, status: 0, text: (e as Error).message });
        return null;
      }
      if (Date.now() >= t0) lat[kind].push(Number(process.hrtime.bigint() - s) / 1e6);
      if (r.status < 200 || r.status > 299) {
        errors.push({ kind, status: r.status, text: r.text.slice(0, 300) });
        return null;
      }
      return r.body;
    };
    const closer = (async () => {
      for (const t of timed) {
        while (Date.now() < t.deadline.getTime() + 50 && Date.now() < end) await sleep(100);
        if (Date.now() >= end) return;
        if (await call('close', 'POST', `/api/v1/tenders/${t.id}/close`)) {
          const e = await call('evaluate', 'POST', `/api/v1/tenders/${t.id}/evaluations`);
          if (e) evaluations.push(e.id);
          closed.push(t.id);
        }
      }
    })();
    const workers = Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const kind = pick();
        if (kind === 'tender') await call(kind, 'GET', `/api/v1/tenders/${any([...readTenders, ...timed, ...intake]).id}`);
        else if (kind === 'bidList') await call(kind, 'GET', `/api/v1/tenders/${any(readTenders).id}/bids`);
        else if (kind === 'evaluation') await call(kind, 'GET', `/api/v1/evaluations/${any(evaluations)}`);
        else if (kind === 'evaluate') {
          const e = await call(kind, 'POST', `/api/v1/tenders/${any(closed)}/evaluations`);
          if (e && evaluations.length < 200) evaluations.push(e.id);
        } else {
          const n = bidSlot++;
          const tender = intake[Math.floor(n / bidders.length)];
          if (!tender) throw new Error('soak: out of bidder × tender slots for bids');
          const b = bidders[n % bidders.length];
          await call(kind, 'POST', `/api/v1/tenders/${tender.id}/bids`, bidBody(n, b.id, b.name, new Date(tender.publishedAt.getTime() + 1000)));
        }
      }
    });
    try {
      await Promise.all([...workers, closer]);
    } finally {
      clearInterval(sampler);
      clearTimeout(measureStart);
    }
    const elapsed = (Date.now() - t0) / 1000;
    const cpu = cpuSeconds(service.pid) - cpu0;
    rss.push({ t: Math.round(elapsed), mb: rssKb(service.pid) / 1024 });

    const kinds = Object.fromEntries(
      (Object.keys(lat) as Kind[]).map((k) => {
        const s = [...lat[k]].sort((a, b) => a - b);
        return [
          k,
          { requests: s.length, errors: errors.filter((e) => e.kind === k).length, p50Ms: pct(s, 50), p99Ms: pct(s, 99), maxMs: s[s.length - 1] ?? null },
        ];
      }),
    );
    const all = Object.values(lat)
      .flat()
      .sort((a, b) => a - b);
    const afterWarmup = rss[0]?.mb ?? NaN;
    const atEnd = rss[rss.length - 1].mb;
    const rssChange = (atEnd - afterWarmup) / afterWarmup;
    // RSS saw-tooths with the garbage collector (±10 % within seconds): the medians of the 10 s after the
    // warm-up and of the last 10 s, beside the two single samples the check compares.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const lastT = rss[rss.length - 1].t;
    const medianAfterWarmup = median(rss.filter((x) => x.t < 10).map((x) => x.mb));
    const medianAtEnd = median(rss.filter((x) => x.t > lastT - 10).map((x) => x.mb));
    // The service's RSS saw-tooths with major GCs (≈ 550–740 MB every 10–15 s here): single samples compare
    // phases of the saw, not memory. Flat means the troughs (after a GC) and the peaks of the first and the
    // last 15 s of the measured window agree within 10 %.
    const first15 = rss.filter((x) => x.t < 15).map((x) => x.mb);
    const last15 = rss.filter((x) => x.t > lastT - 15).map((x) => x.mb);
    const troughs = { first: Math.min(...first15), last: Math.min(...last15) };
    const peaks = { first: Math.max(...first15), last: Math.max(...last15) };
    const change = (a: { first: number; last: number }) => (a.last - a.first) / a.first;
    const timedClosed = timed.filter((t) => closed.includes(t.id)).length;
    const verify = await http(w.base, 'GET', '/api/v1/audit-events/verify', w.officerToken);
    const status = git('status', '--porcelain', '--untracked-files=no');
    const record = {
      date: new Date().toISOString(),
      node: process.version,
      commit: git('rev-parse', 'HEAD'),
      worktreeDirty: status === null ? null : status !== '',
      command: `npm run soak${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      pinned,
      seconds: elapsed,
      warmupSeconds: WARMUP_S,
      connections: CONNECTIONS,
      mix: Object.fromEntries(WEIGHTS),
      requests: all.length,
      reqPerSec: all.length / elapsed,
      errors: errors.length,
      errorSamples: errors.slice(0, 10),
      p50Ms: pct(all, 50),
      p99Ms: pct(all, 99),
      kinds,
      serviceCpuSeconds: cpu,
      serviceCpuMsPerRequest: (cpu * 1000) / all.length,
      bidsSubmitted: kinds.bid.requests,
      evaluationsCreated: kinds.evaluate.requests,
      tendersClosedDuringRun: timedClosed,
      rss: {
        afterWarmupMb: afterWarmup,
        atEndMb: atEnd,
        change: rssChange,
        medianAfterWarmupMb: medianAfterWarmup,
        medianLast10sMb: medianAtEnd,
        medianChange: (medianAtEnd - medianAfterWarmup) / medianAfterWarmup,
        troughsMb: troughs,
        troughChange: change(troughs),
        peaksMb: peaks,
        peakChange: change(peaks),
        maxMb: Math.max(...rss.map((x) => x.mb)),
        samples: rss,
      },
      auditChain: verify.body,
      checks: {
        zeroErrors: errors.length === 0,
        rssFlatWithin10Percent: Math.abs(change(troughs)) <= 0.1 && Math.abs(change(peaks)) <= 0.1,
        timedTendersClosed: timedClosed === timed.filter((t) => t.deadline.getTime() + 1000 < end).length,
        auditChainValid: verify.body?.valid === true,
      },
    };
    const outAt = process.argv.indexOf('--out');
    const outFile = outAt >= 0 ? path.resolve(process.argv[outAt + 1]) : path.join(ROOT, 'bench', 'results', 'soak.json');
    writeFileSync(outFile, `${JSON.stringify(record, null, 2)}\n`);
    const f = (x: number) => x.toFixed(1);
    console.log(
      `soak: ${f(elapsed)} s, ${CONNECTIONS} connections, ${all.length} requests (${f(record.reqPerSec)}/s), ${errors.length} errors, p50 ${f(record.p50Ms)} ms, p99 ${f(record.p99Ms)} ms`,
    );
    for (const [k, v] of Object.entries(kinds))
      console.log(`  ${k.padEnd(10)} ${String(v.requests).padStart(6)} requests  ${v.errors} errors  p50 ${f(v.p50Ms)} ms  p99 ${f(v.p99Ms)} ms`);
    console.log(
      `  RSS after warm-up ${f(afterWarmup)} MB, at the end ${f(atEnd)} MB (${(rssChange * 100).toFixed(1)} %; medians of 10 s ${f(medianAfterWarmup)} → ${f(medianAtEnd)} MB; troughs of the first and last 15 s ${f(troughs.first)} → ${f(troughs.last)} MB, peaks ${f(peaks.first)} → ${f(peaks.last)} MB), max ${f(record.rss.maxMb)} MB; service CPU ${f(record.serviceCpuMsPerRequest)} ms/request`,
    );
    console.log(`  checks: ${JSON.stringify(record.checks)}; written ${path.relative(ROOT, outFile)}`);
    for (const e of errors.slice(0, 5)) console.log(`  error: ${e.kind} ${e.status} ${e.text}`);
    if (!Object.values(record.checks).every(Boolean)) process.exitCode = 1;
  } finally {
    await service?.stop();
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
