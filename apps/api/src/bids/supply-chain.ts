import { randomUUID } from 'node:crypto';
import { dayOfDateValue } from '@app/procedure';
import Decimal from 'decimal.js';
import type { EvidenceKind, ViolationStandard } from '@app/evaluation';
import type { SupplyChainNodeDto, SupplyChainNodeOut } from './bids.dto';

/**
 * A submitted supply chain as it is stored and answered: names, issuers and
 * sources trimmed, countries upper-case, blank identifiers null, shares in
 * plain notation without trailing zeros (as numeric reads back). The tree
 * rules are libs/evaluation's `supplyChainErrors`; this is only the shape.
 */
export function normaliseSupplyChain(node: SupplyChainNodeDto): SupplyChainNodeOut {
  const d = node.declarations;
  return {
    name: node.name.trim(),
    country: node.country?.toUpperCase() ?? null,
    identifiers: { uid: node.identifiers?.uid?.trim() || null, lei: node.identifiers?.lei?.trim() || null, vat: node.identifiers?.vat?.trim() || null },
    sharePercent: new Decimal(node.sharePercent).toFixed(),
    goods: node.goods.map((g) => g.trim()),
    declarations: {
      labourProtection: d.labourProtection ?? null,
      workingConditions: d.workingConditions ?? null,
      equalPay: d.equalPay ?? null,
      illegalEmploymentDuties: d.illegalEmploymentDuties ?? null,
      environmentalLaw: d.environmentalLaw ?? null,
      taxesAndSocialSecurityPaid: d.taxesAndSocialSecurityPaid ?? null,
      iloCoreConventions: d.iloCoreConventions ?? null,
      additionalConventions: d.additionalConventions ?? [],
      subcontractClause: d.subcontractClause ?? null,
    },
    evidence: node.evidence.map((e) => ({ kind: e.kind, issuer: e.issuer.trim(), issuedAt: e.issuedAt, validUntil: e.validUntil ?? null })),
    violations: node.violations.map((v) => ({
      ground: v.ground,
      standard: v.standard,
      occurredAt: v.occurredAt,
      source: v.source.trim(),
      description: v.description,
    })),
    subcontractors: node.subcontractors.map(normaliseSupplyChain),
  };
}

/** One stored node: depth-first position, id assigned here (so the whole tree is one statement), its path of names. */
export interface NodeRow {
  id: string;
  parentId: string | null;
  position: number;
  path: string[];
  node: SupplyChainNodeOut;
}

/** The normalised tree as depth-first rows. */
export function flattenSupplyChain(root: SupplyChainNodeOut): NodeRow[] {
  const rows: NodeRow[] = [];
  const walk = (node: SupplyChainNodeOut, parentId: string | null, parentPath: string[]): void => {
    const id = randomUUID();
    const path = [...parentPath, node.name];
    rows.push({ id, parentId, position: rows.length, path, node });
    for (const c of node.subcontractors) walk(c, id, path);
  };
  walk(root, null, []);
  return rows;
}

/** A node as the bid repository reads it back (JSON assembled by PostgreSQL): its id, its parent's, and the node without subcontractors, keys in answer order. */
export type NodeJson = [id: string, parentId: string | null, node: Omit<SupplyChainNodeOut, 'subcontractors'>];

/** Rebuilds the tree from its depth-first rows (ordered by position: a parent comes before its children). */
export function treeOfNodes(rows: readonly NodeJson[]): SupplyChainNodeOut {
  const byId = new Map<string, SupplyChainNodeOut>();
  let root: SupplyChainNodeOut | null = null;
  for (const [id, parentId, stored] of rows) {
    const out = stored as SupplyChainNodeOut;
    out.subcontractors = [];
    byId.set(id, out);
    if (parentId === null) root = out;
    else byId.get(parentId)!.subcontractors.push(out);
  }
  if (!root) throw new Error('bid without a supply-chain root');
  return root;
}

/** A stored node row with its evidence and violations, as an ORM reads it (the evaluation's inputs). */
export interface StoredNode {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  country: string | null;
  uid: string | null;
  lei: string | null;
  vat: string | null;
  sharePercent: { toFixed(): string };
  goods: string[];
  labourProtection: boolean | null;
  workingConditions: boolean | null;
  equalPay: boolean | null;
  illegalEmploymentDuties: boolean | null;
  environmentalLaw: boolean | null;
  taxesAndSocialSecurityPaid: boolean | null;
  iloCoreConventions: boolean | null;
  additionalConventions: string[];
  subcontractClause: boolean | null;
  evidence: { position: number; kind: EvidenceKind; issuer: string; issuedAt: Date; validUntil: Date | null }[];
  violations: { position: number; ground: string; standard: ViolationStandard; occurredAt: Date; source: string; description: string }[];
}

const day = dayOfDateValue;

/** Rebuilds the tree from stored node rows (any order: sorted by position here). */
export function buildSupplyChain(rows: StoredNode[]): SupplyChainNodeOut {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  return treeOfNodes(
    sorted.map((n): NodeJson => [
      n.id,
      n.parentId,
      {
        name: n.name,
        country: n.country,
        identifiers: { uid: n.uid, lei: n.lei, vat: n.vat },
        sharePercent: n.sharePercent.toFixed(),
        goods: n.goods,
        declarations: {
          labourProtection: n.labourProtection,
          workingConditions: n.workingConditions,
          equalPay: n.equalPay,
          illegalEmploymentDuties: n.illegalEmploymentDuties,
          environmentalLaw: n.environmentalLaw,
          taxesAndSocialSecurityPaid: n.taxesAndSocialSecurityPaid,
          iloCoreConventions: n.iloCoreConventions,
          additionalConventions: n.additionalConventions,
          subcontractClause: n.subcontractClause,
        },
        evidence: [...n.evidence]
          .sort((a, b) => a.position - b.position)
          .map((e) => ({ kind: e.kind, issuer: e.issuer, issuedAt: day(e.issuedAt), validUntil: e.validUntil ? day(e.validUntil) : null })),
        violations: [...n.violations]
          .sort((a, b) => a.position - b.position)
          .map((v) => ({ ground: v.ground, standard: v.standard, occurredAt: day(v.occurredAt), source: v.source, description: v.description })),
      },
    ]),
  );
}
