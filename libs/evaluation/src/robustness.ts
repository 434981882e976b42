/**
 * §6 Robustness of the result: weight sensitivity, independence of irrelevant
 * alternatives, effective price weight.
 */
import { Rational, HUNDRED, ZERO, fmt, maxOf, minOf } from './rational';
import type { PreparedCriterion, TieKey } from './prepare';
import { type ScoreBid, type ScoredBid, firstRanked, scoreBids, scoreCriterion } from './scores';
import type { Sensitivity } from './types';

const NO_SWAP = (criterion: string): Sensitivity => ({ criterion, delta: null, deltaFraction: null, swapWeight: null, swapWeightFraction: null });

/**
 * For criterion i, with the other weights rescaled by (100 − w_i − δ)/(100 − w_i):
 *   D(δ) = T_first − T_second = (w_i + δ)·d_i + (100 − w_i − δ)/(100 − w_i) · S,
 *   d_j = s_first,j − s_second,j,  S = Σ_{j≠i} w_j·d_j.
 * D is linear in δ: D(δ) = D(0) + δ·(d_i − S/(100 − w_i)), so δ = −D(0)/slope,
 * exactly. D(0) = Σ_j w_j·d_j is computed once, and S = D(0) − w_i·d_i, so the
 * whole analysis is linear in the number of criteria.
 */
export function sensitivityOf(criteria: PreparedCriterion[], first: ScoredBid, second: ScoredBid): Sensitivity[] {
  const d = new Map(criteria.map((c) => [c.code, first.scores.get(c.code)!.score.sub(second.scores.get(c.code)!.score)] as const));
  let d0 = ZERO;
  for (const c of criteria) d0 = d0.add(c.weight.mul(d.get(c.code)!));
  return criteria.map((ci) => {
    const wi = ci.weight;
    if (wi.eq(HUNDRED)) return NO_SWAP(ci.code);
    const di = d.get(ci.code)!;
    const s = d0.sub(wi.mul(di));
    const slope = di.sub(s.div(HUNDRED.sub(wi)));
    if (slope.isZero()) return NO_SWAP(ci.code);
    const delta = d0.neg().div(slope);
    if (delta.lt(wi.neg()) || delta.gt(HUNDRED.sub(wi))) return NO_SWAP(ci.code);
    const swap = wi.add(delta);
    return {
      criterion: ci.code,
      delta: fmt(delta),
      deltaFraction: delta.toFraction(),
      swapWeight: fmt(swap),
      swapWeightFraction: swap.toFraction(),
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
  referencePrice: Rational | null,
  chain: TieKey[],
  winner: string,
  scored: ScoredBid[] = scoreBids(criteria, bids, referencePrice),
): { removedBidId: string; winnerBidId: string }[] {
  const out: { removedBidId: string; winnerBidId: string }[] = [];
  const holders = basisHolders(criteria, bids, referencePrice);
  for (const removed of bids) {
    const held = holders.get(removed.bidId);
    if (removed.bidId === winner || !held) continue;
    // Only the criteria whose basis the removed bid held change; the others keep their scores,
    // and each total changes by (new − old) points of those criteria only (exact: the order of sums does not matter).
    const affected = criteria.filter((c) => held.has(c.code));
    const restIndex: number[] = [];
    for (let i = 0; i < bids.length; i++) if (bids[i] !== removed) restIndex.push(i);
    const restBids = restIndex.map((i) => bids[i]);
    const rescored = affected.map((c) => scoreCriterion(c, restBids, referencePrice));
    // The ranking reads scores only for CRITERION tie-break keys: copy a bid's score map only when one of those changed.
    const copyScores = chain.some((k) => k.kind === 'CRITERION' && held.has(k.code));
    const rest: ScoredBid[] = restIndex.map((i, k) => {
      const old = scored[i].scores;
      const scores = copyScores ? new Map(old) : old;
      let total = scored[i].total;
      affected.forEach((c, a) => {
        const v = rescored[a][k];
        total = total.add(v.points.sub(old.get(c.code)!.points));
        if (copyScores) scores.set(c.code, v);
      });
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
export function basisHolders(criteria: PreparedCriterion[], bids: ScoreBid[], referencePrice: Rational | null): Map<string, Set<string>> {
  const holders = new Map<string, Set<string>>();
  const onlyHolder = (code: string, values: Rational[], pick: 'min' | 'max') => {
    if (values.length === 0) return;
    const extreme = pick === 'min' ? minOf(values) : maxOf(values);
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
export function effectivePriceWeightOf(
  criteria: PreparedCriterion[],
  scored: ScoredBid[],
): { nominal: string; effective: string; effectiveFraction: string } | null {
  const price = criteria.find((c) => c.kind === 'PRICE');
  if (!price) return null;
  const scores = scored.map((s) => s.scores.get(price.code)!.score);
  const spread = scores.length === 0 ? ZERO : maxOf(scores).sub(minOf(scores));
  const effective = spread.mul(price.weight);
  return { nominal: fmt(price.weight), effective: fmt(effective), effectiveFraction: effective.toFraction() };
}
