/**
 * The tree rules of a supply chain (evaluation-method.md §1), in one place:
 * the API refuses a bid that breaks them (422, one error per field, named by
 * the request body's path), and the engine refuses such a chain when it
 * computes a risk. The per-field rules (a name, a country code, a decimal
 * share 0–100) are the request body's; these are the ones no single field shows.
 */
import { HUNDRED, Rational, ZERO } from './rational';

/** At most this many nodes (the bidder included) per bid. */
export const MAX_NODES = 500;
/** At most this many levels (the bidder is level 1). */
export const MAX_DEPTH = 12;

/** The kinds of evidence a node can carry (evaluation-method.md §1). */
export const EVIDENCE_KINDS = ['SOCIAL_AUDIT', 'CERTIFICATION', 'REMEDIATION_PLAN'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
/** How firmly a reported violation is established. */
export const VIOLATION_STANDARDS = ['ESTABLISHED', 'INDICATION'] as const;
export type ViolationStandard = (typeof VIOLATION_STANDARDS)[number];

/** What the tree rules read of a node: its name, its share of the parent's work, its subcontractors. */
export interface SupplyChainShape {
  name: string;
  sharePercent: unknown;
  subcontractors: readonly SupplyChainShape[];
}

export interface SupplyChainError {
  field: string;
  message: string;
}

/** The sum of the subcontractors' sharePercent (a malformed share counts 0: the per-field rule reports it). */
export function subcontractorShareSum(subcontractors: readonly { sharePercent?: unknown }[]): Rational {
  let sum = ZERO;
  for (const c of subcontractors) {
    const share = Rational.parse(c?.sharePercent);
    if (share) sum = sum.add(share);
  }
  return sum;
}

/** Children may together take at most the whole (100 %) of their parent's work. */
export function exceedsWhole(shareSum: Rational): boolean {
  return shareSum.gt(HUNDRED);
}

/** Siblings are told apart by name (a node is identified by its path of names): trimmed, case-insensitive. */
export const siblingKey = (name: string): string => name.trim().toLowerCase();

/**
 * The tree rules the per-field rules cannot see: the root (the bidder itself)
 * has sharePercent 100, the subcontractors of a node sum to at most 100,
 * sibling names are unique, and the tree has at most MAX_NODES nodes and
 * MAX_DEPTH levels. `field` names the root in the errors' paths
 * (`supplyChain.subcontractors[0].name`). Empty when the tree is valid.
 */
export function supplyChainErrors(root: SupplyChainShape, field = 'supplyChain'): SupplyChainError[] {
  const errors: SupplyChainError[] = [];
  let count = 0;
  const rootShare = Rational.parse(root.sharePercent);
  if (!rootShare || !rootShare.eq(HUNDRED)) errors.push({ field: `${field}.sharePercent`, message: 'the root (the bidder itself) has sharePercent 100' });
  const walk = (node: SupplyChainShape, at: string, depth: number): void => {
    count++;
    if (depth > MAX_DEPTH) {
      errors.push({ field: at, message: `the supply chain is deeper than ${MAX_DEPTH} levels` });
      return;
    }
    const sum = subcontractorShareSum(node.subcontractors);
    if (exceedsWhole(sum))
      errors.push({ field: `${at}.subcontractors`, message: `the subcontractors' sharePercent sum to ${sum.toDecimalString()}, more than 100` });
    const names = new Set<string>();
    node.subcontractors.forEach((c, i) => {
      const key = siblingKey(c.name);
      if (names.has(key)) errors.push({ field: `${at}.subcontractors[${i}].name`, message: `two subcontractors of the same node are named "${c.name}"` });
      names.add(key);
      walk(c, `${at}.subcontractors[${i}]`, depth + 1);
    });
  };
  walk(root, field, 1);
  if (count > MAX_NODES) errors.push({ field, message: `at most ${MAX_NODES} nodes per bid (got ${count})` });
  return errors;
}
