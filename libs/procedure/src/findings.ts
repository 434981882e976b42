/**
 * Where a finding stands, from the decisions recorded against its identity
 * (bid, code, node path = findingKey), which carry over from one evaluation
 * of a tender to the next (evaluation-method.md §2). The one home of finding
 * identity, of which decision settles a finding (findingState: the API's
 * findings list, the award check and the report all ask it) and of finding
 * applicability (the report's matrix).
 */
import type { FindingCode } from '@app/evaluation';

/**
 * A finding's identity: (bid, code, node path). Decisions are recorded against
 * it, so they carry over to later evaluations of the same tender (§2).
 */
export function findingKeyOf(bidId: string, f: { code: string; nodePath: readonly string[] }): string {
  return `${bidId}|${f.code}|${JSON.stringify(f.nodePath)}`;
}

export const SEVERITIES = ['EXCLUSION_GROUND', 'VERIFY', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const EXCLUSION_STATUSES = ['PROPOSED', 'CONFIRMED', 'REJECTED'] as const;
export type ExclusionStatus = (typeof EXCLUSION_STATUSES)[number];
/** A VERIFY finding's resolution: the bidder's answer accepted, or escalated to a proposed exclusion. */
export const FINDING_CONCLUSIONS = ['ACCEPTED', 'ESCALATED'] as const;
export type FindingConclusion = (typeof FINDING_CONCLUSIONS)[number];

export interface FindingRef {
  findingKey: string;
  bidId: string;
  severity: Severity;
}

export interface ResolutionRef {
  findingKey: string;
  conclusion: FindingConclusion;
  exclusionId: string | null;
}

export interface ExclusionRef {
  id: string;
  bidId: string;
  findingKey: string | null;
  status: ExclusionStatus;
}

export type FindingStateName =
  /** Information only: nothing to decide. */
  | 'INFO'
  /** Nothing recorded yet: blocks the award of this bid. */
  | 'OPEN'
  /** An exclusion was proposed for it and awaits the second officer: still undecided. */
  | 'PROPOSED'
  /** EXCLUSION_GROUND: an exclusion on it was confirmed. */
  | 'EXCLUDED'
  /** EXCLUSION_GROUND: an exclusion on it was rejected (the officers decided not to exclude). */
  | 'NOT_EXCLUDED'
  /** No decision on this finding, but another confirmed exclusion took the bid out: it cannot win anyway. */
  | 'BID_EXCLUDED'
  /** VERIFY: the bidder's answer was accepted. */
  | 'ACCEPTED'
  /** VERIFY: escalated to an exclusion proposal (a decision of its own). */
  | 'ESCALATED';

export interface FindingState {
  state: FindingStateName;
  /** True while the finding blocks an award to its bid. */
  open: boolean;
  /** The exclusion decision tied to this finding, if any. */
  exclusionId: string | null;
}

export interface DecisionRecord {
  resolutions: readonly ResolutionRef[];
  exclusions: readonly ExclusionRef[];
}

export function findingState(f: FindingRef, rec: DecisionRecord): FindingState {
  if (f.severity === 'INFO') return { state: 'INFO', open: false, exclusionId: null };
  const bidExcluded = rec.exclusions.some((e) => e.bidId === f.bidId && e.status === 'CONFIRMED');
  if (f.severity === 'VERIFY') {
    const r = rec.resolutions.find((x) => x.findingKey === f.findingKey);
    if (r) return { state: r.conclusion, open: false, exclusionId: r.exclusionId };
    return bidExcluded ? { state: 'BID_EXCLUDED', open: false, exclusionId: null } : { state: 'OPEN', open: true, exclusionId: null };
  }
  // One decision per finding at most is allowed, but read defensively: a decided one wins over a pending one,
  // a confirmation over a rejection; among equals the first in the record (callers pass exclusions in proposal order).
  const linked = rec.exclusions.filter((e) => e.findingKey === f.findingKey);
  const decided = linked.find((e) => e.status === 'CONFIRMED') ?? linked.find((e) => e.status === 'REJECTED');
  if (decided) return { state: decided.status === 'CONFIRMED' ? 'EXCLUDED' : 'NOT_EXCLUDED', open: false, exclusionId: decided.id };
  if (bidExcluded) return { state: 'BID_EXCLUDED', open: false, exclusionId: linked[0]?.id ?? null };
  const pending = linked.find((e) => e.status === 'PROPOSED');
  if (pending) return { state: 'PROPOSED', open: true, exclusionId: pending.id };
  return { state: 'OPEN', open: true, exclusionId: null };
}

/** A decision on a finding already exists or is pending: a second one is refused. */
export function findingHasDecision(findingKey: string, rec: DecisionRecord): boolean {
  return rec.resolutions.some((r) => r.findingKey === findingKey) || rec.exclusions.some((e) => e.findingKey === findingKey);
}

/** What applicability needs of a supply-chain node (the report's matrix passes its rows). */
export interface ApplicabilityNode {
  /** The bidder itself (depth 0), not a subcontractor. */
  root: boolean;
  /** ISO country of performance; null when undisclosed (counts as abroad, §2). */
  country: string | null;
  /** The node has subcontractors. */
  hasChildren: boolean;
}

/**
 * evaluation-method.md §2, column "applies to": whether a check applies to a
 * node at all (a node it does not apply to is "not applicable", not "met").
 * Bid-level checks (LATE_SUBMISSION, ABNORMALLY_LOW) apply to the root node;
 * ABNORMALLY_LOW only to an admissible bid; ILO_ADDITIONAL_CONVENTIONS only
 * when the tender requires additional conventions.
 */
export function findingApplies(code: FindingCode, node: ApplicabilityNode, bid: { admissible: boolean }, additionalConventions: readonly string[]): boolean {
  // §2: a node with undisclosed country counts as abroad.
  const abroad = node.country !== 'CH';
  switch (code) {
    case 'LATE_SUBMISSION':
      return node.root;
    case 'ABNORMALLY_LOW':
      return node.root && bid.admissible;
    case 'CH_LABOUR_CONDITIONS':
    case 'CH_EQUAL_PAY':
      return !abroad;
    case 'ILO_CORE_CONVENTIONS':
      return abroad;
    case 'ILO_ADDITIONAL_CONVENTIONS':
      return abroad && additionalConventions.length > 0;
    case 'SUBCONTRACT_CLAUSE':
      return node.hasChildren;
    default:
      return true;
  }
}
