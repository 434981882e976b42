import { zurichOffsetMs } from '../../procedure/src/zurich-time';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatFraction,
  formatMoney,
  formatPoints,
  formatRisk,
  formatShare,
  groundCitation,
  roundHalfEven,
} from './format';

describe('rounding for people: half-even on decimal strings', () => {
  it('rounds ties to the even digit, never through binary floats', () => {
    expect(roundHalfEven('0.125', 2)).toBe('0.12');
    expect(roundHalfEven('0.135', 2)).toBe('0.14');
    expect(roundHalfEven('0.54145', 4)).toBe('0.5414');
    expect(roundHalfEven('0.54155', 4)).toBe('0.5416');
    // As doubles 1.015 and 2.675 lie just below the tie ((2.675).toFixed(2) is '2.67'); the decimal strings are exact ties.
    expect(roundHalfEven('1.015', 2)).toBe('1.02');
    expect(roundHalfEven('2.675', 2)).toBe('2.68');
  });

  it('keeps exact long values of the engine', () => {
    expect(formatPoints('28.571428571428571428571428571428571428571428571429', 'en')).toBe('28.57');
    expect(formatPoints('-21.428571428571428571428571428571428571428571428571', 'en')).toBe('-21.43');
    expect(formatPoints('43.636363636363636363636363636363636363636363636364', 'en')).toBe('43.64');
    expect(formatRisk('0.35029', 'en')).toBe('0.3503');
    expect(formatPoints('90', 'en')).toBe('90.00');
  });

  it('writes no negative zero', () => {
    expect(roundHalfEven('-0.001', 2)).toBe('0.00');
    expect(formatPoints('-0.004', 'de')).toBe('0.00');
  });
});

describe('numbers per language', () => {
  it('money: en 1,184,500.00 · de 1’184’500.00 · fr 1 184 500,00', () => {
    expect(formatMoney('1184500', 'CHF', 'en')).toBe('CHF 1,184,500.00');
    expect(formatMoney('1184500', 'CHF', 'de')).toBe('CHF 1\u2019184\u2019500.00');
    expect(formatMoney('1184500', 'CHF', 'fr')).toBe('CHF 1\u202f184\u202f500,00');
    expect(formatMoney('999.995', 'EUR', 'en')).toBe('EUR 1,000.00');
    expect(formatMoney('-1234.5', 'CHF', 'en')).toBe('CHF -1,234.50');
  });

  it('decimal separator: comma in French only', () => {
    expect(formatPoints('49', 'fr')).toBe('49,00');
    expect(formatPoints('49', 'de')).toBe('49.00');
    expect(formatDecimal('1234.5', 2, 'de')).toBe('1234.50');
    expect(formatShare('0.2', 'fr')).toBe('20,00 %');
  });
});

describe('dates in Zurich local time, computed without ICU', () => {
  it('CET in winter, CEST in summer', () => {
    expect(formatDateTime('2025-06-30T10:00:00Z', 'en')).toBe('2025-06-30 12:00');
    expect(formatDateTime('2025-01-15T10:00:00Z', 'de')).toBe('15.01.2025 11:00');
    expect(formatDateTime('2025-06-30T12:00:00+02:00', 'fr')).toBe('30.06.2025 12:00');
  });

  it('switches on the last Sundays of March and October at 01:00 UTC', () => {
    expect(zurichOffsetMs(new Date('2025-03-30T00:59:59Z'))).toBe(1 * 3_600_000);
    expect(zurichOffsetMs(new Date('2025-03-30T01:00:00Z'))).toBe(2 * 3_600_000);
    expect(zurichOffsetMs(new Date('2025-10-26T00:59:59Z'))).toBe(2 * 3_600_000);
    expect(zurichOffsetMs(new Date('2025-10-26T01:00:00Z'))).toBe(1 * 3_600_000);
    expect(formatDateTime('2025-03-30T01:00:00Z', 'en')).toBe('2025-03-30 03:00');
  });

  it('prints calendar dates as given and tolerates what it cannot parse', () => {
    expect(formatDate('2025-06-27', 'en')).toBe('2025-06-27');
    expect(formatDate('2025-06-27', 'de')).toBe('27.06.2025');
    expect(formatDate('2025-06-30T23:30:00Z', 'en')).toBe('2025-07-01');
    expect(formatDateTime(null, 'en')).toBe('–');
    expect(formatDateTime('soon', 'en')).toBe('soon');
  });
});

it('cites Art. 44 grounds', () => {
  expect(groundCitation('44-1-b')).toBe('Art. 44(1)(b)');
  expect(groundCitation('44-2-c')).toBe('Art. 44(2)(c)');
  expect(groundCitation('other')).toBe('other');
});

describe('exact fractions (method version 2)', () => {
  it('rounds a fraction half-even in integers, never through its 40-digit decimal', () => {
    expect(roundHalfEven('130/3', 2)).toBe('43.33');
    expect(roundHalfEven('-150/7', 2)).toBe('-21.43');
    // 1/8 = 0.125 exactly: a true tie goes to the even neighbour; 3/8 = 0.375 → 0.38.
    expect(roundHalfEven('1/8', 2)).toBe('0.12');
    expect(roundHalfEven('3/8', 2)).toBe('0.38');
    // Just below a tie: 0.01499…9 (far beyond 40 digits) is 0.01, where rounding a 40-digit decimal twice would give 0.02.
    expect(roundHalfEven(`${10n ** 60n * 15n - 1n}/${10n ** 63n}`, 2)).toBe('0.01');
    expect(roundHalfEven('-1/1000', 2)).toBe('0.00');
    expect(roundHalfEven('1083/4000', 4)).toBe('0.2708');
  });

  it('prints fractions people can read', () => {
    expect(formatFraction('-150/7', 2, 'en')).toBe('-150/7 ≈ -21.43');
    expect(formatFraction('105/4', 2, 'en')).toBe('105/4 = 26.25');
    expect(formatFraction('480/11', 2, 'fr')).toBe('480/11 ≈ 43,64');
    expect(formatFraction('30', 2, 'de')).toBe('30.00');
    expect(formatFraction('1529303579303044028030646155311608428244756160663980/1110488370113383495258829805713169385253477055579353', 2, 'en')).toBe('≈ 1.38');
  });
});
