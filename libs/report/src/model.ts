/**
 * Plain data of the audit report. The reports service assembles it from the
 * database (tender, evaluation snapshot, decisions, award, declarations); the
 * renderer reads nothing else — no clock, no environment — so the same model
 * and language always give the same PDF bytes.
 *
 * Decimals are strings (as in the API), timestamps ISO 8601 with offset,
 * calendar dates YYYY-MM-DD.
 */
import type {
  CriterionKind,
  Declarations,
  DecimalString,
  EvaluationResult,
  FindingCode,
  FindingParams,
  FindingSeverity,
  IsoDateString,
  PriceBasis,
  PriceMethod,
  Procedure,
} from '../../evaluation/src/types';
import type { RedFlagResult } from '../../interop/src/red-flags/types';

import type { Lang } from '../../i18n/src/languages';

/** The report speaks the service's four languages (libs/i18n). */
export type ReportLang = Lang;
export const REPORT_LANGS: readonly ReportLang[] = ['en', 'fr', 'de', 'it'];

export interface ReportCriterion {
  code: string;
  name: string;
  kind: CriterionKind;
  /** Percent, as published. */
  weight: DecimalString;
  priceMethod?: PriceMethod | null;
  span?: DecimalString | null;
}

export interface ReportTender {
  reference: string;
  title: string;
  procedure: Procedure;
  currency: string;
  submissionDeadline: IsoDateString;
  /** ISO 3166-1 alpha-2. */
  placesOfPerformance: string[];
  goods: string[];
  /** As published (frozen at publication, Art. 29(3)). */
  criteria: ReportCriterion[];
  /** Empty: the default chain HUMAN_RIGHTS, PRICE, RECEIVED_AT. */
  tieBreak: string[];
  additionalConventions: string[];
  abnormallyLowThreshold: DecimalString;
  priceBasis: PriceBasis;
  referencePrice?: DecimalString | null;
  priceLevelAdjustment: boolean;
  publishedAt?: IsoDateString | null;
  closedAt?: IsoDateString | null;
}

export interface ReportBuyer {
  name: string;
  /** ISO alpha-2. */
  country: string;
}

export interface ReportEvaluation {
  id: string;
  /** 1, 2, 3… per tender. */
  seq: number;
  createdAt: IsoDateString;
  methodVersion: string;
  riskModelVersion: string | number;
  /** SHA-256 (hex) of the canonical inputs. */
  inputsDigest: string;
  /** SHA-256 (hex) of the canonical snapshot; printed in every footer and sent as X-Report-Digest. */
  digest: string;
}

export interface ReportDataset {
  /** TIP_TIERS | ILO_RATIFICATIONS | GOODS_LIST | PREVALENCE | PRICE_LEVELS (unknown kinds print as given). */
  kind: string;
  name: string;
  version: string | number;
  source: string;
  licence: string;
  retrievedAt: IsoDateString;
  /** SHA-256 (hex) of the imported content. */
  contentDigest: string;
}

/** The declared supply chain as submitted (the engine's NodeRisk carries the computed side). */
export interface ReportSupplyChainNode {
  name: string;
  /** null/undefined = undisclosed. */
  country?: string | null;
  sharePercent: DecimalString;
  goods: string[];
  declarations: Declarations;
  subcontractors: ReportSupplyChainNode[];
}

export interface ReportBid {
  bidId: string;
  bidderName: string;
  price: DecimalString;
  receivedAt: IsoDateString;
  supplyChain: ReportSupplyChainNode;
}

export type ExclusionStatus = 'PROPOSED' | 'CONFIRMED' | 'REJECTED';

export interface ReportResolution {
  bidderAnswer: string;
  conclusion: 'ACCEPTED' | 'ESCALATED';
  /** Display name of the officer. */
  by: string;
  at: IsoDateString;
}

export interface ReportExclusionDecision {
  /** Art. 44 ground code, e.g. "44-1-b". */
  ground: string;
  reasons: string;
  status: ExclusionStatus;
  proposedBy: string;
  decidedBy?: string | null;
  decidedAt?: IsoDateString | null;
}

/** A finding of the evaluation with what was decided on it (a decision carries over by (bid, code, node path)). */
export interface ReportDecision {
  bidId: string;
  code: FindingCode;
  legalBasis: string;
  severity: FindingSeverity;
  nodePath: string[];
  /** As recorded (English). */
  message: string;
  /** The finding's parameters, when recorded: the message is then printed in the report's language. */
  params?: FindingParams | null;
  resolution?: ReportResolution | null;
  exclusion?: ReportExclusionDecision | null;
}

/** Every exclusion decision of the tender, also those not tied to a finding. */
export interface ReportExclusion {
  bidId: string;
  nodePath?: string[] | null;
  ground: string;
  reasons: string;
  status: ExclusionStatus;
  proposedBy: string;
  proposedAt?: IsoDateString | null;
  decidedBy?: string | null;
  decidedAt?: IsoDateString | null;
}

export interface ReportDecisiveAdvantage {
  /** Criterion code. */
  criterion: string;
  points: DecimalString;
  runnerUpPoints: DecimalString;
  difference: DecimalString;
}

export interface ReportAward {
  winnerBidId: string;
  bidderName: string;
  price: DecimalString;
  procedure: Procedure;
  decisiveAdvantages: ReportDecisiveAdvantage[];
  notifiedAt: IsoDateString;
  /** End of the appeal period (Art. 56), as computed by the service. */
  appealDeadline: IsoDateString;
  status: 'ACTIVE' | 'REVOKED';
  tieSettlement?: { method: string; note: string } | null;
}

/** VöB Art. 3 declaration of an officer. */
export interface ReportDeclaration {
  officer: string;
  impartial: boolean;
  interests: string;
  declaredAt: IsoDateString;
}

export interface ReportRedFlags {
  thresholdsVersion: number;
  /** Every flag, in libs/interop's order. */
  flags: RedFlagResult[];
}

export interface ReportModel {
  tender: ReportTender;
  buyer: ReportBuyer;
  evaluation: ReportEvaluation;
  /** Hash of the head of the audit chain when the report data was read. */
  auditChainHeadHash: string;
  /** The risk datasets the evaluation used. */
  datasets: ReportDataset[];
  /** The engine's result as stored in the evaluation snapshot. */
  result: EvaluationResult;
  /** What the engine result does not carry: price as submitted, receipt time, declared supply chain. */
  bids: ReportBid[];
  decisions: ReportDecision[];
  exclusions: ReportExclusion[];
  award?: ReportAward | null;
  declarations: ReportDeclaration[];
  /**
   * The red flags for integrity of this evaluation (libs/interop), with the
   * threshold version in force when it was made; absent: no section.
   */
  redFlags?: ReportRedFlags | null;
  /**
   * Printed as "generated" and used as the PDF ModDate. Must be a value that
   * is fixed for the evaluation (its createdAt) — never the current time, or
   * the bytes change on every download.
   */
  generatedAt: IsoDateString;
}
