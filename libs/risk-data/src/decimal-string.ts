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
