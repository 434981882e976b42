import { appealDeadline, isWorkingDay } from './appeal-deadline';
import { addDays, dayOfWeek, endOfZurichDay, startOfZurichDay, toZurichIso, zurichDate, zurichOffsetMs } from './zurich-time';

const iso = (d: Date) => d.toISOString();

describe('Zurich calendar days', () => {
  it('reads the Zurich date of instants around midnight, winter (+01:00) and summer (+02:00)', () => {
    expect(zurichDate(new Date('2026-01-14T22:59:59.999Z'))).toBe('2026-01-14');
    expect(zurichDate(new Date('2026-01-14T23:00:00.000Z'))).toBe('2026-01-15');
    expect(zurichDate(new Date('2026-07-14T21:59:59.999Z'))).toBe('2026-07-14');
    expect(zurichDate(new Date('2026-07-14T22:00:00.000Z'))).toBe('2026-07-15');
  });

  it('offsets change at 01:00 UTC on the last Sundays of March and October', () => {
    expect(zurichOffsetMs(new Date('2026-03-29T00:59:59Z'))).toBe(3_600_000);
    expect(zurichOffsetMs(new Date('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(zurichOffsetMs(new Date('2026-10-25T00:59:59Z'))).toBe(7_200_000);
    expect(zurichOffsetMs(new Date('2026-10-25T01:00:00Z'))).toBe(3_600_000);
  });

  it('day boundaries: the DST days have 23 and 25 hours', () => {
    expect(iso(startOfZurichDay('2026-03-29'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(endOfZurichDay('2026-03-29'))).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfZurichDay('2026-03-29').getTime() + 1 - startOfZurichDay('2026-03-29').getTime()).toBe(23 * 3_600_000);
    expect(iso(startOfZurichDay('2026-10-25'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(endOfZurichDay('2026-10-25'))).toBe('2026-10-25T22:59:59.999Z');
    expect(endOfZurichDay('2026-10-25').getTime() + 1 - startOfZurichDay('2026-10-25').getTime()).toBe(25 * 3_600_000);
  });

  it('calendar arithmetic crosses month, year and leap-day boundaries', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(dayOfWeek('2026-01-03')).toBe(6);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('prints an instant in Zurich local time with its offset', () => {
    expect(toZurichIso(new Date('2027-01-21T22:59:59.999Z'))).toBe('2027-01-21T23:59:59.999+01:00');
    expect(toZurichIso(new Date('2026-07-01T21:59:59.999Z'))).toBe('2026-07-01T23:59:59.999+02:00');
  });
});

describe('appeal deadline (Art. 56, evaluation-method.md §7)', () => {
  it('ends at the end of the 20th calendar day after the notification day, Zurich time', () => {
    // Wednesday 2026-06-10 → Tuesday 2026-06-30.
    const d = appealDeadline(new Date('2026-06-10T08:15:00Z'));
    expect(d).toMatchObject({ notificationDate: '2026-06-10', nominalDate: '2026-06-30', deadlineDate: '2026-06-30', skipped: [] });
    expect(iso(d.deadline)).toBe('2026-06-30T21:59:59.999Z');
  });

  it('counts from the Zurich day of notification, not the UTC day', () => {
    // 23:30 UTC on 9 June is already 10 June in Zurich.
    expect(appealDeadline(new Date('2026-06-09T23:30:00Z')).notificationDate).toBe('2026-06-10');
    expect(appealDeadline(new Date('2026-06-09T21:30:00Z')).notificationDate).toBe('2026-06-09');
  });

  it('a Saturday or a Sunday moves the end to the Monday', () => {
    // 2026-06-06 (Sat) + 20 = 2026-06-26 (Fri): no shift.
    expect(appealDeadline(new Date('2026-06-06T10:00:00Z')).deadlineDate).toBe('2026-06-26');
    // 2026-06-07 (Sun) + 20 = 2026-06-27 (Sat) → Mon 29.
    const sat = appealDeadline(new Date('2026-06-07T10:00:00Z'));
    expect(sat).toMatchObject({ nominalDate: '2026-06-27', deadlineDate: '2026-06-29', skipped: ['2026-06-27', '2026-06-28'] });
    // 2026-06-08 (Mon) + 20 = 2026-06-28 (Sun) → Mon 29.
    expect(appealDeadline(new Date('2026-06-08T10:00:00Z'))).toMatchObject({ nominalDate: '2026-06-28', deadlineDate: '2026-06-29' });
  });

  it('a holiday of the buyer moves the end; a chain of holidays and a weekend moves it past all of them', () => {
    // Nominal Thursday 2026-12-24; 24, 25 (Fri) holidays, 26–27 weekend, 28 holiday → Tue 29.
    const d = appealDeadline(new Date('2026-12-04T09:00:00Z'), ['2026-12-24', '2026-12-25', '2026-12-28']);
    expect(d).toMatchObject({
      nominalDate: '2026-12-24',
      deadlineDate: '2026-12-29',
      skipped: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28'],
    });
    expect(iso(d.deadline)).toBe('2026-12-29T22:59:59.999Z');
    // Without the buyer's list the same day is a working day.
    expect(appealDeadline(new Date('2026-12-04T09:00:00Z')).deadlineDate).toBe('2026-12-24');
  });

  it('crosses the year end: 31 December and 1–2 January holidays, then a weekend', () => {
    // Nominal Thursday 2026-12-31 → 31 Dec, 1 Jan (Fri) holidays, 2–3 Jan weekend → Mon 2027-01-04.
    const d = appealDeadline(new Date('2026-12-11T12:00:00+01:00'), ['2026-12-31', '2027-01-01', '2027-01-02']);
    expect(d).toMatchObject({ notificationDate: '2026-12-11', nominalDate: '2026-12-31', deadlineDate: '2027-01-04' });
    expect(iso(d.deadline)).toBe('2027-01-04T22:59:59.999Z');
  });

  it('a holiday on a weekday that is not the end does not shorten or lengthen the period', () => {
    expect(appealDeadline(new Date('2026-06-10T08:00:00Z'), ['2026-06-15', '2026-06-16']).deadlineDate).toBe('2026-06-30');
  });

  it('DST: notified in winter time, ending in summer time (spring forward inside the period)', () => {
    // Tue 2026-03-17 + 20 = Mon 2026-04-06 (Easter Monday when listed → Tue 7).
    const d = appealDeadline(new Date('2026-03-17T10:00:00Z'));
    expect(iso(d.deadline)).toBe('2026-04-06T21:59:59.999Z');
    expect(toZurichIso(d.deadline)).toBe('2026-04-06T23:59:59.999+02:00');
    expect(appealDeadline(new Date('2026-03-17T10:00:00Z'), ['2026-04-06']).deadlineDate).toBe('2026-04-07');
  });

  it('DST: notified in summer time, ending in winter time (fall back inside the period)', () => {
    // Mon 2026-10-12 + 20 = Sun 2026-11-01 → Mon 2 November, +01:00.
    const d = appealDeadline(new Date('2026-10-12T10:00:00Z'));
    expect(d.deadlineDate).toBe('2026-11-02');
    expect(iso(d.deadline)).toBe('2026-11-02T22:59:59.999Z');
  });

  it('DST: the end day is the day the clocks change, moved to the Monday after it', () => {
    // Mon 2026-03-09 + 20 = Sun 2026-03-29 (spring forward) → Mon 30 March, +02:00.
    const d = appealDeadline(new Date('2026-03-09T10:00:00Z'));
    expect(d).toMatchObject({ nominalDate: '2026-03-29', deadlineDate: '2026-03-30' });
    expect(iso(d.deadline)).toBe('2026-03-30T21:59:59.999Z');
    // Notified in the night of the change, 00:30 local time (still +01:00): day 29 March.
    expect(appealDeadline(new Date('2026-03-28T23:30:00Z')).notificationDate).toBe('2026-03-29');
  });

  it('leap years: 20 days from 2028-02-15 end on 2028-03-06 (Monday)', () => {
    expect(appealDeadline(new Date('2028-02-15T10:00:00Z')).deadlineDate).toBe('2028-03-06');
  });

  it('refuses malformed holidays', () => {
    expect(() => appealDeadline(new Date('2026-06-10T08:00:00Z'), ['2026-6-1'])).toThrow(RangeError);
  });

  it('isWorkingDay: weekends and listed holidays are not', () => {
    const h = new Set(['2026-08-01']);
    expect(isWorkingDay('2026-07-31', h)).toBe(true);
    expect(isWorkingDay('2026-08-01', h)).toBe(false);
    expect(isWorkingDay('2026-08-02', h)).toBe(false);
    expect(isWorkingDay('2026-08-03', h)).toBe(true);
  });

  it('the deadline is always the last millisecond of a working Zurich day, at least 20 days later', () => {
    // Every notification hour across two years, with a fixed holiday list.
    const holidays = [
      '2026-01-01',
      '2026-01-02',
      '2026-04-03',
      '2026-04-06',
      '2026-05-14',
      '2026-05-25',
      '2026-08-01',
      '2026-12-25',
      '2026-12-26',
      '2027-01-01',
    ];
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 7 * 3_600_000) {
      const d = appealDeadline(new Date(t), holidays);
      expect(zurichDate(d.deadline)).toBe(d.deadlineDate);
      expect(zurichDate(new Date(d.deadline.getTime() + 1))).toBe(addDays(d.deadlineDate, 1));
      expect(isWorkingDay(d.deadlineDate, new Set(holidays))).toBe(true);
      expect(d.deadlineDate >= d.nominalDate).toBe(true);
    }
  });
});
