import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { checkDecimal, type DecimalRule } from '@app/risk-data';
import Decimal from 'decimal.js';

export { DECIMAL_RE, checkDecimal, type DecimalRule } from '@app/risk-data';

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
