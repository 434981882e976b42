/**
 * Exact rational arithmetic for method version 2 (evaluation-method.md §1):
 * every value is an integer numerator over a positive integer denominator,
 * reduced by their greatest common divisor. No operation rounds, so every
 * comparison (ranking, tie-break, clamps, medians, thresholds) is exact.
 *
 * Rounding happens once, at output, in toDecimalString(): exact when the
 * value terminates in base 10, otherwise half-even to OUTPUT_SIGNIFICANT_DIGITS.
 */

/** Significant digits of a non-terminating value's decimal string (its exact fraction is given beside it). */
export const OUTPUT_SIGNIFICANT_DIGITS = 40;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** gcd(|a|, |b|); Euclid on doubles while both fit in 53 bits (exact there, and much faster than BigInt). */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    if (a <= SAFE && b <= SAFE) {
      let x = Number(a);
      let y = Number(b);
      while (y !== 0) {
        const t = x % y;
        x = y;
        y = t;
      }
      return BigInt(x);
    }
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;
const TEN_POWERS: bigint[] = [1n];
function pow10(k: number): bigint {
  while (TEN_POWERS.length <= k) TEN_POWERS.push(TEN_POWERS[TEN_POWERS.length - 1] * 10n);
  return TEN_POWERS[k];
}

export class Rational {
  /** Numerator; its sign is the value's sign. */
  readonly n: bigint;
  /** Denominator, > 0, coprime with n. */
  readonly d: bigint;

  /** Already reduced, d > 0: use Rational.of() for anything else. */
  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  /** n/d reduced; RangeError on d = 0. */
  static of(n: bigint, d: bigint = 1n): Rational {
    if (d === 0n) throw new RangeError('Rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return new Rational(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  static int(k: number | bigint): Rational {
    return new Rational(BigInt(k), 1n);
  }

  /** The exact value of a plain decimal string ("-12.50"; no exponent, no blanks); null when malformed. */
  static parse(s: unknown): Rational | null {
    if (typeof s !== 'string') return null;
    const m = DECIMAL_RE.exec(s);
    if (!m) return null;
    const frac = m[3] ?? '';
    const digits = BigInt(m[2] + frac);
    return Rational.of(m[1] === '-' ? -digits : digits, pow10(frac.length));
  }

  add(o: Rational): Rational {
    if (o.n === 0n) return this;
    if (this.n === 0n) return o;
    return Rational.sum(this.n, this.d, o.n, o.d);
  }

  sub(o: Rational): Rational {
    if (o.n === 0n) return this;
    return Rational.sum(this.n, this.d, -o.n, o.d);
  }

  /**
   * a/b + c/d of two reduced fractions (Knuth, TAOCP 4.5.1): with g = gcd(b, d),
   * t = a·(d/g) + c·(b/g), the sum is (t/g2) / ((b/g)·(d/g2)) where g2 = gcd(t, g),
   * so only gcds with the (small) common part g are taken, never of the products.
   */
  private static sum(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
    if (b === d) return Rational.of(a + c, b);
    const g = gcd(b, d);
    if (g === 1n) return new Rational(a * d + c * b, b * d);
    const bg = b / g;
    const t = a * (d / g) + c * bg;
    const g2 = gcd(t, g);
    return g2 === 1n ? new Rational(t, bg * d) : new Rational(t / g2, bg * (d / g2));
  }

  mul(o: Rational): Rational {
    if (this.n === 0n || o.n === 0n) return Rational.ZERO;
    // Cross-cancel first: the result is then reduced without a gcd of the (larger) products.
    const g1 = gcd(this.n, o.d);
    const g2 = gcd(o.n, this.d);
    return new Rational((this.n / g1) * (o.n / g2), (this.d / g2) * (o.d / g1));
  }

  /** RangeError on division by zero. */
  div(o: Rational): Rational {
    if (o.n === 0n) throw new RangeError('Rational division by zero');
    return this.mul(o.inv());
  }

  inv(): Rational {
    if (this.n === 0n) throw new RangeError('Rational division by zero');
    return this.n < 0n ? new Rational(-this.d, -this.n) : new Rational(this.d, this.n);
  }

  neg(): Rational {
    return new Rational(-this.n, this.d);
  }

  /** this^k for an integer k ≥ 0. */
  pow(k: number): Rational {
    const e = BigInt(k);
    return new Rational(this.n ** e, this.d ** e);
  }

  sign(): number {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  /** −1, 0 or 1, exactly. */
  cmp(o: Rational): number {
    if (this.d === o.d) return this.n < o.n ? -1 : this.n > o.n ? 1 : 0;
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: Rational): boolean {
    return this.n === o.n && this.d === o.d;
  }

  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }

  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }

  lte(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }

  gte(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }

  static min(a: Rational, b: Rational): Rational {
    return b.lt(a) ? b : a;
  }

  static max(a: Rational, b: Rational): Rational {
    return b.gt(a) ? b : a;
  }

  /** Whether the decimal expansion terminates: the reduced denominator has no prime factor but 2 and 5. */
  terminates(): boolean {
    return decimalScale(this.d) !== null;
  }

  /** "n/d" reduced, or "n" for an integer. */
  toFraction(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }

  /**
   * Plain decimal notation, no exponent, no trailing zeros, no "-0". Exact
   * when the value terminates; otherwise rounded half to even to `digits`
   * significant digits.
   */
  toDecimalString(digits: number = OUTPUT_SIGNIFICANT_DIGITS): string {
    if (this.n === 0n) return '0';
    const negative = this.n < 0n;
    const a = negative ? -this.n : this.n;
    const scale = decimalScale(this.d);
    let q: bigint;
    let places: number;
    if (scale !== null) {
      places = scale;
      q = (a * pow10(scale)) / this.d;
    } else {
      // places so that a·10^places/d has exactly `digits` digits before rounding.
      const intDigits = (a / this.d).toString().length;
      const magnitude = a >= this.d ? intDigits : -leadingZeros(a, this.d);
      places = digits - magnitude;
      const num = places >= 0 ? a * pow10(places) : a;
      const den = places >= 0 ? this.d : this.d * pow10(-places);
      q = num / den;
      const r2 = (num % den) * 2n;
      if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
    }
    return (negative ? '-' : '') + placeDecimals(q, places);
  }
}

/** k with 10^k / d an integer, or null when d has another prime factor. */
function decimalScale(d: bigint): number | null {
  if (d <= SAFE) {
    // Exact in doubles below 2^53, and much cheaper than BigInt division.
    let x = Number(d);
    let t = 0;
    let f = 0;
    while (x % 2 === 0) {
      x /= 2;
      t++;
    }
    while (x % 5 === 0) {
      x /= 5;
      f++;
    }
    return x === 1 ? Math.max(t, f) : null;
  }
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  return d === 1n ? Math.max(twos, fives) : null;
}

/** For 0 < a < d: the number of zeros right after the decimal point of a/d. */
function leadingZeros(a: bigint, d: bigint): number {
  let z = 0;
  let x = a * 10n;
  while (x < d) {
    x *= 10n;
    z++;
  }
  return z;
}

/** q·10^(−places) in plain notation without trailing zeros. */
function placeDecimals(q: bigint, places: number): string {
  let s = q.toString();
  if (places <= 0) return s + '0'.repeat(-places);
  if (s.length <= places) s = '0'.repeat(places - s.length + 1) + s;
  const int = s.slice(0, s.length - places);
  const frac = s.slice(s.length - places).replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

/** The lowest / highest of a non-empty list, exactly. */
export function minOf(xs: readonly Rational[]): Rational {
  let m = xs[0];
  for (let i = 1; i < xs.length; i++) if (xs[i].lt(m)) m = xs[i];
  return m;
}

export function maxOf(xs: readonly Rational[]): Rational {
  let m = xs[0];
  for (let i = 1; i < xs.length; i++) if (xs[i].gt(m)) m = xs[i];
  return m;
}

export function clamp01(x: Rational): Rational {
  if (x.n < 0n) return Rational.ZERO;
  if (x.n > x.d) return Rational.ONE;
  return x;
}

/** An engine value in its output form: the decimal string and, beside it, the exact fraction. */
export function out(x: Rational): { value: string; fraction: string } {
  return { value: x.toDecimalString(), fraction: x.toFraction() };
}

/** Shorthand for the decimal string of an output value. */
export function fmt(x: Rational): string {
  return x.toDecimalString();
}

export const ZERO = Rational.ZERO;
export const ONE = Rational.ONE;
export const HUNDRED = Rational.HUNDRED;

/** Parse a plain decimal string strictly (no exponent, no blanks); null when malformed. */
export function parseDecimal(s: unknown): Rational | null {
  return Rational.parse(s);
}

/** For explanations and messages: the decimal when it terminates, else "n/d ≈ decimal". */
export function show(x: Rational): string {
  return x.terminates() ? x.toDecimalString() : `${x.toFraction()} ≈ ${x.toDecimalString()}`;
}
