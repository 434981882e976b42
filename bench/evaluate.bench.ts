/**
 * evaluate() against a Float64Array loop computing the same totals, same
 * input, same process (see docs/performance.md).
 *
 * The target workload: 1,000 bids × 40 criteria × 5-node supply chains
 * (bench/lib/evaluation-input.ts). Smaller sizes of the same shape show how
 * the ratio grows with the number of bids. Every size is checked first: each
 * total and R within 1e-9 relative and the same ranking; any disagreement
 * aborts the bench (exit code 2).
 *
 * Also measured, for the analysis: where evaluate()'s time goes at 1,000 bids
 * (bench/lib/engine-parts.ts), and the "decimal floor" — the float loop's
 * algorithm in the engine's decimal type (bench/lib/decimal-floor.ts).
 *
 * Run: `npm run bench` (all benches) or
 *      `node --expose-gc -r ./tools/ts-register.js bench/evaluate.bench.ts [--sizes 100,1000]`.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { evaluate } from '../libs/evaluation/src';
import { fmt } from '../libs/evaluation/src/v1/decimal';
import { checkAgainstFloat, checkAgreement, checkFloatMethod } from './lib/agreement';
import { decimalTotals, prepareDecimal } from './lib/decimal-floor';
import { type EngineParts, measureEngineParts } from './lib/engine-parts';
import { DEADLINE_DATE, DEFAULT_SHAPE, buildEvaluationInput, loadDatasets } from './lib/evaluation-input';
import { type FloatInput, floatTotals, prepareFloat } from './lib/float-baseline';
import { floatMethod } from './lib/float-method';
import { fmtMs, fmtRatio, measurePair, timeOnce } from './lib/measure';
import { type BenchOutput, type PairRecord, outPath } from './lib/result';

export const TARGET_RATIO = 10;
/** Target of the float-method pairs (issue #9): exact evaluate() ≤ 30× the whole method in float64. */
export const FLOAT_METHOD_TARGET_RATIO = 30;
const FLOAT_METHOD = 'the whole method in float64 (bench/lib/float-method.ts)';
const FLOAT_METHOD_STEPS: Step[] = [
  { bids: 10, warmup: 5, runs: 21 },
  { bids: 100, warmup: 2, runs: 9 },
  { bids: DEFAULT_SHAPE.bids, warmup: 1, runs: 5 },
];
export const TARGET_BIDS = DEFAULT_SHAPE.bids;

interface Step {
  bids: number;
  /** Warm-up runs of evaluate(), the agreement run included (so at least 1). */
  warmup: number;
  runs: number;
}

/**
 * ≈ 70 s on 2 cores at ≈ 5 s per 1,000-bid run (the engine of commit 22a4a66).
 * A much slower engine makes the run longer: `--sizes` picks fewer sizes.
 */
const STEPS: Step[] = [
  { bids: 100, warmup: 2, runs: 7 },
  { bids: 250, warmup: 2, runs: 5 },
  { bids: 500, warmup: 1, runs: 5 },
  { bids: TARGET_BIDS, warmup: 2, runs: 7 },
];
/** The social-audit window's first day for DEADLINE_DATE (24 months before, §2). */
const AUDIT_FROM = '2023-06-30';
/** Baseline samples per size (spread over the rounds). */
const BASELINE_SAMPLES = 300;
const ENGINE = 'evaluate() (method v2: exact BigInt rationals)';
const FLOAT = 'Float64Array loop, same totals';

function measureStep(step: Step, datasets: ReturnType<typeof loadDatasets>): PairRecord {
  const input = buildEvaluationInput({ ...DEFAULT_SHAPE, bids: step.bids }, datasets);
  const f = prepareFloat(input, DEADLINE_DATE);
  const params = {
    bids: step.bids,
    criteria: input.tender.criteria.length,
    qualityCriteria: input.tender.criteria.filter((c) => c.kind === 'QUALITY').length,
    numberCriteria: input.tender.criteria.filter((c) => c.kind.startsWith('NUMBER_')).length,
    nodes: f.nodeStart[f.nBids],
    grades: input.grades.length,
    seed: DEFAULT_SHAPE.seed,
    inputDigest: createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16),
  };

  // Agreement first; this evaluate() run is the first warm-up run.
  process.stdout.write(`  ${step.bids} bids: agreement check`);
  let engineResult!: ReturnType<typeof evaluate>;
  const checkMs = timeOnce(() => (engineResult = evaluate(input)));
  const agreement = checkAgreement(engineResult, f, floatTotals(f));
  if (!agreement.ok) {
    console.error(`\nABORT: evaluate() and the float baseline disagree at ${step.bids} bids:\n  ${agreement.problems.join('\n  ')}`);
    process.exit(2);
  }
  console.log(
    ` ok (${agreement.checked} totals and R within ${agreement.maxRelTotal.toExponential(1)} / ${agreement.maxRelResidual.toExponential(1)} relative, same ranking)`,
  );

  const times = measurePair({
    label: `${step.bids} bids`,
    subject: { name: ENGINE, run: () => evaluate(input) },
    baseline: { name: FLOAT, run: () => floatTotals(f) },
    subjectWarmup: Math.max(0, step.warmup - 1),
    subjectRuns: step.runs,
    baselineWarmup: 200,
    baselinePerRound: Math.ceil(BASELINE_SAMPLES / step.runs),
  });
  return {
    name: `evaluate/${step.bids}-bids`,
    group: 'evaluate',
    params,
    subject: { name: ENGINE, ...times.subject },
    baseline: { name: FLOAT, ...times.baseline },
    ratio: times.ratio,
    ratioOfMins: times.ratioOfMins,
    target: TARGET_RATIO,
    targetMet: times.ratio <= TARGET_RATIO,
    checks: {
      agreement: 'ok',
      tolerance: 1e-9,
      maxRelativeDifferenceTotal: agreement.maxRelTotal,
      maxRelativeDifferenceResidual: agreement.maxRelResidual,
      rankingIdentical: true,
      agreementRunMs: checkMs,
    },
    note: step.bids === TARGET_BIDS ? 'the target workload' : `the target shape at ${step.bids} of ${TARGET_BIDS} bids`,
  };
}

/**
 * evaluate() against the same method in float64, same input, same process.
 * Checked first: same ranking, ranks, IIA and findings codes; every total,
 * score, points, R, node contribution, δ and the effective price weight
 * within 1e-9 — any disagreement aborts the bench (exit code 2).
 */
function floatMethodPair(step: Step, datasets: ReturnType<typeof loadDatasets>): PairRecord {
  const input = buildEvaluationInput({ ...DEFAULT_SHAPE, bids: step.bids }, datasets);
  process.stdout.write(`  float-method, ${step.bids} bids: agreement check`);
  let engineResult!: ReturnType<typeof evaluate>;
  const checkMs = timeOnce(() => (engineResult = evaluate(input)));
  const a = checkFloatMethod(engineResult, floatMethod(input, DEADLINE_DATE));
  if (!a.ok) {
    console.error(`\nABORT: evaluate() and the float method disagree at ${step.bids} bids:\n  ${a.problems.join('\n  ')}`);
    process.exit(2);
  }
  console.log(` ok (same ranking, IIA, findings; values within 1e-9, largest relative total difference ${a.maxRelTotal.toExponential(1)})`);
  const times = measurePair({
    label: `float-method, ${step.bids} bids`,
    subject: { name: ENGINE, run: () => evaluate(input) },
    baseline: { name: FLOAT_METHOD, run: () => floatMethod(input, DEADLINE_DATE) },
    subjectWarmup: Math.max(0, step.warmup - 1),
    subjectRuns: step.runs,
    baselineWarmup: 5,
    baselinePerRound: 3,
  });
  return {
    name: `evaluate-float-method/${step.bids}-bids`,
    group: 'evaluate',
    params: { bids: step.bids, criteria: input.tender.criteria.length, seed: DEFAULT_SHAPE.seed },
    subject: { name: ENGINE, ...times.subject },
    baseline: { name: FLOAT_METHOD, ...times.baseline },
    ratio: times.ratio,
    ratioOfMins: times.ratioOfMins,
    target: FLOAT_METHOD_TARGET_RATIO,
    targetMet: times.ratio <= FLOAT_METHOD_TARGET_RATIO,
    checks: {
      agreement: 'ok',
      tolerance: 1e-9,
      maxRelativeDifferenceTotal: a.maxRelTotal,
      maxRelativeDifferenceResidual: a.maxRelResidual,
      rankingIdentical: true,
      iiaIdentical: true,
      findingCodesIdentical: true,
      agreementRunMs: checkMs,
    },
    note: 'exact engine against the whole method in float64 (participation, risk, scores, ranking, sensitivity, IIA, effective price weight)',
  };
}

/**
 * Informational: the float loop's algorithm in the engine's Dec at 1,000 bids
 * against the float loop. First checked exactly against evaluate() at 25 bids
 * (same totals and R to the last digit, same ranking), then against the float
 * baseline at 1,000 (1e-9, same ranking).
 */
function decimalFloorPair(datasets: ReturnType<typeof loadDatasets>): PairRecord {
  const small = buildEvaluationInput({ ...DEFAULT_SHAPE, bids: 25 }, datasets);
  const fSmall = prepareFloat(small, DEADLINE_DATE);
  const ds = decimalTotals(fSmall, prepareDecimal(small, fSmall, DEADLINE_DATE, AUDIT_FROM));
  // The floor is decimal.js at 50 digits: it reproduces the frozen method-1 engine, digit for digit.
  const engine = evaluate({ ...small, methodVersion: '1' });
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
  const subjectName = 'linear loop in Dec (decimal.js, 50 digits)';
  const times = measurePair({
    label: `decimal floor, ${TARGET_BIDS} bids`,
    subject: { name: subjectName, run: () => decimalTotals(f, d) },
    baseline: { name: FLOAT, run: () => floatTotals(f) },
    subjectWarmup: 3,
    subjectRuns: 11,
    baselineWarmup: 200,
    baselinePerRound: Math.ceil(BASELINE_SAMPLES / 11),
  });
  return {
    name: `evaluate-decimal-floor/${TARGET_BIDS}-bids`,
    group: 'evaluate',
    params: { bids: TARGET_BIDS, criteria: input.tender.criteria.length, nodes: f.nodeStart[f.nBids], seed: DEFAULT_SHAPE.seed },
    subject: { name: subjectName, ...times.subject },
    baseline: { name: FLOAT, ...times.baseline },
    ratio: times.ratio,
    ratioOfMins: times.ratioOfMins,
    target: null,
    targetMet: null,
    checks: { exactVersusMethodV1EngineAt25Bids: true, maxRelativeDifferenceTotal: a.maxRelTotal, rankingIdentical: true },
    note: 'informational: the least an exact-decimal evaluation costs with decimal.js (no findings, explanations, robustness or validation)',
  };
}

function main(): void {
  const datasets = loadDatasets();
  // --sizes 100,1000: other sizes (warm-up 1 and 3 runs where STEPS has no entry).
  const sizesAt = process.argv.indexOf('--sizes');
  const steps =
    sizesAt >= 0 ? process.argv[sizesAt + 1].split(',').map((x) => STEPS.find((s) => s.bids === Number(x)) ?? { bids: Number(x), warmup: 1, runs: 3 }) : STEPS;
  console.log(
    `evaluate(): ${DEFAULT_SHAPE.criteria} criteria (1 PRICE LINEAR_SPAN, 1 HUMAN_RIGHTS, ${DEFAULT_SHAPE.quality} QUALITY, ` +
      `${DEFAULT_SHAPE.criteria - 2 - DEFAULT_SHAPE.quality} NUMBER_*), ${DEFAULT_SHAPE.nodesPerChain}-node chains, seed ${DEFAULT_SHAPE.seed}; ` +
      `sizes ${steps.map((s) => s.bids).join(', ')} bids`,
  );

  const measured = steps.map((s) => measureStep(s, datasets));

  // Growth between consecutive sizes: time ∝ n^k.
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

  let parts: (EngineParts & { evaluateMedianMs: number; otherMs: number }) | null = null;
  const target = measured.find((p) => p.params.bids === TARGET_BIDS);
  if (target) {
    process.stdout.write(`  ${TARGET_BIDS} bids: evaluate() in parts`);
    const p = measureEngineParts(buildEvaluationInput(DEFAULT_SHAPE, datasets));
    parts = { ...p, evaluateMedianMs: target.subject.medianMs, otherMs: target.subject.medianMs - p.sumMs };
    const pct = (ms: number): string => `${((100 * ms) / target.subject.medianMs).toFixed(0)} %`;
    console.log(
      ` (medians of ${p.runs}): ` +
        Object.entries(p.partsMs)
          .map(([k, v]) => `${k} ${fmtMs(v)} (${pct(v)})`)
          .join(', ') +
        `, other ${fmtMs(parts.otherMs)} (${pct(parts.otherMs)})`,
    );
  }

  const floatMethodPairs = (sizesAt >= 0 ? steps : FLOAT_METHOD_STEPS).map((s) => floatMethodPair(s, datasets));
  for (const p of floatMethodPairs) {
    console.log(
      `  float-method ratio at ${p.params.bids} bids: ${fmtRatio(p.ratio!)} (target ≤ ${FLOAT_METHOD_TARGET_RATIO}×: ${p.targetMet ? 'met' : 'NOT met'})`,
    );
  }
  const pairs = [...measured, ...floatMethodPairs, decimalFloorPair(datasets)];
  const largest = measured[measured.length - 1];
  console.log(`  ratio at ${largest.params.bids} bids: ${fmtRatio(largest.ratio!)} (target ≤ ${TARGET_RATIO}×: ${largest.targetMet ? 'met' : 'NOT met'})`);

  const out: BenchOutput = { bench: 'evaluate', pairs, extra: { scaling, targetBids: TARGET_BIDS, targetRatio: TARGET_RATIO, parts } };
  const file = outPath();
  if (file) writeFileSync(file, JSON.stringify(out, null, 2));
}

main();
