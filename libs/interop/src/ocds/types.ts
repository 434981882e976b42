/**
 * Plain data the OCDS mapping reads (the API loads it from the database).
 * Decimals are strings, timestamps ISO 8601.
 */

export type TenderProcedure = 'OPEN' | 'SELECTIVE' | 'INVITATION' | 'DIRECT';
export type TenderLifecycle = 'DRAFT' | 'PUBLISHED' | 'CLOSED' | 'AWARDED' | 'CONCLUDED' | 'CANCELLED';

export interface OcdsIdentifiers {
  uid?: string | null;
  lei?: string | null;
  vat?: string | null;
}

export interface OcdsCriterionInput {
  code: string;
  name: string;
  kind: string;
  /** Percent. */
  weight: string;
  priceMethod?: string | null;
  span?: string | null;
}

/** One node of a bid's declared supply chain; the root (parentNodeId null) is the bidder itself. */
export interface OcdsNodeInput {
  nodeId: string;
  parentNodeId: string | null;
  /** Names from the root. */
  path: string[];
  name: string;
  country: string | null;
  identifiers: OcdsIdentifiers;
  sharePercent: string;
  goods: string[];
}

export interface OcdsBidInput {
  bidId: string;
  bidderId: string;
  bidderName: string;
  bidderCountry: string;
  bidderIdentifiers: OcdsIdentifiers;
  receivedAt: string;
  price: string;
  /** A confirmed exclusion decision (Art. 44) against this bid. */
  excluded: boolean;
  /** Depth-first, root first. */
  nodes: OcdsNodeInput[];
}

/** The parts of the latest evaluation's stored result the export shows. */
export interface OcdsEvaluationInput {
  id: string;
  seq: number;
  createdAt: string;
  digest: string;
  methodVersion: string;
  riskModelVersion: number | string;
  bids: {
    bidId: string;
    admissible: boolean;
    inadmissibleReason?: string | null;
    rank: number | null;
    total: string | null;
    /** Method version 2: the exact total as a reduced fraction ("2/3"); `total` is then rounded when it does not terminate. */
    totalFraction?: string | null;
    risk: {
      residual: string;
      residualFraction?: string;
      nodes: {
        path: string[];
        countryRisk: string;
        countryRiskFraction?: string;
        productRisk: string;
        inherent: string;
        inherentFraction?: string;
        mitigation: string;
        residual: string;
        residualFraction?: string;
        ownShare: string;
        contribution: string;
        contributionFraction?: string;
      }[];
    };
  }[];
}

export interface OcdsAwardInput {
  id: string;
  evaluationId: string;
  winnerBidId: string;
  price: string;
  status: 'ACTIVE' | 'REVOKED';
  notifiedAt: string;
  appealDeadline: string;
  revokedAt: string | null;
  revokingExclusionId: string | null;
}

export interface OcdsInput {
  /** The publisher's registered ocid prefix, e.g. "ocds-abc123". */
  ocidPrefix: string;
  /** Where this package is served. */
  packageUri: string;
  /** The last change of anything the release shows (release date and package publishedDate). */
  releaseDate: string;
  buyer: { id: string; name: string; country: string };
  tender: {
    id: string;
    reference: string;
    title: string;
    procedure: TenderProcedure;
    status: TenderLifecycle;
    currency: string;
    submissionDeadline: string;
    publishedAt: string | null;
    placesOfPerformance: string[];
    goods: string[];
    criteria: OcdsCriterionInput[];
    priceBasis: string;
    referencePrice: string | null;
  };
  bids: OcdsBidInput[];
  evaluation: OcdsEvaluationInput | null;
  /** Oldest first. */
  awards: OcdsAwardInput[];
}
