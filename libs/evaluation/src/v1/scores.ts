/**
 * §3 Criterion scores and totals, §5 ranking and tie-break.
 */
import { Dec, ONE, ZERO, clamp01, cmpQ, decMax, decMin } from './decimal';
import type { PreparedCriterion, TieKey } from './prepare';
import { byString } from './prepare';
import type { PriceMethod } from './types';

/**
 * The score of price P against the basis Pmin (lowest admissible price, or the
 * reference price) and the highest admissible price Pmax, clamped to [0, 1].
 * Powers are taken of Pmin and P before dividing, so that one rounding at most
 * happens (Pmin²/P², not (Pmin/P)²).
 */
export function priceScore(method: PriceMethod, p: Dec, pmin: Dec, pmax: Dec, span: Dec): Dec {
  switch (method) {
    case 'LINEAR_SPAN':
      return clamp01(pmin.times(ONE.plus(span)).minus(p).div(pmin.times(span)));
    case 'PROPORTIONAL':
      return clamp01(pmin.div(p));
    case 'QUADRATIC':
      return clamp01(pmin.pow(2).div(p.pow(2)));
    case 'CUBIC':
      return clamp01(pmin.pow(3).div(p.pow(3)));
    case 'MIN_MAX':
      // Pmax = Pmin: 1 for all (§3). Pmax < Pmin only happens with a reference
      // price above every bid: every bid is then at or below the basis, as a
      // bid at Pmin would be, so it scores 1 too (the formula would invert).
      if (pmax.lte(pmin)) return ONE;
      return clamp01(pmax.minus(p).div(pmax.minus(pmin)));
  }
}

export interface ScoreBid {
  bidId: string;
  /** The evaluated price (after the price-level adjustment when the tender uses it). */
  price: Dec;
  /** Residual risk R (§4). */
  residual: Dec;
  receivedMs: number;
  figures: Record<string, Dec>;
  /** QUALITY criterion code → the grades present (integers 0–5). */
  grades: Map<string, number[]>;
}

export interface ScoreValue {
  raw: Dec;
  score: Dec;
  points: Dec;
}

export interface ScoredBid {
  bid: ScoreBid;
  scores: Map<string, ScoreValue>;
  total: Dec;
}

/** Scores of §3 for the given admissible bids (scores are relative: the set matters). */
export function scoreBids(criteria: PreparedCriterion[], bids: ScoreBid[], referencePrice: Dec | null): ScoredBid[] {
  if (bids.length === 0) return [];
  const prices = bids.map((b) => b.price);
  const pmin = referencePrice ?? decMin(prices);
  const pmax = decMax(prices);
  const out: ScoredBid[] = bids.map((bid) => ({ bid, scores: new Map(), total: ZERO }));
  for (const c of criteria) {
    // The relative basis of NUMBER criteria, computed once per criterion (not per bid).
    const figureMin = c.kind === 'NUMBER_LOWER_BETTER' ? decMin(bids.map((b) => b.figures[c.code])) : ZERO;
    const figureMax = c.kind === 'NUMBER_HIGHER_BETTER' ? decMax(bids.map((b) => b.figures[c.code])) : ZERO;
    for (const sb of out) {
      const b = sb.bid;
      let raw: Dec;
      let score: Dec;
      switch (c.kind) {
        case 'PRICE':
          raw = b.price;
          score = priceScore(c.priceMethod as PriceMethod, b.price, pmin, pmax, c.span);
          break;
        case 'QUALITY': {
          // mean/5 as sum/(5·n): one division, so one rounding at most.
          const grades = b.grades.get(c.code) ?? [];
          const sum = grades.reduce((acc, g) => acc.plus(g), ZERO);
          raw = grades.length === 0 ? ZERO : sum.div(grades.length);
          score = grades.length === 0 ? ZERO : sum.div(5 * grades.length);
          break;
        }
        case 'HUMAN_RIGHTS':
          raw = b.residual;
          score = ONE.minus(b.residual);
          break;
        case 'NUMBER_LOWER_BETTER': {
          raw = b.figures[c.code];
          score = raw.isZero() ? ONE : figureMin.div(raw);
          break;
        }
        case 'NUMBER_HIGHER_BETTER': {
          raw = b.figures[c.code];
          score = figureMax.isZero() ? ZERO : raw.div(figureMax);
          break;
        }
      }
      const points = c.weight.times(score);
      sb.scores.set(c.code, { raw, score, points });
      sb.total = sb.total.plus(points);
    }
  }
  return out;
}

export interface Ranked {
  /** Bid ids best first; bids still tied after the chain in bidId order. */
  ranking: string[];
  ranks: Map<string, number>;
  ties: { rank: number; bidIds: string[] }[];
  unresolved: Set<string>;
}

/**
 * §5: total first (compared after quantising to 30 decimal places, see
 * COMPARE_DECIMAL_PLACES), then the tie-break chain. Bids equal on everything
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
function comparatorOf(chain: TieKey[]): (a: ScoredBid, b: ScoredBid) => number {
  return (a: ScoredBid, b: ScoredBid): number => {
    const byTotal = cmpQ(b.total, a.total);
    if (byTotal !== 0) return byTotal;
    for (const key of chain) {
      let r = 0;
      switch (key.kind) {
        case 'HUMAN_RIGHTS': // higher 1 − R first, i.e. lower R
          r = cmpQ(a.bid.residual, b.bid.residual);
          break;
        case 'PRICE': // lower evaluated price first
          r = cmpQ(a.bid.price, b.bid.price);
          break;
        case 'RECEIVED_AT': // earlier first
          r = a.bid.receivedMs - b.bid.receivedMs;
          break;
        case 'CRITERION': // higher score on that criterion first
          r = cmpQ((b.scores.get(key.code) as ScoreValue).score, (a.scores.get(key.code) as ScoreValue).score);
          break;
      }
      if (r !== 0) return Math.sign(r);
    }
    return 0;
  };
}
