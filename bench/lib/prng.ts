/**
 * A small seeded PRNG (mulberry32): the bench inputs are the same on every
 * machine and every run, so two recorded runs measure the same work.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * A non-negative integer count of 1/10^dp units as a plain decimal string
 * ("12345", 2 → "123.45"): generated figures stay exact decimal strings,
 * never float-formatted.
 */
export function units(n: number, dp: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`units: ${n}`);
  if (dp === 0) return String(n);
  const s = String(n).padStart(dp + 1, '0');
  return `${s.slice(0, -dp)}.${s.slice(-dp)}`;
}
