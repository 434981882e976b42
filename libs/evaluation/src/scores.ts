/**
 * §3 Criterion scores and totals, §5 ranking and tie-break.
 */
import { Rational, ONE, ZERO, clamp01, maxOf, minOf } from './rational';
import type { PreparedCriterion, TieKey } from './prepare';
import { byString } from './prepare';
import type { PriceMethod } from './types';

/**
 * The score of price P against the basis Pmin (lowest admissible price, or the
 * reference price) and the highest admissible price Pmax, clamped to [0, 1],
 * in exact fractions.
 */
export function priceScore(method: PriceMethod, p: Rational, pmin: Rational, pmax: Rational, span: Rational): Rational {
  switch (method) {
    case 'LINEAR_SPAN':
      return clamp01(pmin.mul(ONE.add(span)).sub(p).div(pmin.mul(span)));
    case 'PROPORTIONAL':
      return clamp01(pmin.div(p));
    case 'QUADRATIC':
      return clamp01(pmin.div(p).pow(2));
    case 'CUBIC':
      return clamp01(pmin.div(p).pow(3));
    case 'MIN_MAX':
      // Pmax = Pmin: 1 for all (§3). Pmax < Pmin only happens with a reference
      // price above every bid: every bid is then at or below the basis, as a
      // bid at Pmin would be, so it scores 1 too (the formula would invert).
      if (pmax.lte(pmin)) return ONE;
      return clamp01(pmax.sub(p).div(pmax.sub(pmin)));
  }
}

export interface ScoreBid {
  bidId: string;
  /** The evaluated price (after the price-level adjustment when the tender uses it). */
  price: Rational;
  /** Residual risk R (§4). */
  residual: Rational;
  receivedMs: number;
  figures: Record<string, Rational>;
  /** QUALITY criterion code → the grades present (integers 0–5). */
  grades: Map<string, number[]>;
}

export interface ScoreValue {
  raw: Rational;
  score: Rational;
  points: Rational;
}

export interface ScoredBid {
  bid: ScoreBid;
  scores: Map<string, ScoreValue>;
  total: Rational;
}

/** Scores of §3 for the given admissible bids (scores are relative: the set matters). */
export function scoreBids(criteria: PreparedCriterion[], bids: ScoreBid[], referencePrice: Rational | null): ScoredBid[] {
  if (bids.length === 0) return [];
  const out: ScoredBid[] = bids.map((bid) => ({ bid, scores: new Map(), total: ZERO }));
  for (const c of criteria) {
    const values = scoreCriterion(c, bids, referencePrice);
    for (let k = 0; k < out.length; k++) {
      out[k].scores.set(c.code, values[k]);
      out[k].total = out[k].total.add(values[k].points);
    }
  }
  return out;
}

/** One criterion's scores for the given admissible bids, in their order; its relative basis computed once. */
export function scoreCriterion(c: PreparedCriterion, bids: ScoreBid[], referencePrice: Rational | null): ScoreValue[] {
  if (bids.length === 0) return [];
  const value = (raw: Rational, score: Rational): ScoreValue => ({ raw, score, points: c.weight.mul(score) });
  switch (c.kind) {
    case 'PRICE': {
      const prices = bids.map((b) => b.price);
      const pmin = referencePrice ?? minOf(prices);
      const pmax = maxOf(prices);
      return bids.map((b) => value(b.price, priceScore(c.priceMethod as PriceMethod, b.price, pmin, pmax, c.span)));
    }
    case 'QUALITY':
      return bids.map((b) => {
        const grades = b.grades.get(c.code) ?? [];
        const n = BigInt(grades.length);
        if (n === 0n) return value(ZERO, ZERO);
        const sum = BigInt(grades.reduce((acc, g) => acc + g, 0));
        // mean grade sum/n, score mean/5 = sum/(5n)
        return value(Rational.of(sum, n), Rational.of(sum, 5n * n));
      });
    case 'HUMAN_RIGHTS':
      return bids.map((b) => value(b.residual, ONE.sub(b.residual)));
    case 'NUMBER_LOWER_BETTER': {
      const min = minOf(bids.map((b) => b.figures[c.code]));
      return bids.map((b) => {
        const x = b.figures[c.code];
        return value(x, x.isZero() ? ONE : min.div(x));
      });
    }
    case 'NUMBER_HIGHER_BETTER': {
      const max = maxOf(bids.map((b) => b.figures[c.code]));
      return bids.map((b) => {
        const x = b.figures[c.code];
        return value(x, max.isZero() ? ZERO : x.div(max));
      });
    }
  }
}

export interface Ranked {
  /** Bid ids best first; bids still tied after the chain in bidId order. */
  ranking: string[];
  ranks: Map<string, number>;
  ties: { rank: number; bidIds: string[] }[];
  unresolved: Set<string>;
}

/**
 * §5: total first (compared exactly), then the tie-break chain. Bids equal on everything
 * share a rank (competition ranking: 1, 1, 3).
 */
export function rankBids(scored: ScoredBid[], chain: TieKey[]): Ranked {
  const compare = comparatorOf(chain);
  const sorted = [...scored].sort((a, b) => compare(a, b) || byString(a.bid.bidId, b.bid.bidId));
  const ranks = new Map<string, number>();
  const ties: Ranked['ties'] = [];
  const unresolved = new Set<string>();
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && compare(sorted[i], sorted[j]) === 0) j++;
    const group = sorted.slice(i, j).map((s) => s.bid.bidId);
    for (const id of group) ranks.set(id, i + 1);
    if (group.length > 1) {
      ties.push({ rank: i + 1, bidIds: group });
      for (const id of group) unresolved.add(id);
    }
    i = j;
  }
  return { ranking: sorted.map((s) => s.bid.bidId), ranks, ties, unresolved };
}

/** The first bid of rankBids(scored, chain).ranking, found in one pass instead of a sort. */
export function firstRanked(scored: ScoredBid[], chain: TieKey[]): string | undefined {
  const compare = comparatorOf(chain);
  let best: ScoredBid | undefined;
  for (const s of scored) if (!best || (compare(s, best) || byString(s.bid.bidId, best.bid.bidId)) < 0) best = s;
  return best?.bid.bidId;
}

/** §5 order: higher total first, then the tie-break chain; 0 when still equal. */
const cmp = (a: Rational, b: Rational): number => a.cmp(b);

function comparatorOf(chain: TieKey[]): (a: ScoredBid, b: ScoredBid) => number {
  return (a: ScoredBid, b: ScoredBid): number => {
    const byTotal = cmp(b.total, a.total);
    if (byTotal !== 0) return byTotal;
    for (const key of chain) {
      let r = 0;
      switch (key.kind) {
        case 'HUMAN_RIGHTS': // higher 1 − R first, i.e. lower R
          r = cmp(a.bid.residual, b.bid.residual);
          break;
        case 'PRICE': // lower evaluated price first
          r = cmp(a.bid.price, b.bid.price);
          break;
        case 'RECEIVED_AT': // earlier first
          r = a.bid.receivedMs - b.bid.receivedMs;
          break;
        case 'CRITERION': // higher score on that criterion first
          r = cmp((b.scores.get(key.code) as ScoreValue).score, (a.scores.get(key.code) as ScoreValue).score);
          break;
      }
      if (r !== 0) return Math.sign(r);
    }
    return 0;
  };
}
