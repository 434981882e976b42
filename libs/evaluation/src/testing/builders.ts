/**
 * Builders for the engine's specs: small, explicit inputs with every
 * declaration true unless a test says otherwise.
 */
import { DEFAULT_RISK_MODEL } from '../constants';
import { METHOD_VERSION } from '../types';
import type {
  BidInput,
  CriterionInput,
  Declarations,
  EvaluationInput,
  GradeInput,
  RiskDatasets,
  RiskModelConstants,
  SanctionInput,
  SupplyChainNodeInput,
  TenderInput,
} from '../types';

export const DEADLINE = '2025-06-30T12:00:00+02:00';
export const BEFORE_DEADLINE = '2025-06-29T10:00:00+02:00';

export const ALL_TRUE: Declarations = {
  labourProtection: true,
  workingConditions: true,
  equalPay: true,
  illegalEmploymentDuties: true,
  environmentalLaw: true,
  taxesAndSocialSecurityPaid: true,
  iloCoreConventions: true,
  additionalConventions: [],
  subcontractClause: true,
};

export function node(name: string, over: Partial<SupplyChainNodeInput> = {}): SupplyChainNodeInput {
  return {
    name,
    country: 'CH',
    sharePercent: '100',
    goods: [],
    declarations: { ...ALL_TRUE },
    evidence: [],
    violations: [],
    subcontractors: [],
    ...over,
  };
}

export function bid(bidId: string, price: string, over: Partial<BidInput> = {}): BidInput {
  return {
    bidId,
    bidderName: `Bidder ${bidId}`,
    receivedAt: BEFORE_DEADLINE,
    price,
    figures: {},
    supplyChain: node(`Bidder ${bidId}`),
    ...over,
  };
}

export function criterion(code: string, kind: CriterionInput['kind'], weight: string, over: Partial<CriterionInput> = {}): CriterionInput {
  return { code, name: code, kind, weight, ...over };
}

export function tender(over: Partial<TenderInput> = {}): TenderInput {
  return {
    id: 'T1',
    buyerId: 'buyer-1',
    buyerCountry: 'CH',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: DEADLINE,
    placesOfPerformance: ['CH'],
    criteria: [criterion('PRICE', 'PRICE', '100', { priceMethod: 'PROPORTIONAL' })],
    tieBreak: [],
    additionalConventions: [],
    abnormallyLowThreshold: '0.80',
    requiredEvaluators: 1,
    priceBasis: 'LOWEST',
    referencePrice: null,
    priceLevelAdjustment: false,
    ...over,
  };
}

/**
 * A small dataset: CH tier 1, DE tier 1, FR tier 2, BD tier 2, IN tier 2
 * (C087 and C098 recorded not ratified), CN tier 3, TH tier 2WL, HT special;
 * every other convention of CH, BD and CN recorded ratified.
 */
export function datasets(over: Partial<RiskDatasets> = {}): RiskDatasets {
  const ratifiedAll = {
    C029: 'ratified',
    C087: 'ratified',
    C098: 'ratified',
    C100: 'ratified',
    C105: 'ratified',
    C111: 'ratified',
    C138: 'ratified',
    C182: 'ratified',
  } as const;
  return {
    tipTiers: [
      { iso2: 'CH', tier: '1' },
      { iso2: 'DE', tier: '1' },
      { iso2: 'FR', tier: '2' },
      { iso2: 'BD', tier: '2' },
      { iso2: 'IN', tier: '2' },
      { iso2: 'CN', tier: '3' },
      { iso2: 'TH', tier: '2WL' },
      { iso2: 'HT', tier: 'special' },
    ],
    iloRatifications: [
      { iso2: 'CH', conventions: { ...ratifiedAll } },
      { iso2: 'BD', conventions: { ...ratifiedAll } },
      { iso2: 'CN', conventions: { ...ratifiedAll } },
      { iso2: 'IN', conventions: { ...ratifiedAll, C087: 'not_ratified', C098: 'not_ratified' } },
    ],
    goodsList: [
      { iso2: 'BD', good: 'Garments', childLabour: true, forcedLabour: false, downstream: false },
      { iso2: 'IN', good: 'Cotton', childLabour: true, forcedLabour: true, downstream: false },
      { iso2: 'CN', good: 'Polysilicon', childLabour: false, forcedLabour: true, downstream: false },
      { iso2: 'CN', good: 'Solar Panels', childLabour: false, forcedLabour: false, downstream: true },
    ],
    prevalence: null,
    priceLevels: null,
    ...over,
  };
}

export function input(over: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    methodVersion: METHOD_VERSION,
    tender: tender(),
    bids: [],
    grades: [],
    excludedBidIds: [],
    sanctions: [],
    riskModel: DEFAULT_RISK_MODEL,
    datasets: datasets(),
    ...over,
  };
}

export function grade(bidId: string, criterionCode: string, evaluatorId: string, g: number): GradeInput {
  return { bidId, criterionCode, evaluatorId, grade: g };
}

export function sanction(over: Partial<SanctionInput> = {}): SanctionInput {
  return {
    id: 'S1',
    name: 'Bad Company AG',
    identifiers: [],
    country: 'CH',
    ground: '44-1-e',
    from: '2024-01-01',
    until: '2026-12-31',
    scope: 'ALL_FEDERAL',
    buyerId: null,
    ...over,
  };
}

/** A risk model whose country risk is the tier score alone, so that a test can set R directly per country. */
export function tierOnlyModel(tiers: Partial<RiskModelConstants['tierScores']>): RiskModelConstants {
  return {
    ...DEFAULT_RISK_MODEL,
    tierScores: { ...DEFAULT_RISK_MODEL.tierScores, ...tiers },
    weightsWithoutPrevalence: { tier: '1', iloGap: '0', prevalence: '0' },
  };
}

/** Results keyed by bidId. */
export function byId<T extends { bidId: string }>(bids: T[]): Record<string, T> {
  return Object.fromEntries(bids.map((b) => [b.bidId, b]));
}

/** Run fn and return the EvaluationInputError it throws (fails the test when it does not throw). */
export function thrown(fn: () => unknown): {
  code: string;
  message: string;
  details: { field?: string; message: string; bidId?: string; criterionCode?: string }[];
} {
  try {
    fn();
  } catch (e) {
    return e as never;
  }
  throw new Error('expected an EvaluationInputError, nothing was thrown');
}
