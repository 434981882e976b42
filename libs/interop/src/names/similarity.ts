/**
 * Similarity of two names for screening, and the decision against a threshold,
 * in exact integer arithmetic (no binary float decides a match).
 */
import { distance } from 'fastest-levenshtein';
import { screeningKey } from './normalise';

/** A threshold or score as an exact fraction numerator/denominator. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/** Decimal places of a reported score; the reported value is rounded down, so it never exceeds the true score. */
export const SCORE_PLACES = 4;

/**
 * The documented default: a fuzzy match needs a score of at least 0.85 —
 * at most 3 edits in 20 characters of normalised, token-sorted name.
 */
export const DEFAULT_THRESHOLD = '0.85';

export interface Similarity {
  /** Token-sorted normalised forms compared. */
  a: string;
  b: string;
  /** Levenshtein distance between them. */
  distance: number;
  /** The longer form's length: score = (length − distance) / length. */
  length: number;
  /** Exact score as a fraction. */
  ratio: Ratio;
  /** The score as a decimal string with 4 places, rounded down ("0.9285" for 13/14). */
  score: string;
}

/** "0.85" → 85/100; throws on anything that is not a decimal in [0, 1]. */
export function parseThreshold(s: string): Ratio {
  const m = /^(0(?:\.(\d{1,9}))?|1(?:\.0{1,9})?)$/.exec(s);
  if (!m) throw new RangeError(`threshold must be a decimal in [0, 1], got ${JSON.stringify(s)}`);
  if (s.startsWith('1')) return { numerator: 1, denominator: 1 };
  const frac = m[2] ?? '';
  const denominator = 10 ** frac.length;
  return { numerator: frac === '' ? 0 : Number(frac), denominator };
}

/** Exact a ≥ b for non-negative fractions with safe-integer parts (cross-multiplication). */
export function atLeast(a: Ratio, b: Ratio): boolean {
  return BigInt(a.numerator) * BigInt(b.denominator) >= BigInt(b.numerator) * BigInt(a.denominator);
}

/** A fraction in [0, 1] as a decimal string with `places` digits, rounded down. */
export function formatScore(r: Ratio, places = SCORE_PLACES): string {
  const scaled = (BigInt(r.numerator) * 10n ** BigInt(places)) / BigInt(r.denominator);
  const s = scaled.toString().padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}

/**
 * Token-sorted normalised Levenshtein ratio: both names normalised
 * (`screeningKey`), then 1 − distance / max(length). Two names without any
 * letter or digit score 0.
 */
export function nameSimilarity(x: string, y: string): Similarity {
  const a = screeningKey(x);
  const b = screeningKey(y);
  const length = Math.max(a.length, b.length);
  const d = distance(a, b);
  const ratio: Ratio = a === '' || b === '' ? { numerator: 0, denominator: 1 } : { numerator: length - d, denominator: length };
  return { a, b, distance: d, length, ratio, score: formatScore(ratio) };
}
