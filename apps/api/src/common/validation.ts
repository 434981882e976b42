import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, invalid } from './problem';

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

/**
 * Unknown fields are rejected (forbidNonWhitelisted) and every failing field is
 * named in a 422 problem document.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
