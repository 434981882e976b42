import Decimal from 'decimal.js';
import type { RedFlagThresholds } from './types';

const DECIMAL = /^(0|[1-9]\d{0,5})(\.\d{1,6})?$/;
const PERCENT_KEYS = ['priceClusterPercent', 'referenceClusterPercent', 'winnerReferencePercent'] as const;
const KEYS: readonly (keyof RedFlagThresholds)[] = [...PERCENT_KEYS, 'winnerChangesMin', 'minSubmissionDays'];

export interface ThresholdError {
  field: string;
  message: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem of a submitted thresholds object, each field named `<prefix>.<key>`; empty when valid. */
export function redFlagThresholdErrors(input: unknown, prefix = 'thresholds'): ThresholdError[] {
  if (!isPlainObject(input)) return [{ field: prefix, message: `must be an object with ${KEYS.join(', ')}` }];
  const errors: ThresholdError[] = [];
  const decimal = (key: string, max: string) => {
    const v = input[key];
    if (v === undefined) errors.push({ field: `${prefix}.${key}`, message: 'is required' });
    else if (typeof v !== 'string' || !DECIMAL.test(v))
      errors.push({ field: `${prefix}.${key}`, message: 'must be a decimal string such as "1.5" (at most 6 decimal places; numbers are not accepted)' });
    else if (new Decimal(v).gt(max)) errors.push({ field: `${prefix}.${key}`, message: `must be at most ${max}` });
  };
  for (const k of PERCENT_KEYS) decimal(k, '100');
  decimal('minSubmissionDays', '365');
  const changes = input.winnerChangesMin;
  if (changes === undefined) errors.push({ field: `${prefix}.winnerChangesMin`, message: 'is required' });
  else if (typeof changes !== 'number' || !Number.isInteger(changes) || changes < 1 || changes > 1000)
    errors.push({ field: `${prefix}.winnerChangesMin`, message: 'must be a whole number from 1 to 1000' });
  for (const k of Object.keys(input)) if (!(KEYS as readonly string[]).includes(k)) errors.push({ field: `${prefix}.${k}`, message: 'unknown field' });
  return errors;
}
