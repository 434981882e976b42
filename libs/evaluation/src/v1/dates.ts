/**
 * Calendar helpers. Dates of evidence, violations and sanctions are calendar
 * dates (YYYY-MM-DD) and are compared as such; only receivedAt and the
 * submission deadline are instants.
 */
import { zurichDate } from '../../../procedure/src/zurich-time';

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/;

// The method's calendar is the buyer's: Swiss buyers, Europe/Zurich (as §7), taken from the one Zurich calendar.

/**
 * Parse an ISO 8601 timestamp that carries an offset (or Z) into epoch ms;
 * null when malformed. A timestamp without offset is refused: its instant
 * would depend on the server's time zone.
 */
export function parseInstant(s: unknown): number | null {
  if (typeof s !== 'string' || !TIMESTAMP_RE.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Parse a calendar date "YYYY-MM-DD" (a trailing time part, as a database
 * driver may add, is ignored); returns the canonical "YYYY-MM-DD" or null.
 */
export function parseCalendarDate(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The calendar date of an instant in Europe/Zurich: the project's one Zurich calendar (libs/procedure). */
export function calendarDateOf(ms: number): string {
  return zurichDate(new Date(ms));
}

/**
 * The same day `months` months earlier; when that month is shorter, its last
 * day (2024-02-29 minus 12 months = 2023-02-28).
 */
export function minusMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${pad(ny, 4)}-${pad(nm, 2)}-${pad(nd, 2)}`;
}

export function minusYears(date: string, years: number): string {
  return minusMonths(date, years * 12);
}
