import { addDays, dayOfWeek, endOfZurichDay, isDate, zurichDate } from './zurich-time';

/** Art. 56(1) BöB: an appeal is filed within 20 days of notification. */
export const APPEAL_PERIOD_DAYS = 20;

export interface AppealDeadline {
  /** Zurich calendar day of the notification (day 0, not counted). */
  notificationDate: string;
  /** The 20th calendar day after it, before any shift. */
  nominalDate: string;
  /** The day the period ends on: the nominal day, or the next working day after it. */
  deadlineDate: string;
  /**
   * The end of that day, 23:59:59.999 Europe/Zurich. A filing is in time when
   * made on the deadline day; the last millisecond of the day is the latest
   * instant that still belongs to it, and it stays exact across DST changes.
   */
  deadline: Date;
  /** Saturdays, Sundays and holidays the end was moved over, in order. */
  skipped: string[];
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !holidays.has(date);
}

/**
 * evaluation-method.md §7: the appeal period ends at the end of the 20th
 * calendar day after the day of notification, Europe/Zurich time; when that
 * day is a Saturday, a Sunday or one of the buyer's holidays, at the end of the
 * next working day. Court holidays do not apply in procurement (Art. 56(2)).
 */
export function appealDeadline(notifiedAt: Date, holidays: Iterable<string> = [], days = APPEAL_PERIOD_DAYS): AppealDeadline {
  const set = new Set<string>();
  for (const h of holidays) {
    if (!isDate(h)) throw new RangeError(`holiday is not a date YYYY-MM-DD: ${JSON.stringify(h)}`);
    set.add(h);
  }
  const notificationDate = zurichDate(notifiedAt);
  const nominalDate = addDays(notificationDate, days);
  let deadlineDate = nominalDate;
  const skipped: string[] = [];
  // Terminates: at most the holidays plus two weekend days per week can be skipped.
  while (!isWorkingDay(deadlineDate, set)) {
    skipped.push(deadlineDate);
    deadlineDate = addDays(deadlineDate, 1);
  }
  return { notificationDate, nominalDate, deadlineDate, deadline: endOfZurichDay(deadlineDate), skipped };
}
