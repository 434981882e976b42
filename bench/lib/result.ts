/** The record every bench writes for bench/run.js (and bench/results/latest.json). */
import type { Stats } from './measure';

export interface PairRecord {
  /** Stable id, e.g. "evaluate/100-bids", "report/fixture". */
  name: string;
  group: 'evaluate' | 'report';
  /** What was measured, in words and numbers. */
  params: Record<string, string | number | boolean | null>;
  subject: { name: string } & Stats;
  baseline: { name: string } & Stats;
  /** median(subject) / median(baseline). */
  ratio: number | null;
  ratioOfMins: number | null;
  /** Ratio target of the pair, when it has one (evaluate: 10). */
  target: number | null;
  /** ratio ≤ target; null when the pair has no target. */
  targetMet: boolean | null;
  /** The precondition checks of the pair (evaluate: engine and baseline agree). */
  checks?: Record<string, unknown>;
  note?: string;
}

export interface BenchOutput {
  bench: string;
  pairs: PairRecord[];
  extra?: Record<string, unknown>;
}

/** Where a bench started by bench/run.js writes its output; standalone runs only print. */
export function outPath(): string | null {
  const i = process.argv.indexOf('--out');
  return i >= 0 ? process.argv[i + 1] : null;
}
