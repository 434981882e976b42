/**
 * Plain-data contract of the evaluation engine (evaluation-method.md, version 2;
 * version 1 records use the same input and an output without the *Fraction fields).
 *
 * Every money amount, weight, share, score and risk is a decimal string
 * ("123456.78"); dates are ISO 8601 strings. A computed value that need not
 * terminate in base 10 carries its exact reduced fraction beside it in a field
 * of the same name suffixed `Fraction` ("2/3"): the decimal string is then
 * exact when the value terminates and rounded half-even to 40 significant
 * digits otherwise, while the fraction is always exact. Nothing here imports Nest or
 * Prisma: the service loads these shapes from the database and stores what
 * comes back.
 */

export type DecimalString = string;
/** ISO 8601 timestamp with offset, or a calendar date (YYYY-MM-DD) where noted. */
export type IsoDateString = string;

/** The method version new evaluations record; records of version 1 replay on the frozen v1 engine. */
export const METHOD_VERSION = '2';
/** Every method version evaluate() can run (replay of older records included). */
export const SUPPORTED_METHOD_VERSIONS: readonly string[] = ['1', '2'];

export type Procedure = 'OPEN' | 'SELECTIVE' | 'INVITATION' | 'DIRECT';
export type CriterionKind = 'PRICE' | 'QUALITY' | 'HUMAN_RIGHTS' | 'NUMBER_LOWER_BETTER' | 'NUMBER_HIGHER_BETTER';
export type PriceMethod = 'LINEAR_SPAN' | 'PROPORTIONAL' | 'QUADRATIC' | 'CUBIC' | 'MIN_MAX';
export type PriceBasis = 'LOWEST' | 'REFERENCE';
/** A step of the tie-break chain (§5). Criterion codes may be used too: higher score first. */
export type TieBreakKey = 'HUMAN_RIGHTS' | 'PRICE' | 'RECEIVED_AT' | string;
export const DEFAULT_TIE_BREAK: readonly TieBreakKey[] = ['HUMAN_RIGHTS', 'PRICE', 'RECEIVED_AT'];

export type FindingSeverity = 'EXCLUSION_GROUND' | 'VERIFY' | 'INFO';
/** Every severity, most severe first (the database enum FindingSeverity has the same values). */
export const FINDING_SEVERITIES: readonly FindingSeverity[] = ['EXCLUSION_GROUND', 'VERIFY', 'INFO'];
export type FindingCode =
  | 'LATE_SUBMISSION'
  | 'CH_LABOUR_CONDITIONS'
  | 'CH_EQUAL_PAY'
  | 'ILO_CORE_CONVENTIONS'
  | 'ILO_ADDITIONAL_CONVENTIONS'
  | 'ENVIRONMENTAL_LAW'
  | 'SUBCONTRACT_CLAUSE'
  | 'TAXES_SOCIAL_SECURITY'
  | 'UNDISCLOSED_COUNTRY'
  | 'SANCTIONED'
  | 'SANCTIONED_POSSIBLE_MATCH'
  | 'VIOLATION_ESTABLISHED'
  | 'VIOLATION_INDICATION'
  | 'ABNORMALLY_LOW'
  | 'FORCED_LABOUR_GOODS'
  /** Method version 2 only: a good matching no entry of the goods list. */
  | 'UNKNOWN_GOOD';

export interface CriterionInput {
  code: string;
  name: string;
  kind: CriterionKind;
  /** Percent; the weights of a tender sum to exactly 100. */
  weight: DecimalString;
  priceMethod?: PriceMethod | null;
  /** LINEAR_SPAN span k (default from the risk model's `defaultSpan`, 0.5). */
  span?: DecimalString | null;
}

export interface TenderInput {
  id: string;
  buyerId: string;
  /** ISO alpha-2 of the buyer: `home` of the price-level adjustment. */
  buyerCountry: string;
  procedure: Procedure;
  currency: string;
  submissionDeadline: IsoDateString;
  placesOfPerformance: string[];
  criteria: CriterionInput[];
  /** Empty means DEFAULT_TIE_BREAK. */
  tieBreak: TieBreakKey[];
  /** Conventions required beyond the 8 of Annex 6, e.g. ["C155", "P029"]. */
  additionalConventions: string[];
  /** Default "0.80". */
  abnormallyLowThreshold: DecimalString;
  /** Default 1. */
  requiredEvaluators: number;
  priceBasis: PriceBasis;
  referencePrice?: DecimalString | null;
  priceLevelAdjustment: boolean;
}

export interface Declarations {
  labourProtection?: boolean | null;
  workingConditions?: boolean | null;
  equalPay?: boolean | null;
  illegalEmploymentDuties?: boolean | null;
  environmentalLaw?: boolean | null;
  taxesAndSocialSecurityPaid?: boolean | null;
  iloCoreConventions?: boolean | null;
  additionalConventions?: string[];
  subcontractClause?: boolean | null;
}

export interface EvidenceInput {
  kind: 'SOCIAL_AUDIT' | 'CERTIFICATION' | 'REMEDIATION_PLAN';
  issuer: string;
  /** YYYY-MM-DD */
  issuedAt: IsoDateString;
  /** YYYY-MM-DD */
  validUntil?: IsoDateString | null;
}

export interface ViolationInput {
  /** Art. 44 ground code: 44-1-a … 44-1-j, 44-2-a … 44-2-h. */
  ground: string;
  standard: 'ESTABLISHED' | 'INDICATION';
  /** YYYY-MM-DD */
  occurredAt: IsoDateString;
  source: string;
  description: string;
}

export interface Identifiers {
  uid?: string | null;
  lei?: string | null;
  vat?: string | null;
}

/** A supply-chain node: the root is the bidder itself, children are subcontractors. */
export interface SupplyChainNodeInput {
  name: string;
  /** ISO alpha-2; null/undefined = undisclosed. */
  country?: string | null;
  identifiers?: Identifiers;
  /** Share of the parent's work, 0–100; the root's is 100. */
  sharePercent: DecimalString;
  /** Product-category codes / goods names, matched case-insensitively to the goods list. */
  goods: string[];
  declarations: Declarations;
  evidence: EvidenceInput[];
  violations: ViolationInput[];
  subcontractors: SupplyChainNodeInput[];
}

export interface BidInput {
  bidId: string;
  bidderName: string;
  receivedAt: IsoDateString;
  price: DecimalString;
  /** NUMBER_* criterion figures: {CODE: "decimal"}. */
  figures: Record<string, DecimalString>;
  supplyChain: SupplyChainNodeInput;
}

export interface GradeInput {
  bidId: string;
  criterionCode: string;
  evaluatorId: string;
  /** Integer 0–5. */
  grade: number;
}

export interface SanctionInput {
  id: string;
  name: string;
  identifiers: string[];
  country: string;
  ground: string;
  /** YYYY-MM-DD, inclusive. */
  from: IsoDateString;
  /** YYYY-MM-DD, inclusive. */
  until: IsoDateString;
  scope: 'BUYER' | 'ALL_FEDERAL';
  buyerId?: string | null;
  /** Other spellings of the name; fuzzy screening compares each (SANCTIONED_POSSIBLE_MATCH). */
  aliases?: string[];
  /** The imported list version the entry comes from; absent for an entry added by hand. */
  list?: { id: string; name: string; version: number } | null;
}

/** Constants of §3–§4, versioned and admin-editable. Defaults: DEFAULT_RISK_MODEL. */
export interface RiskModelConstants {
  /** TIP tier → score; keys "1", "2", "2WL", "3", "special", and "missing" for not in dataset. */
  tierScores: Record<'1' | '2' | '2WL' | '3' | 'special' | 'missing', DecimalString>;
  /** Country-risk weights without a prevalence table. */
  weightsWithoutPrevalence: { tier: DecimalString; iloGap: DecimalString; prevalence: DecimalString };
  /** Country-risk weights with an active prevalence table. */
  weightsWithPrevalence: { tier: DecimalString; iloGap: DecimalString; prevalence: DecimalString };
  /** prevalence(c) = min(1, per1000 / prevalenceDivisor). */
  prevalenceDivisor: DecimalString;
  productRisk: { forcedLabour: DecimalString; childLabour: DecimalString; listedElsewhere: DecimalString; downstream: DecimalString };
  mitigation: { socialAudit: DecimalString; certification: DecimalString; remediationPlan: DecimalString; cap: DecimalString };
  /** A SOCIAL_AUDIT counts when issued within this many months before the deadline. */
  socialAuditMonths: number;
  /** Violations count when they occurred within this many years before the deadline. */
  violationLookbackYears: number;
  /** LINEAR_SPAN default k. */
  defaultSpan: DecimalString;
  /** Default abnormally-low threshold for new tenders. */
  defaultAbnormallyLowThreshold: DecimalString;
}

export type TipTier = '1' | '2' | '2WL' | '3' | 'special';
export type RatificationStatus = 'ratified' | 'not_ratified' | 'unknown';
export const ANNEX6_CONVENTIONS = ['C029', 'C087', 'C098', 'C100', 'C105', 'C111', 'C138', 'C182'] as const;

export interface RiskDatasets {
  tipTiers: { iso2: string; tier: TipTier }[];
  /** Per country, status per convention code (the 8 of Annex 6 and any further columns). */
  iloRatifications: { iso2: string; conventions: Record<string, RatificationStatus> }[];
  goodsList: {
    iso2: string;
    good: string;
    childLabour: boolean;
    forcedLabour: boolean;
    downstream: boolean;
  }[];
  /** Only when an admin imported and activated one. */
  prevalence?: { iso2: string; per1000: DecimalString }[] | null;
  /** Only needed when a tender uses the price-level adjustment. */
  priceLevels?: { iso2: string; ratio: DecimalString }[] | null;
}

export interface EvaluationInput {
  methodVersion: string;
  tender: TenderInput;
  bids: BidInput[];
  grades: GradeInput[];
  /** Bids removed from the ranking by a CONFIRMED exclusion decision. */
  excludedBidIds: string[];
  sanctions: SanctionInput[];
  riskModel: RiskModelConstants;
  datasets: RiskDatasets;
}

export interface Finding {
  code: FindingCode;
  legalBasis: string;
  severity: FindingSeverity;
  /** Names from the root (the bidder) to the node; ["<bidder>"] for bid-level findings. */
  nodePath: string[];
  message: string;
  /** Structured details, where a finding has them (SANCTIONED_POSSIBLE_MATCH: the matched entries and scores). */
  data?: Record<string, unknown>;
}

/**
 * What a finding's message is made of, so that it can be said in another
 * language (libs/i18n). Kept beside the snapshot, never inside it: the
 * snapshot's bytes (and so its digest) stay as they were.
 */
export interface FindingParams {
  /** How the message names the node: the bidder itself or a subcontractor. */
  role?: 'BIDDER' | 'SUBCONTRACTOR';
  /** The node's name (last element of the node path). */
  node?: string;
  /** ISO alpha-2; null: undisclosed. */
  country?: string | null;
  /** Declaration keys (CH_LABOUR_CONDITIONS) or convention codes (ILO_ADDITIONAL_CONVENTIONS) not declared. */
  missing?: string[];
  goods?: string[];
  /** UNKNOWN_GOOD: the good that matches no goods-list entry. */
  good?: string;
  matches?: { entryId: string; name: string; ground: string; from: string; until: string; by: 'IDENTIFIER' | 'NAME_AND_COUNTRY' }[];
  /** SANCTIONED_POSSIBLE_MATCH: the resembling entry and its similarity score (decimal string). */
  entryName?: string;
  score?: string;
  /** DURING_EXECUTION: what matched after the award. */
  matched?: string;
  since?: string;
  violations?: { occurredAt: string; ground: string; description: string; source: string }[];
  receivedAt?: string;
  deadline?: string;
  price?: string;
  threshold?: string;
  median?: string;
  count?: number;
  limit?: string;
}

export interface NodeRisk {
  path: string[];
  country: string | null;
  goods: string[];
  countryRisk: DecimalString;
  /** Exact countryRisk (a prevalence divisor other than a power of 2 and 5 need not terminate). Version 2. */
  countryRiskFraction?: string;
  productRisk: DecimalString;
  inherent: DecimalString;
  inherentFraction?: string;
  mitigation: DecimalString;
  residual: DecimalString;
  residualFraction?: string;
  sharePercent: DecimalString;
  effectiveShare: DecimalString;
  ownShare: DecimalString;
  contribution: DecimalString;
  contributionFraction?: string;
  /** Human-readable parts of the computation: tier, ILO gaps, list matches, evidence counted. */
  explanation: string[];
  /** Data gaps: unknown ratifications, missing prevalence, … */
  dataGaps: string[];
}

export interface BidRisk {
  residual: DecimalString;
  /** Exact R. Version 2. */
  residualFraction?: string;
  nodes: NodeRisk[];
  largestContributor: string[];
}

export interface CriterionScore {
  /** The raw value the score came from (price, adjusted price, mean grade, figure, R). */
  raw: DecimalString | null;
  /** Exact raw value (a mean grade or an adjusted price need not terminate). Version 2. */
  rawFraction?: string | null;
  score: DecimalString;
  /** Exact score. Version 2. */
  scoreFraction?: string;
  points: DecimalString;
  /** Exact points. Version 2. */
  pointsFraction?: string;
}

export interface BidResult {
  bidId: string;
  bidderName: string;
  admissible: boolean;
  /** Why not admissible: "EXCLUDED" (confirmed decision) or "LATE". */
  inadmissibleReason?: 'EXCLUDED' | 'LATE' | null;
  findings: Finding[];
  /** Empty for bids that are not admissible. */
  scores: Record<string, CriterionScore>;
  /** null for bids that are not admissible. */
  total: DecimalString | null;
  /** Exact total; null where total is. Version 2. */
  totalFraction?: string | null;
  rank: number | null;
  price: DecimalString;
  /** Price after the Art. 29(1) price-level adjustment; equals price when off. */
  adjustedPrice: DecimalString;
  /** Exact adjustedPrice. Version 2. */
  adjustedPriceFraction?: string;
  /**
   * Σ_n ownShare(n)·PL(home)/PL(c_n), the factor from price to adjustedPrice;
   * present only when the tender uses the price-level adjustment.
   */
  priceLevelFactor?: DecimalString;
  /** Exact priceLevelFactor, present with it. Version 2. */
  priceLevelFactorFraction?: string;
  risk: BidRisk;
  tieUnresolved: boolean;
}

export interface Sensitivity {
  criterion: string;
  /** Percentage points; null where no swap. */
  delta: DecimalString | null;
  /** The same δ as an exact reduced fraction "p/q", null where no swap. */
  deltaFraction: string | null;
  /** w_i + δ: the weight at which the first two swap; null where no swap. */
  swapWeight: DecimalString | null;
  /** The same swap weight as an exact fraction; null where no swap. Version 2. */
  swapWeightFraction?: string | null;
}

export interface EvaluationResult {
  methodVersion: string;
  bids: BidResult[];
  /** Admissible bid ids, best first. */
  ranking: string[];
  sensitivity: Sensitivity[];
  iia: { removedBidId: string; winnerBidId: string }[];
  /** effectiveFraction: the exact effective weight (version 2). */
  effectivePriceWeight: { nominal: DecimalString; effective: DecimalString; effectiveFraction?: string } | null;
  /** Groups of bid ids still equal after the tie-break chain, with their shared rank. */
  ties: { rank: number; bidIds: string[] }[];
}

/** Raised for input the engine cannot evaluate (e.g. grading incomplete); carries a closed code. */
export { EvaluationInputError } from './errors';
