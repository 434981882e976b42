/**
 * §6 Robustness of the result: weight sensitivity, independence of irrelevant
 * alternatives, effective price weight.
 */
import { Dec, Fraction, HUNDRED, cmpQ, decMax, decMin, fmt } from './decimal';
import type { PreparedCriterion, TieKey } from './prepare';
import { type ScoreBid, type ScoredBid, firstRanked, scoreBids } from './scores';
import type { Sensitivity } from './types';

const NO_SWAP = (criterion: string): Sensitivity => ({ criterion, delta: null, deltaFraction: null, swapWeight: null });

/**
 * For criterion i, with the other weights rescaled by (100 − w_i − δ)/(100 − w_i):
 *   D(δ) = T_first − T_second = (w_i + δ)·d_i + (100 − w_i − δ)/(100 − w_i) · S,
 *   d_j = s_first,j − s_second,j,  S = Σ_{j≠i} w_j·d_j.
 * D is linear in δ: D(δ) = D(0) + δ·(d_i − S/(100 − w_i)), so δ = −D(0)/slope,
 * solved in exact fractions of the decimal weights and scores.
 */
export function sensitivityOf(criteria: PreparedCriterion[], first: ScoredBid, second: ScoredBid): Sensitivity[] {
  const F = Fraction.fromDecimal;
  const hundred = F(HUNDRED);
  const d = new Map(criteria.map((c) => [c.code, F(first.scores.get(c.code)!.score).sub(F(second.scores.get(c.code)!.score))] as const));
  // Equal totals (at the comparison precision) are a tie decided by the chain: D(0) is 0.
  const tiedTotals = cmpQ(first.total, second.total) === 0;
  return criteria.map((ci) => {
    const wi = F(ci.weight);
    if (wi.cmp(hundred) === 0) return NO_SWAP(ci.code);
    let s = new Fraction(0n);
    for (const cj of criteria) if (cj !== ci) s = s.add(F(cj.weight).mul(d.get(cj.code)!));
    const di = d.get(ci.code)!;
    const d0 = tiedTotals ? new Fraction(0n) : wi.mul(di).add(s);
    const slope = di.sub(s.div(hundred.sub(wi)));
    if (slope.isZero()) return NO_SWAP(ci.code);
    const delta = d0.neg().div(slope);
    if (delta.cmp(wi.neg()) < 0 || delta.cmp(hundred.sub(wi)) > 0) return NO_SWAP(ci.code);
    return {
      criterion: ci.code,
      delta: fmt(delta.toDecimal()),
      deltaFraction: delta.toString(),
      swapWeight: fmt(wi.add(delta).toDecimal()),
    };
  });
}

/**
 * Remove each admissible non-winner in turn, recompute the (relative) scores
 * and the ranking, and report each removal that changes the winner.
 */
export function iiaOf(
  criteria: PreparedCriterion[],
  bids: ScoreBid[],
  referencePrice: Dec | null,
  chain: TieKey[],
  winner: string,
  scored: ScoredBid[] = scoreBids(criteria, bids, referencePrice),
): { removedBidId: string; winnerBidId: string }[] {
  const out: { removedBidId: string; winnerBidId: string }[] = [];
  const holders = basisHolders(criteria, bids, referencePrice);
  for (const removed of bids) {
    const held = holders.get(removed.bidId);
    if (removed.bidId === winner || !held) continue;
    // Only the criteria whose basis the removed bid held change; the others keep their scores.
    const affected = criteria.filter((c) => held.has(c.code));
    const restIndex = bids.flatMap((b, i) => (b === removed ? [] : [i]));
    const rescored = scoreBids(
      affected,
      restIndex.map((i) => bids[i]),
      referencePrice,
    );
    const rest: ScoredBid[] = restIndex.map((i, k) => {
      const scores = new Map(scored[i].scores);
      for (const c of affected) scores.set(c.code, rescored[k].scores.get(c.code)!);
      // Totals summed in criterion order, exactly as scoreBids does, so they are bit-identical to a full re-score.
      let total = new Dec(0);
      for (const c of criteria) total = total.plus(scores.get(c.code)!.points);
      return { bid: bids[i], scores, total };
    });
    const newWinner = firstRanked(rest, chain)!;
    if (newWinner !== winner) out.push({ removedBidId: removed.bidId, winnerBidId: newWinner });
  }
  return out;
}

/**
 * The bids whose removal can change anyone's score: the only holder of a
 * relative basis (the lowest price when there is no reference price, the
 * highest price for MIN_MAX, the lowest or highest figure of a NUMBER
 * criterion). Removing any other bid leaves every score, total and tie-break
 * key of the rest unchanged, so the winner cannot change: the IIA check needs
 * to recompute only for these (a handful, instead of every bid).
 */
export function basisHolders(criteria: PreparedCriterion[], bids: ScoreBid[], referencePrice: Dec | null): Map<string, Set<string>> {
  const holders = new Map<string, Set<string>>();
  const onlyHolder = (code: string, values: Dec[], pick: 'min' | 'max') => {
    if (values.length === 0) return;
    const extreme = pick === 'min' ? decMin(values) : decMax(values);
    const at = values.flatMap((v, i) => (v.eq(extreme) ? [i] : []));
    if (at.length !== 1) return;
    const id = bids[at[0]].bidId;
    if (!holders.has(id)) holders.set(id, new Set());
    holders.get(id)!.add(code);
  };
  for (const c of criteria) {
    if (c.kind === 'PRICE') {
      const prices = bids.map((b) => b.price);
      if (referencePrice === null) onlyHolder(c.code, prices, 'min');
      if (c.priceMethod === 'MIN_MAX') onlyHolder(c.code, prices, 'max');
    } else if (c.kind === 'NUMBER_LOWER_BETTER')
      onlyHolder(
        c.code,
        bids.map((b) => b.figures[c.code]),
        'min',
      );
    else if (c.kind === 'NUMBER_HIGHER_BETTER')
      onlyHolder(
        c.code,
        bids.map((b) => b.figures[c.code]),
        'max',
      );
  }
  return holders;
}

/** {nominal: price weight, effective: (max − min of the price scores) × price weight}; null without PRICE. */
export function effectivePriceWeightOf(criteria: PreparedCriterion[], scored: ScoredBid[]): { nominal: string; effective: string } | null {
  const price = criteria.find((c) => c.kind === 'PRICE');
  if (!price) return null;
  const scores = scored.map((s) => s.scores.get(price.code)!.score);
  const spread = scores.length === 0 ? new Dec(0) : decMax(scores).minus(decMin(scores));
  return { nominal: fmt(price.weight), effective: fmt(spread.times(price.weight)) };
}
