import fc from 'fast-check';
import { Rational } from './rational';

const Dec = (x: string | number): Rational => Rational.parse(String(x))!;
import type { PreparedCriterion, TieKey } from './prepare';
import { basisHolders, iiaOf } from './robustness';
import { type ScoreBid, rankBids, scoreBids } from './scores';
import type { CriterionKind, PriceMethod } from './types';

/** The IIA check as the spec words it: recompute the ranking with each non-winner removed. */
function bruteForceIia(criteria: PreparedCriterion[], bids: ScoreBid[], referencePrice: Rational | null, chain: TieKey[], winner: string) {
  return bids
    .filter((b) => b.bidId !== winner)
    .map((removed) => ({
      removedBidId: removed.bidId,
      winnerBidId: rankBids(
        scoreBids(
          criteria,
          bids.filter((b) => b !== removed),
          referencePrice,
        ),
        chain,
      ).ranking[0],
    }))
    .filter((r) => r.winnerBidId !== winner);
}

const criterion = (code: string, kind: CriterionKind, weight: string, priceMethod: PriceMethod | null = null): PreparedCriterion => ({
  input: { code, name: code, kind, weight, priceMethod },
  code,
  kind,
  weight: Dec(weight),
  priceMethod,
  span: Dec('0.5'),
});

const chain: TieKey[] = [{ kind: 'HUMAN_RIGHTS' }, { kind: 'PRICE' }, { kind: 'RECEIVED_AT' }];

describe('IIA check: recomputing only for the holders of a relative basis', () => {
  it('gives exactly the brute-force answer (every price method, reference price or not, ties in the extremes)', () => {
    const methods: PriceMethod[] = ['LINEAR_SPAN', 'PROPORTIONAL', 'QUADRATIC', 'CUBIC', 'MIN_MAX'];
    fc.assert(
      fc.property(
        fc.constantFrom(...methods),
        fc.boolean(),
        // small value ranges so that equal extremes (shared minima) happen often
        fc.array(
          fc.record({
            price: fc.integer({ min: 80, max: 130 }),
            days: fc.integer({ min: 0, max: 6 }),
            co2: fc.integer({ min: 0, max: 4 }),
            risk: fc.integer({ min: 0, max: 9 }),
          }),
          { minLength: 2, maxLength: 9 },
        ),
        (method, useReference, rows) => {
          const criteria = [
            criterion('PRICE', 'PRICE', '40', method),
            criterion('DAYS', 'NUMBER_LOWER_BETTER', '25'),
            criterion('CO2', 'NUMBER_HIGHER_BETTER', '15'),
            criterion('HUMAN_RIGHTS', 'HUMAN_RIGHTS', '20'),
          ];
          const bids: ScoreBid[] = rows.map((r, i) => ({
            bidId: `b${i}`,
            price: Dec(r.price),
            residual: Dec(r.risk).div(Dec(10)),
            receivedMs: i,
            figures: { DAYS: Dec(r.days), CO2: Dec(r.co2) },
            grades: new Map(),
          }));
          const reference = useReference ? Dec(100) : null;
          const winner = rankBids(scoreBids(criteria, bids, reference), chain).ranking[0];
          expect(iiaOf(criteria, bids, reference, chain, winner)).toEqual(bruteForceIia(criteria, bids, reference, chain, winner));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names only the sole holders of an extreme', () => {
    const criteria = [criterion('PRICE', 'PRICE', '60', 'MIN_MAX'), criterion('DAYS', 'NUMBER_LOWER_BETTER', '40')];
    const bid = (id: string, price: number, days: number): ScoreBid => ({
      bidId: id,
      price: Dec(price),
      residual: Dec(0),
      receivedMs: 0,
      figures: { DAYS: Dec(days) },
      grades: new Map(),
    });
    // A and B share the lowest price (no sole holder); D alone has the highest price; C alone the fewest days.
    const holders = basisHolders(criteria, [bid('A', 100, 9), bid('B', 100, 8), bid('C', 110, 3), bid('D', 150, 8)], null);
    expect([...holders.entries()].map(([id, codes]) => [id, [...codes]]).sort()).toEqual([
      ['C', ['DAYS']],
      ['D', ['PRICE']],
    ]);
    // With a reference price the lowest price is no basis; D holds both the highest price and the fewest days.
    expect([...basisHolders(criteria, [bid('A', 100, 9), bid('D', 150, 8)], Dec(90)).entries()].map(([id, codes]) => [id, [...codes].sort()])).toEqual([
      ['D', ['DAYS', 'PRICE']],
    ]);
  });
});
