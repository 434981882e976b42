import { applyDecorators, ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { getMetadataStorage, validateSync, ValidationTypes, type ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
// The @Type() registry; class-transformer exports it only from its build folders.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };
import { calendarDayOf, isYearInRange, MAX_YEAR, MIN_YEAR } from '@app/procedure';
import { FieldError, invalid } from './problem';
import { CALENDAR_DAY_VALIDATOR } from './calendar-day';

const BOUND_RE = /must not be (less|greater) than (-?\d+(?:\.\d+)?)$/;

/**
 * One message for a value of the wrong type. When `"4"` is given for an
 * integer 0–5, class-validator fails isInt, min and max at once, and "must not
 * be less than 0" is nonsense for a string: the type message alone is kept,
 * with the range folded in ("grade must be an integer 0–5"). Same for every
 * integer or number field.
 */
function typeFirst(property: string, constraints: Record<string, string>): string[] {
  const typeKey = ['isInt', 'isNumber'].find((k) => k in constraints);
  if (!typeKey) return Object.values(constraints);
  const bound = (key: 'min' | 'max') => (constraints[key] ? BOUND_RE.exec(constraints[key])?.[2] : undefined);
  const [min, max] = [bound('min'), bound('max')];
  const what = typeKey === 'isInt' ? 'an integer' : 'a number';
  const range = min !== undefined && max !== undefined ? ` ${min}–${max}` : min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : '';
  const rest = Object.entries(constraints)
    .filter(([k]) => k !== typeKey && k !== 'min' && k !== 'max')
    .map(([, m]) => m);
  return [`${property} must be ${what}${range}`, ...rest];
}

/** Flattens class-validator's tree into `a.b[0].c` field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const isIndex = /^\d+$/.test(e.property);
    const field = parent ? (isIndex ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    for (const message of typeFirst(e.property, e.constraints ?? {})) {
      out.push({ field, message: message.replace(/^property \S+ should not exist$/, 'unknown field') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

const ALLOW_NULL = Symbol('allowNull');

/**
 * Marks an optional request field whose explicit `null` means something (say
 * so in its comment). Every other field refuses null with a 422: in a PATCH,
 * null would otherwise reach the database as "clear a required column".
 */
export const AllowNull = (): PropertyDecorator =>
  applyDecorators(ApiProperty({ nullable: true, required: false }), (target: object, key: string | symbol) =>
    Reflect.defineMetadata(ALLOW_NULL, true, target, key),
  );

/** Dates and date-times are refused outside these years (zurich-time.ts): beyond them PostgreSQL, JavaScript or the five-year arithmetic of Art. 45 fails. */
export { MIN_YEAR, MAX_YEAR };
const DATE_VALIDATORS = new Set(['isIso8601', 'isCalendarDate', 'isDateString', CALENDAR_DAY_VALIDATOR]);

/** A DTO class as the metadata registries key it. */
type DtoClass = abstract new (...args: never[]) => object;

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What the shape check needs of one property of a DTO class. */
interface PropertyPlan {
  key: string;
  allowNull: boolean;
  /** A date validator is on it: the year is checked; calendarDay: on the Zurich day it stands for. */
  date: boolean;
  calendarDay: boolean;
  /** The DTO class of a nested object or of each item, when it has rules of its own. */
  nested: DtoClass | undefined;
}

/** The properties with rules, in registration order; `size` is known before the nested classes are planned. */
interface ClassPlan {
  size: number;
  props: PropertyPlan[];
}

const plans = new Map<DtoClass, ClassPlan>();

/**
 * class-validator looks a class's rules up again for every object it
 * validates (a scan of every registered class for ancestors), and so does
 * Nest's pipe: a 5-node bid is some twenty lookups per request. The rules of a
 * class are fixed once its decorators ran, so the answer is kept per class and
 * schema; adding a rule (a class defined later, a test's class) clears it.
 */
const storage = getMetadataStorage();
type TargetLookup = typeof storage.getTargetValidationMetadatas;
const lookupUncached: TargetLookup = storage.getTargetValidationMetadatas.bind(storage);
const addUncached = storage.addValidationMetadata.bind(storage);
let lookups = new Map<unknown, Map<unknown, ValidationMetadata[]>>();
storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
  // Groups and `always` are not used by this service; a call with them is answered uncached.
  if (always || strictGroups || groups?.length) return lookupUncached(target, schema, always, strictGroups, groups);
  let bySchema = lookups.get(target);
  if (!bySchema) lookups.set(target, (bySchema = new Map()));
  let found = bySchema.get(schema);
  // The executor only filters the list it gets: one frozen copy serves every call.
  if (!found) bySchema.set(schema, (found = Object.freeze(lookupUncached(target, schema, always, strictGroups, groups)) as ValidationMetadata[]));
  return found;
};
// And the executor groups that list by property for every object: the grouping of a kept list is kept with it.
const groupUncached = storage.groupByPropertyName.bind(storage);
const groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
storage.groupByPropertyName = (list) => {
  if (!Object.isFrozen(list)) return groupUncached(list);
  let grouped = groupings.get(list);
  if (!grouped) groupings.set(list, (grouped = Object.freeze(groupUncached(list))));
  return grouped;
};
storage.addValidationMetadata = (m) => {
  lookups = new Map();
  plans.clear();
  addUncached(m);
};
const addConstraintUncached = storage.addConstraintMetadata.bind(storage);
/** Whether a registered constraint is async (registerDecorator({ async: true }), @ValidatorConstraint({ async: true })). */
let anyAsyncRule = [...(storage as unknown as { constraintMetadatas: Map<unknown, { async: boolean }[]> }).constraintMetadatas.values()].some((list) =>
  list.some((c) => c.async),
);
storage.addConstraintMetadata = (c) => {
  if (c.async) anyAsyncRule = true;
  addConstraintUncached(c);
};

/** The shape check's view of a class, built once per class (the registries do not change after start-up). */
function planOf(metatype: DtoClass): ClassPlan {
  const known = plans.get(metatype);
  if (known) return known;
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false)) {
    byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  }
  const plan: ClassPlan = { size: byProperty.size, props: [] };
  // Kept before the nested classes are planned: a class that nests itself (a supply-chain node) finds its own plan.
  plans.set(metatype, plan);
  for (const [key, metas] of byProperty) {
    const nestedRule = metas.some((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    const cls = nestedRule ? (defaultMetadataStorage.findTypeMetadata(metatype, key)?.typeFunction() as DtoClass | undefined) : undefined;
    plan.props.push({
      key,
      allowNull: Reflect.getMetadata(ALLOW_NULL, metatype.prototype, key) === true,
      date: metas.some((m) => m.name !== undefined && DATE_VALIDATORS.has(m.name)),
      calendarDay: metas.some((m) => m.name === CALENDAR_DAY_VALIDATOR),
      nested: cls && planOf(cls).size > 0 ? cls : undefined,
    });
  }
  return plan;
}

/**
 * A calendar-day field is checked on the day it stands for (a date-time with
 * offset is its Zurich day: 2999-12-31T23:30:00-01:00 is 3000-01-01), any other
 * date field on the year it is written with.
 */
function yearProblem(v: unknown, calendarDay: boolean): string | null {
  if (typeof v !== 'string') return null;
  const day = calendarDay ? (calendarDayOf(v) ?? v) : v;
  if (!/^\d{4}-/.test(day)) return null; // not a date at all: the date validator itself names it
  return isYearInRange(day) ? null : `must be a date in the years ${MIN_YEAR} to ${MAX_YEAR}`;
}

/**
 * What class-validator does not check before class-transformer and the
 * services see a value: an array where a nested object belongs (`[[[]]]` would
 * pass as "an array of nothing"), an explicit null, a date outside the years
 * the system can compute with. Follows the DTO classes, so its depth is that
 * of the DTOs, never that of the input.
 */
export function shapeErrors(metatype: DtoClass, value: unknown, field: string, out: FieldError[]): void {
  const plan = planOf(metatype);
  if (plan.size === 0) return;
  if (!isPlainObject(value)) {
    // No body at all is an empty one (a POST whose fields are all optional); anything else must be an object.
    if (field === '' && value !== undefined) out.push({ field: 'body', message: 'must be a JSON object' });
    return;
  }
  const at = (k: string) => (field ? `${field}.${k}` : k);
  for (const { key, allowNull, date, calendarDay, nested } of plan.props) {
    const v = value[key];
    if (v === undefined) continue;
    if (v === null) {
      if (!allowNull) out.push({ field: at(key), message: 'must not be null (omit the field instead)' });
      continue;
    }
    if (date) {
      const values = Array.isArray(v) ? v : [v];
      values.forEach((x, i) => {
        const p = yearProblem(x, calendarDay);
        if (p) out.push({ field: Array.isArray(v) ? `${at(key)}[${i}]` : at(key), message: p });
      });
    }
    if (!nested) continue;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (!isPlainObject(x)) out.push({ field: `${at(key)}[${i}]`, message: 'must be an object' });
        else shapeErrors(nested, x, `${at(key)}[${i}]`, out);
      });
    } else if (isPlainObject(v)) shapeErrors(nested, v, at(key), out);
  }
}

/**
 * Unknown fields are rejected (forbidNonWhitelisted) and every failing field is
 * named in a 422 problem document. The shape check runs first: what it refuses
 * would otherwise reach class-transformer or a service in a form they cannot take.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && typeof metadata.metatype === 'function') {
      const errors: FieldError[] = [];
      shapeErrors(metadata.metatype as DtoClass, value, '', errors);
      if (errors.length) throw invalid(errors);
    }
    return super.transform(value, metadata);
  }

  /**
   * validateSync: every rule of this service is synchronous, and the async
   * validate() costs a promise per rule and per nested object. Should an
   * async rule ever be registered, the pipe falls back to validate().
   */
  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    return anyAsyncRule ? super.validate(object, options) : validateSync(object, options);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
