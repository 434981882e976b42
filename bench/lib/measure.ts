/**
 * Timing for the benches: per-run wall times with process.hrtime, and the
 * statistics every pair reports. With --expose-gc (bench/run.js passes it) the
 * heap is collected once before each pair, not before each sample: a forced
 * full GC before every run made the same renderAuditReport() ≈ 50 % slower
 * (110 ms instead of 75 ms, observed; the mechanism inside V8 was not
 * investigated), which would measure an unrealistic process. Garbage collection during a run counts, as it does in service. Subject and baseline are measured
 * in the same process, interleaved round by round, so that a machine that
 * slows down or speeds up during the run moves both sides alike: the ratio is
 * the figure, not the absolute times.
 */

export interface Stats {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Nearest-rank 99th percentile of the per-run times; with fewer than 100 runs it is the maximum. */
  p99Ms: number;
  meanMs: number;
}

export interface Side {
  name: string;
  /** Must return something derived from the work, so that it cannot be optimised away. */
  run: () => unknown;
}

export interface PairOptions {
  subject: Side;
  baseline: Side;
  subjectWarmup: number;
  subjectRuns: number;
  baselineWarmup: number;
  /** Baseline runs measured after each subject run (so baseline runs = subjectRuns × this). */
  baselinePerRound: number;
  /** Printed while measuring. */
  label: string;
  /** Subject samples already taken (a run long enough to need no warm-up, e.g. the agreement run of a large size). */
  subjectSamples?: number[];
}

export interface PairTimes {
  subject: Stats;
  baseline: Stats;
  /** median(subject) / median(baseline). */
  ratio: number;
  /** min(subject) / min(baseline): the same ratio with the least disturbed runs. */
  ratioOfMins: number;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;
let sink = 0;

/** Keeps results alive and observable, so that no run is dead code. */
function consume(x: unknown): void {
  if (x && typeof x === 'object' && 'length' in x) sink ^= Number((x as { length: number }).length) | 0;
  else sink ^= x === undefined ? 0 : 1;
}

export function sinkValue(): number {
  return sink;
}

export function timeOnce(run: () => unknown): number {
  const t0 = process.hrtime.bigint();
  const out = run();
  const t1 = process.hrtime.bigint();
  consume(out);
  return Number(t1 - t0) / 1e6;
}

export function stats(samplesMs: number[]): Stats {
  if (samplesMs.length === 0) throw new Error('stats of no samples');
  const s = [...samplesMs].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return {
    runs: n,
    medianMs: median,
    minMs: s[0],
    maxMs: s[n - 1],
    p99Ms: s[Math.ceil(0.99 * n) - 1],
    meanMs: s.reduce((a, x) => a + x, 0) / n,
  };
}

export function fmtMs(ms: number): string {
  if (ms >= 120_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function fmtRatio(r: number): string {
  if (r >= 100) return `${Math.round(r).toLocaleString('en-US')}×`;
  return `${r.toFixed(2)}×`;
}

/**
 * Warm both sides up, then interleave: one subject run, `baselinePerRound`
 * baseline runs, repeated `subjectRuns` times (a round whose subject sample was
 * given in `subjectSamples` only runs the baseline).
 */
export function measurePair(o: PairOptions): PairTimes {
  const log = (s: string): void => void process.stdout.write(s);
  gc?.();
  log(`  ${o.label}: warm-up`);
  for (let i = 0; i < o.baselineWarmup; i++) consume(o.baseline.run());
  for (let i = 0; i < o.subjectWarmup; i++) {
    consume(o.subject.run());
    log('.');
  }
  log(' measuring');
  const subj: number[] = [...(o.subjectSamples ?? [])];
  const base: number[] = [];
  for (let r = 0; r < o.subjectRuns; r++) {
    if (r >= subj.length) subj.push(timeOnce(o.subject.run));
    for (let k = 0; k < o.baselinePerRound; k++) base.push(timeOnce(o.baseline.run));
    log('.');
  }
  const subject = stats(subj);
  const baseline = stats(base);
  log(` ${fmtMs(subject.medianMs)} vs ${fmtMs(baseline.medianMs)} → ${fmtRatio(subject.medianMs / baseline.medianMs)}\n`);
  return { subject, baseline, ratio: subject.medianMs / baseline.medianMs, ratioOfMins: subject.minMs / baseline.minMs };
}
