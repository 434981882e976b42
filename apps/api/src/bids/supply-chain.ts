import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { Prisma, type NodeEvidence, type NodeViolation, type SupplyChainNode } from '@generated/prisma';
import { FieldError } from '../common/problem';
import type { SupplyChainNodeDto, SupplyChainNodeOut } from './bids.dto';

export const MAX_NODES = 500;
export const MAX_DEPTH = 12;

/**
 * Tree rules the per-field validators cannot see: the root's share is 100,
 * children's shares sum to at most 100 per node, sibling names are unique (a
 * node is identified by its path of names), and the tree is bounded.
 */
export function supplyChainErrors(root: SupplyChainNodeDto): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  if (!new Decimal(root.sharePercent).eq(100)) errors.push({ field: 'supplyChain.sharePercent', message: 'the root (the bidder itself) has sharePercent 100' });
  const walk = (node: SupplyChainNodeDto, field: string, depth: number) => {
    count++;
    if (depth > MAX_DEPTH) {
      errors.push({ field, message: `the supply chain is deeper than ${MAX_DEPTH} levels` });
      return;
    }
    const sum = node.subcontractors.reduce((s, c) => s.plus(c.sharePercent), new Decimal(0));
    if (sum.gt(100)) errors.push({ field: `${field}.subcontractors`, message: `the subcontractors' sharePercent sum to ${sum.toFixed()}, more than 100` });
    const names = new Map<string, number>();
    node.subcontractors.forEach((c, i) => {
      const key = c.name.trim().toLowerCase();
      if (names.has(key)) errors.push({ field: `${field}.subcontractors[${i}].name`, message: `two subcontractors of the same node are named "${c.name}"` });
      names.set(key, i);
      walk(c, `${field}.subcontractors[${i}]`, depth + 1);
    });
  };
  walk(root, 'supplyChain', 1);
  if (count > MAX_NODES) errors.push({ field: 'supplyChain', message: `at most ${MAX_NODES} nodes per bid (got ${count})` });
  return errors;
}

export interface FlatNodes {
  nodes: Prisma.SupplyChainNodeCreateManyInput[];
  evidence: Prisma.NodeEvidenceCreateManyInput[];
  violations: Prisma.NodeViolationCreateManyInput[];
}

/** Depth-first rows with ids assigned here, so the whole tree is written with three createMany calls. */
export function flattenSupplyChain(bidId: string, root: SupplyChainNodeDto): FlatNodes {
  const out: FlatNodes = { nodes: [], evidence: [], violations: [] };
  const walk = (node: SupplyChainNodeDto, parentId: string | null, parentPath: string[]) => {
    const id = randomUUID();
    const path = [...parentPath, node.name.trim()];
    const d = node.declarations;
    out.nodes.push({
      id,
      bidId,
      parentId,
      position: out.nodes.length,
      path,
      name: node.name.trim(),
      country: node.country?.toUpperCase() ?? null,
      uid: node.identifiers?.uid?.trim() || null,
      lei: node.identifiers?.lei?.trim() || null,
      vat: node.identifiers?.vat?.trim() || null,
      sharePercent: new Prisma.Decimal(node.sharePercent),
      goods: node.goods.map((g) => g.trim()),
      labourProtection: d.labourProtection ?? null,
      workingConditions: d.workingConditions ?? null,
      equalPay: d.equalPay ?? null,
      illegalEmploymentDuties: d.illegalEmploymentDuties ?? null,
      environmentalLaw: d.environmentalLaw ?? null,
      taxesAndSocialSecurityPaid: d.taxesAndSocialSecurityPaid ?? null,
      iloCoreConventions: d.iloCoreConventions ?? null,
      additionalConventions: d.additionalConventions ?? [],
      subcontractClause: d.subcontractClause ?? null,
    });
    node.evidence.forEach((e, position) =>
      out.evidence.push({
        nodeId: id,
        position,
        kind: e.kind,
        issuer: e.issuer.trim(),
        issuedAt: new Date(`${e.issuedAt}T00:00:00Z`),
        validUntil: e.validUntil ? new Date(`${e.validUntil}T00:00:00Z`) : null,
      }),
    );
    node.violations.forEach((v, position) =>
      out.violations.push({
        nodeId: id,
        position,
        ground: v.ground,
        standard: v.standard,
        occurredAt: new Date(`${v.occurredAt}T00:00:00Z`),
        source: v.source.trim(),
        description: v.description,
      }),
    );
    node.subcontractors.forEach((c) => walk(c, id, path));
  };
  walk(root, null, []);
  return out;
}

export type StoredNode = SupplyChainNode & { evidence: NodeEvidence[]; violations: NodeViolation[] };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Rebuilds the tree from its depth-first rows. */
export function buildSupplyChain(rows: StoredNode[]): SupplyChainNodeOut {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const byId = new Map<string, SupplyChainNodeOut>();
  let root: SupplyChainNodeOut | null = null;
  for (const n of sorted) {
    const out: SupplyChainNodeOut = {
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
      subcontractors: [],
    };
    byId.set(n.id, out);
    if (n.parentId === null) root = out;
    else byId.get(n.parentId)!.subcontractors.push(out);
  }
  if (!root) throw new Error('bid without a supply-chain root');
  return root;
}
