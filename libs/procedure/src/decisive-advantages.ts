import Decimal from 'decimal.js';
import { COMPARE_DECIMAL_PLACES, type EvaluationResult } from '@app/evaluation';

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
/** As the engine compares: values equal to 30 places are equal (non-terminating divisions differ only far below). */
const q = (x: Decimal): Decimal => x.toDecimalPlaces(COMPARE_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN);

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
  const rows: (DecisiveAdvantage & { diff: Decimal })[] = [];
  for (const [code, s] of Object.entries(winner.scores)) {
    const other = runnerUp.scores[code];
    if (!other) continue;
    const diff = new D(s.points).minus(new D(other.points));
    if (q(diff).lte(0)) continue;
    rows.push({ criterion: code, points: s.points, runnerUpPoints: other.points, difference: plain(diff), diff });
  }
  rows.sort(
    (a, b) => b.diff.cmp(a.diff) || position(a.criterion) - position(b.criterion) || (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0),
  );
  return rows.map(({ diff: _diff, ...r }) => r);
}
