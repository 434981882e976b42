/**
 * The evaluation engine (evaluation-method.md): plain data in, plain data out.
 * No Nest, no Prisma, no I/O. New evaluations run method version 2 (exact
 * rationals); evaluate() runs recorded version-1 inputs on the frozen v1 engine.
 */
export * from './types';
export { evaluate } from './evaluate';
export { checkParticipation, findingParams, type ParticipationInput } from './participation';
export { computeBidRisk, type RiskContext } from './risk';
export {
  EVIDENCE_KINDS,
  MAX_DEPTH,
  MAX_NODES,
  supplyChainErrors,
  VIOLATION_STANDARDS,
  type EvidenceKind,
  type SupplyChainError,
  type SupplyChainShape,
  type ViolationStandard,
} from './supply-chain';
export { normaliseName, normaliseIdentifier } from './names';
export { DEFAULT_RISK_MODEL, FINDING_ORDER, FINDING_RULES } from './constants';
export { Rational, OUTPUT_SIGNIFICANT_DIGITS } from './rational';
/** Method version 1 compared values at 30 decimal places; version 2 compares exactly. */
export { COMPARE_DECIMAL_PLACES } from './v1/decimal';
export {
  CRITERION_KINDS,
  PRICE_METHODS,
  PRICE_BASES,
  TIE_BREAK_BUILTINS,
  DEFAULT_PRICE_METHOD,
  DEFAULT_SPAN,
  effectivePriceMethod,
  effectiveSpan,
  criteriaIssues,
  tieBreakIssues,
  tenderSettingsIssues,
  type CriterionRuleInput,
  type RuleIssue,
  type TenderSettingsInput,
} from './criteria-rules';
