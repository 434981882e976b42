import fc from 'fast-check';
import { Rational, gcd } from './rational';

const q = (s: string): Rational => Rational.parse(s)!;
const of = (n: number, d: number): Rational => Rational.of(BigInt(n), BigInt(d));

describe('Rational', () => {
  it('parses plain decimal strings exactly and refuses anything else', () => {
    expect(q('123456.78').toFraction()).toBe('6172839/50');
    expect(q('-0.050').toFraction()).toBe('-1/20');
    expect(q('0').toFraction()).toBe('0');
    for (const bad of ['1e3', ' 1', '1.', '.5', '+1', '1,5', '', '0x10', 'NaN']) expect(Rational.parse(bad)).toBeNull();
    expect(Rational.parse(12 as unknown)).toBeNull();
  });

  it('normalises: reduced, positive denominator, one zero', () => {
    const x = Rational.of(6n, -4n);
    expect([x.n, x.d]).toEqual([-3n, 2n]);
    expect(Rational.of(0n, -7n).toFraction()).toBe('0');
    expect(() => Rational.of(1n, 0n)).toThrow(RangeError);
    expect(() => q('1').div(q('0'))).toThrow(RangeError);
  });

  it('30 × 1/3 is exactly 10 (decimal.js at 50 digits gives 9.99…9)', () => {
    expect(of(1, 3).mul(q('30')).toDecimalString()).toBe('10');
    expect(of(1, 3).add(of(2, 3)).eq(Rational.ONE)).toBe(true);
  });

  it('tells apart values that differ by 8.75e-32 (v1 compared at 30 places and called them equal)', () => {
    const a = q('0.1').add(q('0.0000000000000000000000000000000875'));
    expect(a.cmp(q('0.1'))).toBe(1);
    expect(q('0.1').cmp(a)).toBe(-1);
  });

  it('prints terminating values exactly, others half-even to 40 significant digits', () => {
    expect(of(1059, 50).toDecimalString()).toBe('21.18');
    expect(of(1, 1024).toDecimalString()).toBe('0.0009765625');
    expect(q('-1200.500').toDecimalString()).toBe('-1200.5');
    expect(q('1000').toDecimalString()).toBe('1000');
    expect(of(2, 3).toDecimalString()).toBe('0.6666666666666666666666666666666666666667');
    expect(of(-150, 7).toDecimalString()).toBe('-21.42857142857142857142857142857142857143');
    expect(of(1, 30000).toDecimalString()).toBe('0.00003333333333333333333333333333333333333333');
    expect(of(10 ** 15, 3).toDecimalString()).toBe('333333333333333.3333333333333333333333333');
    // Fewer digits on request. (A non-terminating value never lies exactly halfway, so half-even only matters in principle.)
    expect(of(2, 3).toDecimalString(4)).toBe('0.6667');
    expect(of(1, 7).toDecimalString(3)).toBe('0.143');
  });

  it('agrees with an independent reference (numbers as exact integer pairs) on random arithmetic', () => {
    const small = fc.integer({ min: -10_000, max: 10_000 });
    const pos = fc.integer({ min: 1, max: 10_000 });
    fc.assert(
      fc.property(small, pos, small, pos, (a, b, c, d) => {
        const x = of(a, b);
        const y = of(c, d);
        // Cross-multiplied comparisons of the unreduced pairs: no shared code with Rational.
        const same = (r: Rational, n: bigint, m: bigint) => r.n * m === n * r.d && r.d > 0n && gcd(r.n, r.d) === 1n;
        const [A, B, C, D] = [a, b, c, d].map(BigInt);
        expect(same(x.add(y), A * D + C * B, B * D)).toBe(true);
        expect(same(x.sub(y), A * D - C * B, B * D)).toBe(true);
        expect(same(x.mul(y), A * C, B * D)).toBe(true);
        if (c !== 0) expect(same(x.div(y), A * D, B * C)).toBe(true);
        expect(x.cmp(y)).toBe(Math.sign(Number(A * D - C * B)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gcd agrees on the double fast path and the BigInt path', () => {
    expect(gcd(2n ** 80n * 3n, 2n ** 70n * 9n)).toBe(2n ** 70n * 3n);
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(0n, 5n)).toBe(5n);
    expect(gcd(9007199254740993n, 3n)).toBe(3n);
  });
});
