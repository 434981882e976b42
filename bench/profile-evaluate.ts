/**
 * One evaluate() run on the bench input, for the CPU profiler (not part of
 * `npm run bench`):
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof -r ./tools/ts-register.js bench/profile-evaluate.ts 1000
 *   node bench/cpuprofile-summary.js /tmp/prof/*.cpuprofile
 *
 * The argument is the number of bids (default 1000; the shape is the bench's:
 * 40 criteria, 5-node chains, same seed). A warm-up run on 25 bids comes first
 * so that the profile shows steady-state code, not compilation.
 */
import { evaluate } from '../libs/evaluation/src';
import { DEFAULT_SHAPE, buildEvaluationInput, loadDatasets } from './lib/evaluation-input';

const bids = Number(process.argv[2] ?? 1000);
const datasets = loadDatasets();
evaluate(buildEvaluationInput({ ...DEFAULT_SHAPE, bids: 25 }, datasets));
const input = buildEvaluationInput({ ...DEFAULT_SHAPE, bids }, datasets);
const t0 = process.hrtime.bigint();
const result = evaluate(input);
console.log(`evaluate() on ${bids} bids: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms, winner ${result.ranking[0]}`);
