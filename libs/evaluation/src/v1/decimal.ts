/**
 * Exact decimal arithmetic for the engine (evaluation-method.md: "never binary
 * floating point").
 *
 * A private clone keeps the engine's precision and rounding independent of any
 * other code that configures the global Decimal constructor.
 */
import Decimal from 'decimal.js';

/** 50 significant digits, half-even: every terminating value in the method stays exact. */
export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_EVEN,
  // Plain notation only: toString() must never switch to exponent notation.
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = Decimal;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
export const HUNDRED = new Dec(100);

/**
 * Totals, scores and other derived values are compared after quantising to 30
 * decimal places (half-even). Values that are mathematically equal but reached
 * through different non-terminating divisions (e.g. 1/3 + 2/3 vs 1) differ only
 * beyond the 45th significant digit at precision 50, so they compare equal here,
 * while any real difference between bids (prices and weights have at most a few
 * decimals) is far larger than 1e-30.
 */
export const COMPARE_DECIMAL_PLACES = 30;

export function quantise(x: Dec): Dec {
  return x.toDecimalPlaces(COMPARE_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN);
}

/** Compare after quantising (see COMPARE_DECIMAL_PLACES): −1, 0 or 1. */
export function cmpQ(a: Dec, b: Dec): number {
  return quantise(a).cmp(quantise(b));
}

/**
 * Canonical output form: plain notation, no trailing zeros, no "-0". Exact for
 * terminating values; otherwise the 50-significant-digit value.
 */
export function fmt(x: Dec): string {
  if (x.isZero()) return '0';
  return x.toFixed();
}

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Parse a decimal string strictly (no exponent, no blanks); null when malformed. */
export function parseDecimal(s: unknown): Dec | null {
  if (typeof s !== 'string' || !DECIMAL_RE.test(s)) return null;
  return new Dec(s);
}

export function decMin(xs: Dec[]): Dec {
  return xs.reduce((m, x) => (x.lt(m) ? x : m));
}

export function decMax(xs: Dec[]): Dec {
  return xs.reduce((m, x) => (x.gt(m) ? x : m));
}

export function clamp01(x: Dec): Dec {
  if (x.lt(ZERO)) return ZERO;
  if (x.gt(ONE)) return ONE;
  return x;
}

function bigAbs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcd(a: bigint, b: bigint): bigint {
  a = bigAbs(a);
  b = bigAbs(b);
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * An exact rational number on BigInt. Used where the method asks for an exact
 * solution (the sensitivity δ of §6), starting from the engine's decimals.
 */
export class Fraction {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new RangeError('Fraction with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    this.n = g > 1n ? n / g : n;
    this.d = g > 1n ? d / g : d;
  }

  /** The exact value of a decimal: digits / 10^scale. */
  static fromDecimal(x: Dec): Fraction {
    const s = x.toFixed();
    const negative = s.startsWith('-');
    const body = negative ? s.slice(1) : s;
    const [intPart, fracPart = ''] = body.split('.');
    const digits = BigInt(intPart + fracPart);
    return new Fraction(negative ? -digits : digits, 10n ** BigInt(fracPart.length));
  }

  add(o: Fraction): Fraction {
    return new Fraction(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Fraction): Fraction {
    return new Fraction(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  mul(o: Fraction): Fraction {
    return new Fraction(this.n * o.n, this.d * o.d);
  }

  div(o: Fraction): Fraction {
    if (o.n === 0n) throw new RangeError('Fraction division by zero');
    return new Fraction(this.n * o.d, this.d * o.n);
  }

  neg(): Fraction {
    return new Fraction(-this.n, this.d);
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  cmp(o: Fraction): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** The value as a decimal (exact when it terminates, else 50 significant digits). */
  toDecimal(): Dec {
    return new Dec(this.n.toString()).div(new Dec(this.d.toString()));
  }

  /** "p/q" reduced, or "p" when q = 1. */
  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }
}
