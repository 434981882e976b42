import Decimal from 'decimal.js';
import { COMPARE_DECIMAL_PLACES, Rational, type CriterionScore, type EvaluationResult } from '@app/evaluation';

/**
 * Points are the engine's decimal strings (exact, or 50 significant digits).
 * 60 digits keep the difference of two such values exact.
 */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

export interface DecisiveAdvantage {
  criterion: string;
  points: string;
  runnerUpPoints: string;
  difference: string;
}

const plain = (x: Decimal): string => (x.isZero() ? '0' : x.toFixed());
/** Method version 1 (no exact fractions recorded) compared as its engine did: values equal to 30 places are equal. */
const q = (x: Decimal): Decimal => x.toDecimalPlaces(COMPARE_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN);

const FRACTION = /^(-?(?:0|[1-9][0-9]*))(?:\/([1-9][0-9]*))?$/;

/** The engine's exact points ("n/d" or "n", version 2); null for a version-1 result, which has none. */
function exactPoints(s: CriterionScore): Rational | null {
  if (s.pointsFraction === undefined) return null;
  const m = FRACTION.exec(s.pointsFraction);
  if (!m) throw new RangeError(`malformed pointsFraction ${s.pointsFraction}`);
  return Rational.of(BigInt(m[1]), BigInt(m[2] ?? '1'));
}

interface Lead {
  /** Exact (version 2) or at 30 places (version 1): > 0 is an advantage. */
  sign: number;
  /** The difference of the recorded decimal points, as printed. */
  decimal: Decimal;
  /** The exact difference (version 2); null for a version-1 result. */
  exact: Rational | null;
}

/**
 * The winner's lead on one criterion, compared exactly: the difference of the
 * engine's exact points (version 2), or, for a version-1 result, of its
 * decimals at the 30 places that engine compared at.
 */
function lead(s: CriterionScore, other: CriterionScore): Lead {
  const decimal = new D(s.points).minus(new D(other.points));
  const a = exactPoints(s);
  const b = exactPoints(other);
  if (a && b) {
    const exact = a.sub(b);
    return { sign: exact.cmp(Rational.ZERO), decimal, exact };
  }
  return { sign: q(decimal).cmp(0), decimal, exact: null };
}

/** The difference of the printed points; when those are equal (a lead below their 50 digits), the exact one's decimals. */
const shown = (l: Lead): string => (l.decimal.isZero() && l.exact ? l.exact.toDecimalString() : plain(l.decimal));

const compareLeads = (x: Lead, y: Lead): number => (x.exact && y.exact ? x.exact.cmp(y.exact) : x.decimal.cmp(y.decimal));

/** The next bid of the ranking after the winner (the winner need not be first when a tie was settled). */
export function runnerUpOf(result: Pick<EvaluationResult, 'ranking'>, winnerBidId: string): string | null {
  return result.ranking.find((id) => id !== winnerBidId) ?? null;
}

/**
 * Art. 51(3) / evaluation-method.md §7: the criteria on which the winner's
 * points exceed the runner-up's, largest difference first; equal differences
 * keep the order of the tender's criteria (`criteriaOrder`), then the code.
 * Without a runner-up there is nothing to compare with: no advantages.
 */
export function decisiveAdvantages(
  result: Pick<EvaluationResult, 'bids'>,
  winnerBidId: string,
  runnerUpBidId: string | null,
  criteriaOrder: readonly string[] = [],
): DecisiveAdvantage[] {
  const winner = result.bids.find((b) => b.bidId === winnerBidId);
  if (!winner) throw new RangeError(`bid ${winnerBidId} is not in the evaluation`);
  if (runnerUpBidId === null) return [];
  const runnerUp = result.bids.find((b) => b.bidId === runnerUpBidId);
  if (!runnerUp) throw new RangeError(`bid ${runnerUpBidId} is not in the evaluation`);
  const position = (code: string) => {
    const i = criteriaOrder.indexOf(code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const rows: (DecisiveAdvantage & { diff: Lead })[] = [];
  for (const [code, s] of Object.entries(winner.scores)) {
    const other = runnerUp.scores[code];
    if (!other) continue;
    const diff = lead(s, other);
    if (diff.sign <= 0) continue;
    rows.push({ criterion: code, points: s.points, runnerUpPoints: other.points, difference: shown(diff), diff });
  }
  rows.sort(
    (a, b) =>
      compareLeads(b.diff, a.diff) || position(a.criterion) - position(b.criterion) || (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0),
  );
  return rows.map(({ diff: _diff, ...r }) => r);
}
