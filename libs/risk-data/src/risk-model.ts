import Decimal from 'decimal.js';
import type { RiskModelConstants } from '@app/evaluation';
import { checkDecimal, type DecimalRule } from './decimal-string';

/** A bad member, named by its path; the API answers it as a 422 field error. */
export interface RiskModelFieldError {
  field: string;
  message: string;
}

/**
 * Validation of the risk-model constants (evaluation-method.md §4) an admin
 * submits — the one home of the risk model's rules. Pure: no Nest, no database. Every bad field is named as
 * `<prefix>.<path>` (e.g. `constants.weightsWithPrevalence.tier`), so one
 * answer lists everything to fix.
 */

const PROBABILITY: DecimalRule = { min: '0', max: '1', maxScale: 6 };
const WEIGHT_KEYS = ['tier', 'iloGap', 'prevalence'] as const;

type Shape = { kind: 'decimal'; rule: DecimalRule } | { kind: 'int'; min: number; max: number } | { kind: 'object'; members: Record<string, Shape> };

const dec = (rule: DecimalRule = PROBABILITY): Shape => ({ kind: 'decimal', rule });
const obj = (members: Record<string, Shape>): Shape => ({ kind: 'object', members });
const weights = (): Shape => obj(Object.fromEntries(WEIGHT_KEYS.map((k) => [k, dec()])));

/** The exact shape of RiskModelConstants with the range of each value. */
const CONSTANTS_SHAPE: Record<keyof RiskModelConstants, Shape> = {
  tierScores: obj({ '1': dec(), '2': dec(), '2WL': dec(), '3': dec(), special: dec(), missing: dec() }),
  weightsWithoutPrevalence: weights(),
  weightsWithPrevalence: weights(),
  // per1000 / divisor: a divisor of 0 would divide by zero; per1000 never exceeds 1000.
  prevalenceDivisor: dec({ min: '0', exclusiveMin: true, max: '1000', maxScale: 6 }),
  productRisk: obj({ forcedLabour: dec(), childLabour: dec(), listedElsewhere: dec(), downstream: dec() }),
  mitigation: obj({ socialAudit: dec(), certification: dec(), remediationPlan: dec(), cap: dec() }),
  // Bounded so that date arithmetic on the deadline stays sane.
  socialAuditMonths: { kind: 'int', min: 1, max: 1200 },
  violationLookbackYears: { kind: 'int', min: 1, max: 100 },
  // Same ranges as a tender's own span and abnormally-low threshold (tenders.dto.ts).
  defaultSpan: dec({ min: '0', exclusiveMin: true, max: '10', maxScale: 6 }),
  defaultAbnormallyLowThreshold: dec({ min: '0', exclusiveMin: true, max: '1', maxScale: 4 }),
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkShape(value: unknown, shape: Shape, field: string, errors: RiskModelFieldError[]): void {
  if (value === undefined) {
    errors.push({ field, message: 'is required' });
    return;
  }
  if (shape.kind === 'decimal') {
    const problem = checkDecimal(value, shape.rule);
    if (problem) errors.push({ field, message: problem });
    return;
  }
  if (shape.kind === 'int') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < shape.min || value > shape.max) {
      errors.push({ field, message: `must be a whole number from ${shape.min} to ${shape.max}` });
    }
    return;
  }
  if (!isPlainObject(value)) {
    errors.push({ field, message: `must be an object with ${Object.keys(shape.members).join(', ')}` });
    return;
  }
  for (const [key, member] of Object.entries(shape.members)) checkShape(value[key], member, `${field}.${key}`, errors);
  for (const key of Object.keys(value)) if (!(key in shape.members)) errors.push({ field: `${field}.${key}`, message: 'unknown field' });
}

/** Sum of a weight set as exact decimals; null when a member is already reported as malformed. */
function weightSum(set: unknown): Decimal | null {
  if (!isPlainObject(set)) return null;
  let sum = new Decimal(0);
  for (const k of WEIGHT_KEYS) {
    if (checkDecimal(set[k], PROBABILITY) !== null) return null;
    sum = sum.plus(set[k] as string);
  }
  return sum;
}

/**
 * All problems of a submitted constants object; empty when it is a valid
 * RiskModelConstants. Beyond each value's range: the weights of each set sum
 * to exactly 1, and without a prevalence table the prevalence weight is 0
 * (there is no prevalence term to weigh).
 */
export function riskModelErrors(input: unknown, prefix = 'constants'): RiskModelFieldError[] {
  const errors: RiskModelFieldError[] = [];
  if (!isPlainObject(input)) return [{ field: prefix, message: 'must be an object of risk-model constants (evaluation-method.md §4)' }];
  checkShape(input, obj(CONSTANTS_SHAPE), prefix, errors);
  for (const set of ['weightsWithoutPrevalence', 'weightsWithPrevalence'] as const) {
    const sum = weightSum(input[set]);
    if (sum && !sum.eq(1))
      errors.push({ field: `${prefix}.${set}`, message: `tier, iloGap and prevalence must sum to exactly 1 (they sum to ${sum.toFixed()})` });
  }
  const without = input.weightsWithoutPrevalence;
  if (isPlainObject(without) && checkDecimal(without.prevalence, PROBABILITY) === null && !new Decimal(without.prevalence as string).isZero()) {
    errors.push({ field: `${prefix}.weightsWithoutPrevalence.prevalence`, message: 'must be 0: without a prevalence table there is no prevalence term' });
  }
  return errors;
}
