import { calendarDayOf } from './zurich-time';

describe('calendarDayOf: the Zurich calendar day a field names', () => {
  it.each([
    ['2026-02-10', '2026-02-10'],
    ['2024-02-29', '2024-02-29'],
    // Winter, Zurich at +01:00: 23:30 UTC is already the next day.
    ['2026-02-09T23:30:00Z', '2026-02-10'],
    ['2026-02-09T22:59:59.999Z', '2026-02-09'],
    // Summer, +02:00: 22:00 UTC is midnight in Zurich.
    ['2026-07-31T22:00:00Z', '2026-08-01'],
    ['2026-07-31T21:59:59Z', '2026-07-31'],
    // The offset given counts, not the server's zone.
    ['2026-02-10T00:30:00+01:00', '2026-02-10'],
    ['2026-02-10T00:30:00+02:00', '2026-02-09'],
    ['2026-02-09T20:00:00-05:00', '2026-02-10'],
    ['2026-02-10t09:00z', '2026-02-10'],
  ])('%s → %s', (value, day) => {
    expect(calendarDayOf(value)).toBe(day);
  });

  it.each([
    ['2026-02-30'],
    ['2026-02-10T09:00:00'],
    ['2026-13-01T00:00:00Z'],
    ['2026-02-10T24:00:00Z'],
    ['2026-02-10T09:00:00+25:00'],
    ['10.02.2026'],
    [''],
    [20260210],
    [null],
  ])('refuses %j', (value) => {
    expect(calendarDayOf(value)).toBeNull();
  });
});
