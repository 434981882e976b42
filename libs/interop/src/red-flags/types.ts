/**
 * Red flags for integrity after the Open Contracting Partnership's guide
 * ("Red flags for integrity: giving the green light to open data solutions",
 * 2016): plain data in, plain data out. Decimals are strings, compared
 * exactly (cross-multiplied, never divided).
 */

export type RedFlagCode =
  | 'SINGLE_BID'
  | 'ALL_BUT_WINNER_DISQUALIFIED'
  | 'LOWEST_PRICE_DISQUALIFIED'
  | 'IDENTICAL_BID_PRICES'
  | 'BID_PRICES_CLUSTERED'
  | 'BID_PRICES_NEAR_REFERENCE'
  | 'WINNER_NEAR_REFERENCE'
  | 'WINNER_CHANGED'
  | 'SHORT_SUBMISSION_PERIOD';

/** In the order the API and the report list them. */
export const RED_FLAG_CODES: readonly RedFlagCode[] = [
  'SINGLE_BID',
  'ALL_BUT_WINNER_DISQUALIFIED',
  'LOWEST_PRICE_DISQUALIFIED',
  'IDENTICAL_BID_PRICES',
  'BID_PRICES_CLUSTERED',
  'BID_PRICES_NEAR_REFERENCE',
  'WINNER_NEAR_REFERENCE',
  'WINNER_CHANGED',
  'SHORT_SUBMISSION_PERIOD',
];

/** RAISED: the rule holds; NOT_RAISED: it was checked and does not; NOT_APPLICABLE: the data it needs is not there (yet). */
export type RedFlagStatus = 'RAISED' | 'NOT_RAISED' | 'NOT_APPLICABLE';

/**
 * The configurable thresholds, versioned like the risk model. Percentages
 * are decimal strings (percent of the lower price, or of the reference
 * price); days a decimal string; the change count a whole number.
 */
export interface RedFlagThresholds {
  /** BID_PRICES_CLUSTERED: (highest − lowest) ≤ this % of the lowest price, with at least 2 bids. */
  priceClusterPercent: string;
  /** BID_PRICES_NEAR_REFERENCE: every bid within this % of the reference price, with at least 2 bids. */
  referenceClusterPercent: string;
  /** WINNER_NEAR_REFERENCE: |winner − reference| ≤ this % of the reference price. */
  winnerReferencePercent: string;
  /** WINNER_CHANGED: the first-ranked bid changed at least this many times across the evaluations. */
  winnerChangesMin: number;
  /** SHORT_SUBMISSION_PERIOD: deadline − publication shorter than this many days. */
  minSubmissionDays: string;
}

/** Defaults: 1 % (the guide's example); 2 winner changes (one change after a confirmed exclusion is ordinary); 20 days (BöB Art. 46(2) minimum for an open procedure outside the treaties). */
export const DEFAULT_RED_FLAG_THRESHOLDS: Readonly<RedFlagThresholds> = Object.freeze({
  priceClusterPercent: '1',
  referenceClusterPercent: '1',
  winnerReferencePercent: '1',
  winnerChangesMin: 2,
  minSubmissionDays: '20',
});

export interface RedFlagBid {
  bidId: string;
  bidderName: string;
  /** Total price, decimal string. */
  price: string;
  /** Not admissible in the latest evaluation, or a confirmed exclusion. */
  disqualified: boolean;
}

export interface RedFlagTenderInput {
  tenderId: string;
  procedure: 'OPEN' | 'SELECTIVE' | 'INVITATION' | 'DIRECT';
  /** ISO 8601; null while a draft. */
  publishedAt: string | null;
  submissionDeadline: string;
  referencePrice: string | null;
  bids: RedFlagBid[];
  /** The winner of the active award, else the best-ranked bid not disqualified of the latest evaluation; null when none. */
  winnerBidId: string | null;
  /** Bidding is over (the tender is closed, awarded, concluded or cancelled): only then is "one bid" a fact. */
  biddingClosed: boolean;
  /** Whether any evaluation exists: disqualifications are only known after one. */
  evaluated: boolean;
  /** The first-ranked bid of each evaluation, in evaluation order (null when an evaluation ranked nobody). */
  winnersByEvaluation: (string | null)[];
}

/** The exact figures behind a flag: decimal strings, counts and ids. */
export type RedFlagNumbers = Record<string, string | number | boolean | null | string[]>;

export interface RedFlagResult {
  code: RedFlagCode;
  status: RedFlagStatus;
  /** The threshold the rule used, as configured (null for rules without one). */
  threshold: string | number | null;
  numbers: RedFlagNumbers;
}
