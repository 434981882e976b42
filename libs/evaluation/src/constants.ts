import type { FindingCode, FindingSeverity, RiskModelConstants } from './types';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * The defaults of evaluation-method.md §3–§4. Frozen: an admin edits a copy
 * that becomes a new risk-model version; the defaults never change at run time.
 */
export const DEFAULT_RISK_MODEL: RiskModelConstants = deepFreeze({
  tierScores: { '1': '0.10', '2': '0.35', '2WL': '0.60', '3': '0.90', special: '0.75', missing: '0.75' },
  weightsWithoutPrevalence: { tier: '0.7', iloGap: '0.3', prevalence: '0' },
  weightsWithPrevalence: { tier: '0.4', iloGap: '0.2', prevalence: '0.4' },
  prevalenceDivisor: '20',
  productRisk: { forcedLabour: '1.0', childLabour: '0.7', listedElsewhere: '0.3', downstream: '0.7' },
  mitigation: { socialAudit: '0.3', certification: '0.2', remediationPlan: '0.1', cap: '0.6' },
  socialAuditMonths: 24,
  violationLookbackYears: 5,
  defaultSpan: '0.5',
  defaultAbnormallyLowThreshold: '0.80',
});

/** §2 table: legal basis and severity per finding code (violations derive theirs from the ground). */
export const FINDING_RULES: Record<FindingCode, { legalBasis: string; severity: FindingSeverity }> = {
  LATE_SUBMISSION: { legalBasis: 'Art. 44(1)(b)', severity: 'EXCLUSION_GROUND' },
  CH_LABOUR_CONDITIONS: { legalBasis: 'Art. 12(1), 44(1)(a)', severity: 'EXCLUSION_GROUND' },
  CH_EQUAL_PAY: { legalBasis: 'Art. 12(1), 44(1)(a)', severity: 'EXCLUSION_GROUND' },
  ILO_CORE_CONVENTIONS: { legalBasis: 'Art. 12(2), Annex 6, 44(1)(a)', severity: 'EXCLUSION_GROUND' },
  ILO_ADDITIONAL_CONVENTIONS: { legalBasis: 'Art. 12(2), VöB 4(2), 44(1)(a)', severity: 'EXCLUSION_GROUND' },
  ENVIRONMENTAL_LAW: { legalBasis: 'Art. 12(3), 44(1)(a)', severity: 'EXCLUSION_GROUND' },
  SUBCONTRACT_CLAUSE: { legalBasis: 'Art. 12(4), 44(1)(a)', severity: 'EXCLUSION_GROUND' },
  TAXES_SOCIAL_SECURITY: { legalBasis: 'Art. 26(1), 44(1)(g)', severity: 'EXCLUSION_GROUND' },
  UNDISCLOSED_COUNTRY: { legalBasis: 'Art. 12(4), 26(1)', severity: 'VERIFY' },
  SANCTIONED: { legalBasis: 'Art. 44(1)(j), 45', severity: 'EXCLUSION_GROUND' },
  SANCTIONED_POSSIBLE_MATCH: { legalBasis: 'Art. 44(1)(j), 45', severity: 'VERIFY' },
  VIOLATION_ESTABLISHED: { legalBasis: 'Art. 44(1)', severity: 'EXCLUSION_GROUND' },
  VIOLATION_INDICATION: { legalBasis: 'Art. 44(2)', severity: 'VERIFY' },
  ABNORMALLY_LOW: { legalBasis: 'Art. 38(3), 44(2)(c)', severity: 'VERIFY' },
  FORCED_LABOUR_GOODS: { legalBasis: 'Art. 12(2), 29(1)', severity: 'INFO' },
  UNKNOWN_GOOD: { legalBasis: 'Art. 12(2), 29(1)', severity: 'INFO' },
};

/** Order of the §2 table; findings of a bid are listed in this order, then depth-first by node. */
export const FINDING_ORDER: readonly FindingCode[] = [
  'LATE_SUBMISSION',
  'CH_LABOUR_CONDITIONS',
  'CH_EQUAL_PAY',
  'ILO_CORE_CONVENTIONS',
  'ILO_ADDITIONAL_CONVENTIONS',
  'ENVIRONMENTAL_LAW',
  'SUBCONTRACT_CLAUSE',
  'TAXES_SOCIAL_SECURITY',
  'UNDISCLOSED_COUNTRY',
  'SANCTIONED',
  'SANCTIONED_POSSIBLE_MATCH',
  'VIOLATION_ESTABLISHED',
  'VIOLATION_INDICATION',
  'ABNORMALLY_LOW',
  'FORCED_LABOUR_GOODS',
  'UNKNOWN_GOOD',
];

export const GROUND_RE = /^44-(1-[a-j]|2-[a-h])$/;

/** "44-1-c" → "44(1)(c)" (without the "Art. " prefix, so that several can be joined). */
export function groundArticle(ground: string): string {
  const [, para, letter] = ground.split('-');
  return `44(${para})(${letter})`;
}
