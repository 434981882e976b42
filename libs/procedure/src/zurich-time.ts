/**
 * The project's one Zurich calendar: calendar days and day boundaries in
 * Europe/Zurich, with the runtime's own time-zone data (Intl), so that no date
 * library is needed. Calendar dates are 'YYYY-MM-DD' strings; arithmetic on
 * them is done in UTC, where every day has 24 hours. The API, the engine, the
 * report and interop call these; DST changes are tested in zurich-time.spec.ts.
 * (temporal-polyfill is ESM-only: the Jest CommonJS tier cannot load it as
 * configured, and it was twice as slow per conversion as the cached formatter.)
 */

export const ZURICH = 'Europe/Zurich';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZURICH,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Parses 'YYYY-MM-DD' into the UTC midnight of that date; throws on anything that is not a real date. */
export function dateToUtcMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (utcMsToDate(ms) !== date) throw new RangeError(`not a real calendar date: ${date}`);
  return ms;
}

export function utcMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The 'YYYY-MM-DD' of a calendar-day value as the database driver hands it
 * over (a DATE column arrives as UTC midnight of that day). Not for instants:
 * the Zurich day of an instant is zurichDate().
 */
export function dayOfDateValue(d: Date): string {
  return utcMsToDate(d.getTime());
}

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    dateToUtcMs(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The years a date may name anywhere in the system (request fields, imported
 * lists): beyond them PostgreSQL, JavaScript or the five-year arithmetic of
 * Art. 45 fails.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** Whether a 'YYYY-…' date or date-time names a year MIN_YEAR–MAX_YEAR (false for anything without a four-digit year). */
export function isYearInRange(value: string): boolean {
  const m = /^(\d{4})-/.exec(value);
  return m !== null && Number(m[1]) >= MIN_YEAR && Number(m[1]) <= MAX_YEAR;
}

export function addDays(date: string, days: number): string {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(dateToUtcMs(date)).getUTCDay();
}

function wallClock(instant: Date): { date: string; wallMs: number } {
  const p: Record<string, string> = {};
  for (const part of PARTS.formatToParts(instant)) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const wallMs = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return { date, wallMs };
}

/** The Zurich calendar date of an instant. */
export function zurichDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');
  return wallClock(instant).date;
}

/** Zurich wall-clock time minus UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
export function zurichOffsetMs(instant: Date): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return wallClock(new Date(whole)).wallMs - whole;
}

/**
 * The instant at which a Zurich calendar day begins (00:00 local). Midnight is
 * never inside a DST change in Zurich (the clocks move at 02:00/03:00), so the
 * second pass only corrects a first guess taken on the wrong side of a change.
 */
export function startOfZurichDay(date: string): Date {
  const wall = dateToUtcMs(date);
  let instant = wall - zurichOffsetMs(new Date(wall));
  instant = wall - zurichOffsetMs(new Date(instant));
  return new Date(instant);
}

/** The last millisecond of a Zurich calendar day (23:59:59.999 local): the next day's start minus 1 ms. */
export function endOfZurichDay(date: string): Date {
  return new Date(startOfZurichDay(addDays(date, 1)).getTime() - 1);
}

/** An instant as ISO 8601 in Zurich local time with its offset, e.g. 2027-01-21T23:59:59.999+01:00. */
export function toZurichIso(instant: Date): string {
  const offset = zurichOffsetMs(instant);
  const local = new Date(instant.getTime() + offset).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A date-time with an explicit offset (or Z); without one its instant would depend on the server's zone. */
const DATE_TIME_WITH_OFFSET_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * The calendar day a value names, as 'YYYY-MM-DD', or null: a real date
 * 'YYYY-MM-DD' as given, or a date-time with offset taken to its Europe/Zurich
 * day ('2026-02-09T23:30:00Z' → '2026-02-10', Zurich being at +01:00). This is
 * how the API reads every field that means a calendar date (api.md).
 */
export function calendarDayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (isDate(value)) return value;
  const m = DATE_TIME_WITH_OFFSET_RE.exec(value);
  if (!m || !isDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
  const [hh, mm, ss, oh, om] = [m[4], m[5], m[6] ?? '0', m[7] ?? '0', m[8] ?? '0'].map(Number);
  if (hh > 23 || mm > 59 || ss > 59 || oh > 23 || om > 59) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : zurichDate(new Date(ms));
}
