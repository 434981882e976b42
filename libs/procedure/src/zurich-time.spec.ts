import { endOfZurichDay, startOfZurichDay, toZurichIso, zurichDate, zurichOffsetMs } from './zurich-time';

const at = (iso: string) => new Date(iso);
const H = 3_600_000;

describe('the Zurich calendar across daylight-saving changes', () => {
  it('the offset changes at 01:00 UTC on the last Sunday of March and of October (2026)', () => {
    expect(zurichOffsetMs(at('2026-03-29T00:59:59.999Z'))).toBe(H);
    expect(zurichOffsetMs(at('2026-03-29T01:00:00.000Z'))).toBe(2 * H);
    expect(zurichOffsetMs(at('2026-10-25T00:59:59.999Z'))).toBe(2 * H);
    expect(zurichOffsetMs(at('2026-10-25T01:00:00.000Z'))).toBe(H);
  });

  it('the day of the spring change has 23 hours, the day of the autumn change 25', () => {
    expect(startOfZurichDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfZurichDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(endOfZurichDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(startOfZurichDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfZurichDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(endOfZurichDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('the repeated hour of October is told apart by its offset', () => {
    expect(toZurichIso(at('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00.000+02:00');
    expect(toZurichIso(at('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00.000+01:00');
    expect(toZurichIso(at('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00.000+02:00');
    expect(toZurichIso(at('2027-01-21T22:59:59.999Z'))).toBe('2027-01-21T23:59:59.999+01:00');
  });

  it('the calendar day of an instant turns at Zurich midnight, winter and summer', () => {
    expect(zurichDate(at('2026-01-31T22:59:59.999Z'))).toBe('2026-01-31');
    expect(zurichDate(at('2026-01-31T23:00:00.000Z'))).toBe('2026-02-01');
    expect(zurichDate(at('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(zurichDate(at('2026-06-30T22:00:00.000Z'))).toBe('2026-07-01');
    expect(zurichDate(at('2026-03-29T01:30:00Z'))).toBe('2026-03-29');
  });

  it('uses the zone history: no summer time in Switzerland before 1981', () => {
    expect(zurichOffsetMs(at('1980-07-01T12:00:00Z'))).toBe(H);
    expect(zurichOffsetMs(at('1981-07-01T12:00:00Z'))).toBe(2 * H);
  });

  it('every day of a year starts at local midnight and lasts 23, 24 or 25 hours', () => {
    let day = '2026-01-01';
    const lengths = new Map<number, number>();
    for (let i = 0; i < 365; i++) {
      const start = startOfZurichDay(day);
      expect(toZurichIso(start).slice(10, 23)).toBe('T00:00:00.000');
      expect(zurichDate(start)).toBe(day);
      const next = new Date(endOfZurichDay(day).getTime() + 1);
      const hours = (next.getTime() - start.getTime()) / H;
      lengths.set(hours, (lengths.get(hours) ?? 0) + 1);
      day = zurichDate(next);
    }
    expect(day).toBe('2027-01-01');
    expect(Object.fromEntries(lengths)).toEqual({ 23: 1, 24: 363, 25: 1 });
  });

  it('refuses what is not a date or an instant', () => {
    expect(() => startOfZurichDay('2026-02-30')).toThrow(RangeError);
    expect(() => startOfZurichDay('2026-2-3')).toThrow(RangeError);
    expect(() => zurichDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
