import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import Decimal from 'decimal.js';

/** Decimal strings as the API accepts them: optional minus, digits, optional fraction. No exponent, no floats. */
export const DECIMAL_RE = /^-?(0|[1-9]\d{0,19})(\.\d{1,12})?$/;

export interface DecimalRule {
  min?: string;
  max?: string;
  /** Largest number of fraction digits accepted. */
  maxScale?: number;
  /** min is exclusive. */
  exclusiveMin?: boolean;
}

export function checkDecimal(value: unknown, rule: DecimalRule = {}): string | null {
  if (typeof value !== 'string') return 'must be a decimal string such as "123.45" (numbers are not accepted, to keep values exact)';
  if (!DECIMAL_RE.test(value)) return 'must be a decimal string such as "123.45"';
  const [, frac = ''] = value.split('.');
  if (rule.maxScale !== undefined && frac.length > rule.maxScale) return `must have at most ${rule.maxScale} decimal places`;
  const d = new Decimal(value);
  if (rule.min !== undefined) {
    if (rule.exclusiveMin ? d.lte(rule.min) : d.lt(rule.min)) return `must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${rule.min}`;
  }
  if (rule.max !== undefined && d.gt(rule.max)) return `must be at most ${rule.max}`;
  return null;
}

/** class-validator decorator for decimal strings. */
export function IsDecimalString(rule: DecimalRule = {}, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDecimalString',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => checkDecimal(value, rule) === null,
        defaultMessage: (args?: ValidationArguments) => checkDecimal(args?.value, rule) ?? 'must be a decimal string',
      },
    });
  };
}

/** Record<string, decimal string> (bid figures). */
export function IsDecimalRecord(rule: DecimalRule = {}, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDecimalRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([k, v]) => /^[A-Z][A-Z0-9_]{0,39}$/.test(k) && checkDecimal(v, rule) === null),
        defaultMessage: () => 'must be an object of CRITERION_CODE → decimal string',
      },
    });
  };
}

/** A Prisma/decimal.js Decimal (or string) as the API's decimal string, plain notation, at least `minScale` places. */
export function formatDecimal(value: { toFixed(dp?: number): string } | string | null | undefined, minScale = 0): string | null {
  if (value === null || value === undefined) return null;
  const d = new Decimal(typeof value === 'string' ? value : value.toFixed());
  const scale = Math.max(minScale, d.decimalPlaces());
  return d.toFixed(scale);
}

/** Money keeps at least two decimals ("10.00"): Prisma drops trailing zeros. */
export const formatMoney = (value: { toFixed(dp?: number): string } | string): string => formatDecimal(value, 2)!;
