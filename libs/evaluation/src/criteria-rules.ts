/**
 * The award criteria rules (evaluation-method.md §3, §5), in one place: the
 * API checks a tender's criteria and settings (create, PATCH), a criteria
 * template's criteria, and the engine checks the recorded tender with the
 * same functions, so the engine never finds a problem the API let through
 * under another name. Pure: plain data in, field paths and messages out.
 */
import { Rational } from './rational';

/** The kinds of award criterion (the database enum has the same members, in this order). */
export const CRITERION_KINDS = ['PRICE', 'QUALITY', 'HUMAN_RIGHTS', 'NUMBER_LOWER_BETTER', 'NUMBER_HIGHER_BETTER'] as const;
/** The price scoring methods (§4.1). */
export const PRICE_METHODS = ['LINEAR_SPAN', 'PROPORTIONAL', 'QUADRATIC', 'CUBIC', 'MIN_MAX'] as const;
/** What Pmin is: the lowest admissible price, or the buyer's reference price. */
export const PRICE_BASES = ['LOWEST', 'REFERENCE'] as const;
/** Tie-break keys that are not criterion codes (§5). */
export const TIE_BREAK_BUILTINS = ['HUMAN_RIGHTS', 'PRICE', 'RECEIVED_AT'] as const;

/** The price method a PRICE criterion uses when none is given. */
export const DEFAULT_PRICE_METHOD = 'LINEAR_SPAN';
/** The span k of LINEAR_SPAN when none is given. */
export const DEFAULT_SPAN = '0.5';

/** A criterion as the rules need it: decimals as strings, optional members absent or null. */
export interface CriterionRuleInput {
  code: string;
  kind: string;
  weight: string;
  priceMethod?: string | null;
  span?: string | null;
}

/** One problem: the field path (as the caller's body names it) and what is wrong. */
export interface RuleIssue {
  field: string;
  message: string;
  criterionCode?: string;
}

const given = (v: string | null | undefined): v is string => v !== undefined && v !== null && v !== '';

/** The price method a criterion uses: its own, LINEAR_SPAN by default for PRICE, none for other kinds. */
export function effectivePriceMethod(c: Pick<CriterionRuleInput, 'kind' | 'priceMethod'>): string | null {
  return c.kind === 'PRICE' ? (given(c.priceMethod) ? c.priceMethod : DEFAULT_PRICE_METHOD) : null;
}

/** The span k a criterion uses: its own or 0.5 for LINEAR_SPAN, none otherwise. */
export function effectiveSpan(c: Pick<CriterionRuleInput, 'kind' | 'priceMethod' | 'span'>): string | null {
  return effectivePriceMethod(c) === 'LINEAR_SPAN' ? (given(c.span) ? c.span : DEFAULT_SPAN) : null;
}

/**
 * Checks that need the whole criteria list: unique codes, at most one PRICE
 * and one HUMAN_RIGHTS criterion, weights summing to exactly 100 (exact
 * rationals, no rounding), a price method only on PRICE, a span only with
 * LINEAR_SPAN. `field` is the path of the list in the caller's body.
 * A weight that is not a decimal string is left to the caller's parsing
 * (the sum is then not checked).
 *
 * `methodFields: false` skips the two rules on what a body may say about
 * the price method (the engine reads recorded criteria, where the API has
 * already stored the method and span a criterion uses, and a span beside
 * another method is simply not used).
 */
export function criteriaIssues(criteria: readonly CriterionRuleInput[], field = 'criteria', opts: { methodFields?: boolean } = {}): RuleIssue[] {
  const methodFields = opts.methodFields ?? true;
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  let sum: Rational | null = Rational.ZERO;
  criteria.forEach((c, i) => {
    if (seen.has(c.code)) issues.push({ field: `${field}[${i}].code`, message: `duplicate criterion code ${c.code}`, criterionCode: c.code });
    seen.add(c.code);
    const weight = Rational.parse(c.weight);
    sum = weight && sum ? sum.add(weight) : null;
    if (methodFields && c.kind !== 'PRICE' && given(c.priceMethod))
      issues.push({ field: `${field}[${i}].priceMethod`, message: 'only a PRICE criterion has a price method', criterionCode: c.code });
    if (methodFields && given(c.span) && effectivePriceMethod(c) !== 'LINEAR_SPAN')
      issues.push({ field: `${field}[${i}].span`, message: 'span applies to the LINEAR_SPAN price method only', criterionCode: c.code });
  });
  for (const kind of ['PRICE', 'HUMAN_RIGHTS'] as const) {
    if (criteria.filter((c) => c.kind === kind).length > 1) issues.push({ field, message: `at most one ${kind} criterion` });
  }
  const total = sum as Rational | null;
  if (total && !total.eq(Rational.HUNDRED)) issues.push({ field, message: `weights must sum to exactly 100 (they sum to ${total.toDecimalString()})` });
  return issues;
}

/** The tie-break chain: each key a built-in or a criterion code, none twice. `field` is the chain's path. */
export function tieBreakIssues(tieBreak: readonly string[], criterionCodes: ReadonlySet<string>, field = 'tieBreak'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  tieBreak.forEach((k, i) => {
    if (!(TIE_BREAK_BUILTINS as readonly string[]).includes(k) && !criterionCodes.has(k))
      issues.push({ field: `${field}[${i}]`, message: `${k} is neither HUMAN_RIGHTS, PRICE, RECEIVED_AT nor a criterion code` });
  });
  if (new Set(tieBreak).size !== tieBreak.length) issues.push({ field, message: 'an entry appears twice' });
  return issues;
}

/** The settings of a tender that the award depends on, as a create or PATCH body (merged with the stored tender) gives them. */
export interface TenderSettingsInput {
  criteria: readonly CriterionRuleInput[];
  tieBreak?: readonly string[] | null;
  priceBasis?: string | null;
  referencePrice?: string | null;
}

/**
 * Every rule on a tender's criteria and settings: the criteria list, the
 * tie-break chain, and a reference price when Pmin is the reference price.
 * `prefix` is prepended to every field path ('tender.' in the engine).
 */
export function tenderSettingsIssues(s: TenderSettingsInput, prefix = ''): RuleIssue[] {
  const issues = criteriaIssues(s.criteria, `${prefix}criteria`);
  issues.push(...tieBreakIssues(s.tieBreak ?? [], new Set(s.criteria.map((c) => c.code)), `${prefix}tieBreak`));
  if (s.priceBasis === 'REFERENCE' && !given(s.referencePrice))
    issues.push({ field: `${prefix}referencePrice`, message: 'required when priceBasis is REFERENCE' });
  return issues;
}
