import Decimal from 'decimal.js';
import { RED_FLAG_CODES, type RedFlagCode, type RedFlagResult, type RedFlagTenderInput, type RedFlagThresholds } from './types';

/** Enough digits that no product of a price (20 digits + 4 decimals) and a percentage is ever rounded. */
const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
const HUNDREDTH = new D('0.01');
const MS_PER_DAY = 86_400_000;

const canonical = (v: string): string => new D(v).toFixed();
const cmpDecimal = (a: string, b: string): number => new D(a).cmp(b);
/** By UTF-16 code units, as Array.prototype.sort: the same order under every locale. */
const cmpId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Rule = (t: RedFlagTenderInput, th: RedFlagThresholds) => Omit<RedFlagResult, 'code'>;

const notApplicable = (threshold: string | number | null, numbers: RedFlagResult['numbers'] = {}): Omit<RedFlagResult, 'code'> => ({
  status: 'NOT_APPLICABLE',
  threshold,
  numbers,
});
const outcome = (raised: boolean, threshold: string | number | null, numbers: RedFlagResult['numbers']): Omit<RedFlagResult, 'code'> => ({
  status: raised ? 'RAISED' : 'NOT_RAISED',
  threshold,
  numbers,
});

/** Prices, lowest first (ties by bid id, so the numbers read the same every time). */
function sortedByPrice(t: RedFlagTenderInput) {
  return [...t.bids].sort((a, b) => cmpDecimal(a.price, b.price) || cmpId(a.bidId, b.bidId));
}

const RULES: Record<RedFlagCode, Rule> = {
  // A competitive procedure that drew one bid: no competition took place. A direct award has one bidder by design;
  // while bids may still come in, one bid so far says nothing.
  SINGLE_BID: (t) => {
    if (t.procedure === 'DIRECT' || t.bids.length === 0 || !t.biddingClosed) return notApplicable(null, { bids: t.bids.length, procedure: t.procedure });
    return outcome(t.bids.length === 1, null, { bids: t.bids.length, procedure: t.procedure });
  },

  ALL_BUT_WINNER_DISQUALIFIED: (t) => {
    const winner = t.bids.find((b) => b.bidId === t.winnerBidId);
    if (!t.evaluated || !winner || t.bids.length < 2) return notApplicable(null, { bids: t.bids.length, winnerBidId: t.winnerBidId });
    const others = t.bids.filter((b) => b.bidId !== winner.bidId);
    const disqualified = others.filter((b) => b.disqualified).map((b) => b.bidId);
    return outcome(!winner.disqualified && disqualified.length === others.length, null, {
      bids: t.bids.length,
      winnerBidId: winner.bidId,
      disqualifiedOthers: disqualified.length,
      disqualifiedBidIds: disqualified.sort(),
    });
  },

  LOWEST_PRICE_DISQUALIFIED: (t) => {
    if (!t.evaluated || t.bids.length < 2) return notApplicable(null, { bids: t.bids.length });
    const sorted = sortedByPrice(t);
    const lowest = sorted[0].price;
    const lowestBids = sorted.filter((b) => cmpDecimal(b.price, lowest) === 0);
    const disqualified = lowestBids.filter((b) => b.disqualified).map((b) => b.bidId);
    return outcome(disqualified.length > 0, null, {
      lowestPrice: canonical(lowest),
      lowestBidIds: lowestBids.map((b) => b.bidId),
      disqualifiedBidIds: disqualified,
    });
  },

  IDENTICAL_BID_PRICES: (t) => {
    if (t.bids.length < 2) return notApplicable(null, { bids: t.bids.length });
    const byPrice = new Map<string, string[]>();
    for (const b of sortedByPrice(t)) byPrice.set(canonical(b.price), [...(byPrice.get(canonical(b.price)) ?? []), b.bidId]);
    const groups = [...byPrice.entries()].filter(([, ids]) => ids.length > 1);
    return outcome(groups.length > 0, null, {
      bids: t.bids.length,
      identicalPrices: groups.map(([p]) => p),
      bidIds: groups.flatMap(([, ids]) => ids),
    });
  },

  // (highest − lowest) ≤ p % · lowest, i.e. (highest − lowest) · 100 ≤ p · lowest: no division.
  BID_PRICES_CLUSTERED: (t, th) => {
    const threshold = th.priceClusterPercent;
    if (t.bids.length < 2) return notApplicable(threshold, { bids: t.bids.length });
    const sorted = sortedByPrice(t);
    const lowest = new D(sorted[0].price);
    const highest = new D(sorted[sorted.length - 1].price);
    const spread = highest.minus(lowest);
    const limit = lowest.times(threshold).times(HUNDREDTH);
    return outcome(spread.lte(limit), threshold, {
      bids: t.bids.length,
      lowestPrice: lowest.toFixed(),
      highestPrice: highest.toFixed(),
      spread: spread.toFixed(),
      spreadLimit: limit.toFixed(),
    });
  },

  BID_PRICES_NEAR_REFERENCE: (t, th) => {
    const threshold = th.referenceClusterPercent;
    if (t.bids.length < 2 || t.referencePrice === null) return notApplicable(threshold, { bids: t.bids.length, referencePrice: t.referencePrice });
    const ref = new D(t.referencePrice);
    const largest = t.bids.map((b) => new D(b.price).minus(ref).abs()).reduce((a, b) => (b.gt(a) ? b : a));
    const limit = ref.times(threshold).times(HUNDREDTH);
    return outcome(largest.lte(limit), threshold, {
      bids: t.bids.length,
      referencePrice: ref.toFixed(),
      largestDeviation: largest.toFixed(),
      deviationLimit: limit.toFixed(),
    });
  },

  WINNER_NEAR_REFERENCE: (t, th) => {
    const threshold = th.winnerReferencePercent;
    const winner = t.bids.find((b) => b.bidId === t.winnerBidId);
    if (!winner || t.referencePrice === null) return notApplicable(threshold, { winnerBidId: t.winnerBidId, referencePrice: t.referencePrice });
    const ref = new D(t.referencePrice);
    const deviation = new D(winner.price).minus(ref).abs();
    const limit = ref.times(threshold).times(HUNDREDTH);
    return outcome(deviation.lte(limit), threshold, {
      winnerBidId: winner.bidId,
      winnerPrice: canonical(winner.price),
      referencePrice: ref.toFixed(),
      deviation: deviation.toFixed(),
      deviationLimit: limit.toFixed(),
    });
  },

  WINNER_CHANGED: (t, th) => {
    const threshold = th.winnerChangesMin;
    const ranked = t.winnersByEvaluation;
    if (ranked.length < 2) return notApplicable(threshold, { evaluations: ranked.length });
    let changes = 0;
    for (let i = 1; i < ranked.length; i++) if (ranked[i] !== null && ranked[i - 1] !== null && ranked[i] !== ranked[i - 1]) changes++;
    return outcome(changes >= threshold, threshold, {
      evaluations: ranked.length,
      changes,
      winners: ranked.map((w) => w ?? '–'),
    });
  },

  // Compared in milliseconds against days · 86 400 000: no division.
  SHORT_SUBMISSION_PERIOD: (t, th) => {
    const threshold = th.minSubmissionDays;
    if (t.publishedAt === null) return notApplicable(threshold, { publishedAt: null, submissionDeadline: t.submissionDeadline });
    const periodMs = new D(Date.parse(t.submissionDeadline) - Date.parse(t.publishedAt));
    const limitMs = new D(threshold).times(MS_PER_DAY);
    return outcome(periodMs.lt(limitMs), threshold, {
      publishedAt: t.publishedAt,
      submissionDeadline: t.submissionDeadline,
      periodSeconds: periodMs.times('0.001').toFixed(),
      minimumSeconds: limitMs.times('0.001').toFixed(),
    });
  },
};

/** Every red flag of one tender, in RED_FLAG_CODES order. */
export function computeRedFlags(tender: RedFlagTenderInput, thresholds: RedFlagThresholds): RedFlagResult[] {
  return RED_FLAG_CODES.map((code) => ({ code, ...RULES[code](tender, thresholds) }));
}

/** The raised flags of each tender of a buyer, tenders in the order given. */
export function computeBuyerRedFlags(tenders: RedFlagTenderInput[], thresholds: RedFlagThresholds): { tenderId: string; raised: RedFlagResult[] }[] {
  return tenders.map((t) => ({ tenderId: t.tenderId, raised: computeRedFlags(t, thresholds).filter((f) => f.status === 'RAISED') }));
}

/** What the API loads for one tender; redFlagInputOf derives the rule input from it. */
export interface RedFlagSource {
  tenderId: string;
  procedure: RedFlagTenderInput['procedure'];
  publishedAt: string | null;
  submissionDeadline: string;
  referencePrice: string | null;
  /** The tender's lifecycle status (DRAFT, PUBLISHED, CLOSED, AWARDED, CONCLUDED, CANCELLED). */
  status: string;
  bids: { bidId: string; bidderName: string; price: string }[];
  /** Bids with a confirmed exclusion decision. */
  confirmedExclusionBidIds: string[];
  activeAwardWinnerBidId: string | null;
  /** The evaluation the flags are computed for (the latest, or the one a report is of). */
  evaluation: { ranking: string[]; bids: { bidId: string; admissible: boolean }[] } | null;
  /** ranking[0] of every evaluation up to and including that one, in order. */
  winnersByEvaluation: (string | null)[];
}

/**
 * A bid is disqualified when that evaluation found it inadmissible or an
 * exclusion against it was confirmed since. The winner is the active award's,
 * else the best-ranked bid still qualified.
 */
export function redFlagInputOf(s: RedFlagSource): RedFlagTenderInput {
  const excluded = new Set(s.confirmedExclusionBidIds);
  const inadmissible = new Set((s.evaluation?.bids ?? []).filter((b) => !b.admissible).map((b) => b.bidId));
  const disqualified = (id: string) => excluded.has(id) || inadmissible.has(id);
  const winner = s.activeAwardWinnerBidId ?? s.evaluation?.ranking.find((id) => !disqualified(id)) ?? null;
  return {
    tenderId: s.tenderId,
    procedure: s.procedure,
    publishedAt: s.publishedAt,
    submissionDeadline: s.submissionDeadline,
    referencePrice: s.referencePrice,
    bids: s.bids.map((b) => ({ ...b, disqualified: disqualified(b.bidId) })),
    biddingClosed: s.status !== 'DRAFT' && s.status !== 'PUBLISHED',
    winnerBidId: winner,
    evaluated: s.evaluation !== null,
    winnersByEvaluation: s.winnersByEvaluation,
  };
}
