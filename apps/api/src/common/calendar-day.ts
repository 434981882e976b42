import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { calendarDayOf, isDate } from '@app/procedure';

/** The class-validator name of IsCalendarDay; the validation pipe's shape check keeps such fields in the years MIN_YEAR–MAX_YEAR (validation.ts). */
export const CALENDAR_DAY_VALIDATOR = 'isCalendarDay';

/** The OpenAPI description every calendar-date field carries. */
export const CALENDAR_DAY_DESCRIPTION =
  'A calendar date: YYYY-MM-DD, or a date-time with offset (e.g. 2026-02-10T09:00:00+01:00), which stands for its calendar day in Europe/Zurich. Answered as YYYY-MM-DD.';

/**
 * A field that means a calendar date (evidence issuedAt/validUntil, violation
 * occurredAt, sanction from/until, buyer holidays): accepts YYYY-MM-DD or a
 * date-time with offset, stores the Zurich calendar day. Anything else (no
 * offset, 2026-02-30, a number) fails with one message naming the field.
 */
export function IsCalendarDay(options: ValidationOptions = {}): PropertyDecorator {
  const normalise = (v: unknown) => calendarDayOf(v) ?? v;
  const transform = Transform(({ value }) => (options.each && Array.isArray(value) ? value.map(normalise) : normalise(value)));
  return (target: object, propertyName: string | symbol) => {
    transform(target, propertyName);
    registerDecorator({
      name: CALENDAR_DAY_VALIDATOR,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) => isDate(v),
        defaultMessage: (a) =>
          `${a?.property}${options.each ? ' entries' : ''} must be a calendar date YYYY-MM-DD or a date-time with offset (its day in Europe/Zurich)`,
      },
    });
  };
}
