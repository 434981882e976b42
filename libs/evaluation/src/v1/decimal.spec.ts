/**
 * The arithmetic and calendar helpers the method's exactness rests on.
 */
import { Dec, Fraction, cmpQ, fmt, parseDecimal } from './decimal';
import { calendarDateOf, minusMonths, minusYears, parseCalendarDate, parseInstant } from './dates';

describe('decimals', () => {
  it('prints plain notation without trailing zeros, never an exponent or "-0"', () => {
    expect(fmt(new Dec('1.500'))).toBe('1.5');
    expect(fmt(new Dec('1e-30'))).toBe('0.000000000000000000000000000001');
    expect(fmt(new Dec('123456789012345678901234567890'))).toBe('123456789012345678901234567890');
    expect(fmt(new Dec('-0'))).toBe('0');
    expect(fmt(new Dec(1).div(3))).toBe('0.33333333333333333333333333333333333333333333333333');
  });

  it('compares after quantising to 30 places: (1/3)·3 equals 1, 1 + 1e-29 does not', () => {
    const x = new Dec(1).div(3).times(3);
    expect(fmt(x)).toBe('0.99999999999999999999999999999999999999999999999999'); // not exactly 1 at 50 digits
    expect(cmpQ(x, new Dec(1))).toBe(0);
    expect(cmpQ(new Dec('1.00000000000000000000000000001'), new Dec(1))).toBe(1);
  });

  it('parses only plain decimal strings', () => {
    expect(parseDecimal('0.80')?.toString()).toBe('0.8');
    expect(parseDecimal('-12')?.toString()).toBe('-12');
    for (const bad of ['1e5', ' 1', '1,5', '.5', 'NaN', 'Infinity', '', 5]) expect(parseDecimal(bad)).toBeNull();
  });

  it('reduces fractions with BigInt gcd, from the exact value of a decimal', () => {
    expect(Fraction.fromDecimal(new Dec('-21.25')).toString()).toBe('-85/4');
    expect(Fraction.fromDecimal(new Dec('30')).toString()).toBe('30');
    expect(new Fraction(-12n, 0n - 56n).toString()).toBe('3/14');
    expect(new Fraction(-150n, 7n).toDecimal().toFixed()).toBe('-21.428571428571428571428571428571428571428571428571');
  });
});

describe('calendar', () => {
  it('takes the deadline date in Europe/Zurich', () => {
    // 23:30 UTC on 30 June is 01:30 on 1 July in Zurich (summer time).
    expect(calendarDateOf(parseInstant('2025-06-30T23:30:00Z')!)).toBe('2025-07-01');
    expect(calendarDateOf(parseInstant('2025-01-15T22:59:59Z')!)).toBe('2025-01-15');
  });

  it('refuses timestamps without an offset', () => {
    expect(parseInstant('2025-06-30T12:00:00')).toBeNull();
    expect(parseInstant('2025-06-30')).toBeNull();
    expect(parseInstant('2025-06-30T12:00:00.123+02:00')).toBe(Date.UTC(2025, 5, 30, 10, 0, 0, 123));
  });

  it('subtracts months and years, clamping to the end of a shorter month', () => {
    expect(minusMonths('2025-06-30', 24)).toBe('2023-06-30');
    expect(minusMonths('2025-03-31', 1)).toBe('2025-02-28');
    expect(minusMonths('2024-03-31', 1)).toBe('2024-02-29');
    expect(minusYears('2024-02-29', 5)).toBe('2019-02-28');
    expect(minusMonths('2025-01-15', 13)).toBe('2023-12-15');
  });

  it('parses calendar dates strictly, ignoring a time part', () => {
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
    expect(parseCalendarDate('2024-02-29T00:00:00.000Z')).toBe('2024-02-29');
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('2023-13-01')).toBeNull();
    expect(parseCalendarDate('1.1.2023')).toBeNull();
  });
});
