/**
 * evaluate() against a Float64Array loop computing the same totals, same
 * input, same process (see docs/performance.md).
 *
 * The workload of the target is 1,000 bids × 40 criteria × 5-node supply
 * chains. evaluate() grows with about the cube of the number of bids there
 * (the IIA check re-scores the tender once per removed bid, and each scoring
 * scans every bid per bid on NUMBER_* criteria), so one 1,000-bid run takes
 * tens of minutes: the default run measures the same shape at 25, 50, 100 and
 * 200 bids (the baseline at 1,000 too), and `--full` adds the 1,000-bid engine
 * run (once, no warm-up beyond the agreement run).
 *
 * Every size is checked first: each total and R within 1e-9 relative and the
 * same ranking; any disagreement aborts the bench (exit code 2).
 *
 * Run: `npm run bench` (all benches) or
 *      `node --expose-gc -r ./tools/ts-register.js bench/evaluate.bench.ts [--full]`.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { evaluate } from '../libs/evaluation/src';
import { checkAgainstFloat, checkAgreement } from './lib/agreement';
import { decimalTotals, prepareDecimal } from './lib/decimal-floor';
import { fmt } from '../libs/evaluation/src/decimal';
import { DEADLINE_DATE, DEFAULT_SHAPE, buildEvaluationInput, loadDatasets } from './lib/evaluation-input';
import { type FloatInput, floatTotals, prepareFloat } from './lib/float-baseline';
import { fmtMs, fmtRatio, measurePair, stats, timeOnce } from './lib/measure';
import { type BenchOutput, type PairRecord, hasFlag, outPath } from './lib/result';

export const TARGET_RATIO = 10;
export const TARGET_BIDS = DEFAULT_SHAPE.bids;

interface Step {
  bids: number;
  /**
   * Warm-up runs of evaluate(), the agreement run included. 0: the agreement
   * run is the first measured run — for sizes where one run takes many
   * seconds, after the smaller sizes have warmed the JIT up (the second 200-bid
   * run times within 1 % of the first).
   */
  warmup: number;
  runs: number;
}

/** Sized for ≈ 1.5 minutes on 2 cores (per run 25: ≈ 0.17 s, 50: ≈ 0.7 s, 100: ≈ 4 s, 200: ≈ 28 s). */
const LADDER: Step[] = [
  { bids: 25, warmup: 3, runs: 15 },
  { bids: 50, warmup: 2, runs: 9 },
  { bids: 100, warmup: 1, runs: 5 },
  { bids: 200, warmup: 0, runs: 2 },
];
/** One run of ≈ 40 minutes: the agreement run is the measurement. */
const FULL_STEP: Step = { bids: TARGET_BIDS, warmup: 0, runs: 1 };
/** The social-audit window's first day for DEADLINE_DATE (24 months before, §2). */
const AUDIT_FROM = '2023-06-30';
/** Baseline samples per size (spread over the rounds). */
const BASELINE_SAMPLES = 300;

/**
 * Informational: the float baseline's linear algorithm in the engine's Dec at
 * 1,000 bids (bench/lib/decimal-floor.ts) against the float loop. First checked
 * exactly against evaluate() at 25 bids (same totals and R to the last digit),
 * then against the float baseline at 1,000 (1e-9, same ranking).
 */
function decimalFloorPair(datasets: ReturnType<typeof loadDatasets>): PairRecord {
  const small = buildEvaluationInput({ ...DEFAULT_SHAPE, bids: 25 }, datasets);
  const fSmall = prepareFloat(small, DEADLINE_DATE);
  const ds = decimalTotals(fSmall, prepareDecimal(small, fSmall, DEADLINE_DATE, AUDIT_FROM));
  const engine = evaluate(small);
  const byId = new Map(engine.bids.map((b) => [b.bidId, b]));
  const exact = fSmall.bidIds.every((id, i) => byId.get(id)?.total === fmt(ds.total[i]) && byId.get(id)?.risk.residual === fmt(ds.residual[i]));
  const sameRanking = ds.order.every((b, k) => fSmall.bidIds[b] === engine.ranking[k]);
  if (!exact || !sameRanking) {
    console.error(`\nABORT: the decimal floor does not reproduce evaluate() at 25 bids (totals/R exact: ${exact}, ranking: ${sameRanking})`);
    process.exit(2);
  }

  const input = buildEvaluationInput(DEFAULT_SHAPE, datasets);
  const f: FloatInput = prepareFloat(input, DEADLINE_DATE);
  const d = prepareDecimal(input, f, DEADLINE_DATE, AUDIT_FROM);
  process.stdout.write(`  decimal floor, ${TARGET_BIDS} bids: agreement check`);
  const r = decimalTotals(f, d);
  const at = new Map(f.bidIds.map((id, i) => [id, i]));
  const a = checkAgainstFloat(
    { total: (id) => fmt(r.total[at.get(id)!]), residual: (id) => fmt(r.residual[at.get(id)!]), ranking: r.order.map((i) => f.bidIds[i]) },
    f,
    floatTotals(f),
  );
  if (!a.ok) {
    console.error(`\nABORT: the decimal floor and the float baseline disagree:\n  ${a.problems.join('\n  ')}`);
    process.exit(2);
  }
  console.log(` ok (equals evaluate() digit for digit at 25 bids; within ${a.maxRelTotal.toExponential(1)} of the float totals at ${TARGET_BIDS})`);
  const times = measurePair({
    label: `decimal floor, ${TARGET_BIDS} bids`,
    subject: { name: 'linear loop in Dec (decimal.js, 50 digits)', run: () => decimalTotals(f, d) },
    baseline: { name: 'Float64Array loop, same totals', run: () => floatTotals(f) },
    subjectWarmup: 3,
    subjectRuns: 11,
    baselineWarmup: 200,
    baselinePerRound: Math.ceil(BASELINE_SAMPLES / 11),
  });
  return {
    name: `evaluate-decimal-floor/${TARGET_BIDS}-bids`,
    group: 'evaluate',
    params: { bids: TARGET_BIDS, criteria: input.tender.criteria.length, nodes: f.nodeStart[f.nBids], seed: DEFAULT_SHAPE.seed },
    subject: { name: 'linear loop in Dec (decimal.js, 50 digits)', ...times.subject },
    baseline: { name: 'Float64Array loop, same totals', ...times.baseline },
    ratio: times.ratio,
    ratioOfMins: times.ratioOfMins,
    target: null,
    targetMet: null,
    checks: { exactVersusEngineAt25Bids: true, maxRelativeDifferenceTotal: a.maxRelTotal, rankingIdentical: true },
    note: 'informational: the least an exact-decimal evaluation costs with decimal.js (no findings, explanations, robustness or validation)',
  };
}

function main(): void {
  const full = hasFlag('--full');
  const datasets = loadDatasets();
  const pairs: PairRecord[] = [];
  const skipped: NonNullable<BenchOutput['skipped']> = [];
  // --sizes 25,50: a quicker ladder for trying things out (warm-up 1, 3 runs where the ladder has no entry).
  const sizesAt = process.argv.indexOf('--sizes');
  const ladder =
    sizesAt >= 0
      ? process.argv[sizesAt + 1].split(',').map((x) => LADDER.find((s) => s.bids === Number(x)) ?? { bids: Number(x), warmup: 1, runs: 3 })
      : LADDER;
  const steps = full ? [...ladder, FULL_STEP] : ladder;
  console.log(
    `evaluate(): ${DEFAULT_SHAPE.criteria} criteria (1 PRICE LINEAR_SPAN, 1 HUMAN_RIGHTS, ${DEFAULT_SHAPE.quality} QUALITY, ` +
      `${DEFAULT_SHAPE.criteria - 2 - DEFAULT_SHAPE.quality} NUMBER_*), ${DEFAULT_SHAPE.nodesPerChain}-node chains, seed ${DEFAULT_SHAPE.seed}; ` +
      `sizes ${steps.map((s) => s.bids).join(', ')} bids${full ? '' : ` (${TARGET_BIDS}: baseline only; --full runs the engine too)`}`,
  );

  for (const step of steps) {
    const input = buildEvaluationInput({ ...DEFAULT_SHAPE, bids: step.bids }, datasets);
    const inputDigest = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
    const f = prepareFloat(input, DEADLINE_DATE);
    const params = {
      bids: step.bids,
      criteria: input.tender.criteria.length,
      qualityCriteria: input.tender.criteria.filter((c) => c.kind === 'QUALITY').length,
      numberCriteria: input.tender.criteria.filter((c) => c.kind.startsWith('NUMBER_')).length,
      nodes: f.nodeStart[f.nBids],
      grades: input.grades.length,
      seed: DEFAULT_SHAPE.seed,
      inputDigest,
    };

    // Agreement first; this evaluate() run is the first warm-up run (or, with warmup 0, the first measured run).
    process.stdout.write(`  ${step.bids} bids: agreement check`);
    let engineResult!: ReturnType<typeof evaluate>;
    const checkMs = timeOnce(() => (engineResult = evaluate(input)));
    const agreement = checkAgreement(engineResult, f, floatTotals(f));
    if (!agreement.ok) {
      console.error(`\nABORT: evaluate() and the float baseline disagree at ${step.bids} bids:\n  ${agreement.problems.join('\n  ')}`);
      process.exit(2);
    }
    console.log(
      ` ok (${agreement.checked} totals and R within ${agreement.maxRelTotal.toExponential(1)} / ${agreement.maxRelResidual.toExponential(1)} relative, same ranking; ${fmtMs(checkMs)})`,
    );
    const checks = {
      agreement: 'ok',
      tolerance: 1e-9,
      maxRelativeDifferenceTotal: agreement.maxRelTotal,
      maxRelativeDifferenceResidual: agreement.maxRelResidual,
      rankingIdentical: true,
      agreementRunMs: checkMs,
      agreementRunIsFirstSample: step.warmup === 0,
    };

    const times = measurePair({
      label: `${step.bids} bids`,
      subject: { name: 'evaluate() (decimal.js engine)', run: () => evaluate(input) },
      baseline: { name: 'Float64Array loop, same totals', run: () => floatTotals(f) },
      subjectWarmup: Math.max(0, step.warmup - 1),
      subjectSamples: step.warmup === 0 ? [checkMs] : [],
      subjectRuns: step.runs,
      baselineWarmup: 200,
      baselinePerRound: Math.ceil(BASELINE_SAMPLES / step.runs),
    });
    pairs.push({
      name: `evaluate/${step.bids}-bids`,
      group: 'evaluate',
      params,
      subject: { name: 'evaluate() (decimal.js engine)', ...times.subject },
      baseline: { name: 'Float64Array loop, same totals', ...times.baseline },
      ratio: times.ratio,
      ratioOfMins: times.ratioOfMins,
      target: TARGET_RATIO,
      targetMet: times.ratio <= TARGET_RATIO,
      checks,
      note: step.bids === TARGET_BIDS ? 'the target workload' : `the target shape at ${step.bids} of ${TARGET_BIDS} bids`,
    });
  }

  if (!full) {
    // The baseline at the target size is cheap: measure it, so the table shows what the engine is compared with there.
    const input = buildEvaluationInput(DEFAULT_SHAPE, datasets);
    const f = prepareFloat(input, DEADLINE_DATE);
    for (let i = 0; i < 200; i++) floatTotals(f);
    const samples = Array.from({ length: BASELINE_SAMPLES }, () => timeOnce(() => floatTotals(f)));
    const baseline = { name: 'Float64Array loop, same totals', ...stats(samples) };
    console.log(`  ${TARGET_BIDS} bids: baseline only, median ${fmtMs(baseline.medianMs)} (evaluate() not run: tens of minutes per run; use --full)`);
    skipped.push({
      name: `evaluate/${TARGET_BIDS}-bids`,
      reason: 'evaluate() takes tens of minutes per run at 1,000 bids (O(n³) in the IIA check); measured only with --full',
      baseline,
    });
  }

  pairs.push(decimalFloorPair(datasets));

  // Growth between consecutive sizes of the engine: time ∝ n^k.
  const measured = pairs.filter((p) => p.subject.name.startsWith('evaluate()'));
  const scaling = measured.slice(1).map((p, i) => {
    const q = measured[i];
    const k = (a: number, b: number): number => Math.log(a / b) / Math.log(Number(p.params.bids) / Number(q.params.bids));
    return {
      from: q.params.bids,
      to: p.params.bids,
      engineExponent: k(p.subject.medianMs, q.subject.medianMs),
      baselineExponent: k(p.baseline.medianMs, q.baseline.medianMs),
    };
  });
  for (const s of scaling) {
    console.log(`  growth ${s.from} → ${s.to} bids: engine ∝ n^${s.engineExponent.toFixed(2)}, baseline ∝ n^${s.baselineExponent.toFixed(2)}`);
  }
  const largest = measured[measured.length - 1];
  console.log(`  ratio at ${largest.params.bids} bids: ${fmtRatio(largest.ratio!)} (target ≤ ${TARGET_RATIO}×: ${largest.targetMet ? 'met' : 'NOT met'})`);

  const out: BenchOutput = { bench: 'evaluate', pairs, skipped, extra: { scaling, targetBids: TARGET_BIDS, targetRatio: TARGET_RATIO, full } };
  const file = outPath();
  if (file) writeFileSync(file, JSON.stringify(out, null, 2));
}

main();
