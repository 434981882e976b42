import type { BidInput, EvaluationInput, GradeInput, RiskModelConstants, SanctionInput, SupplyChainNodeInput } from '@app/evaluation';
import { METHOD_VERSION } from '@app/evaluation';
import { toRiskDatasets, type RiskDatasetParts } from '@app/risk-data';
import type { Tx } from '../database/prisma.service';
import { buildSupplyChain, StoredNode } from '../bids/supply-chain';
import type { SupplyChainNodeOut } from '../bids/bids.dto';
import { conflict } from '../common/problem';
import type { TenderWithCriteria } from '../tenders/tenders.service';

const day = (d: Date) => d.toISOString().slice(0, 10);

function toNodeInput(n: SupplyChainNodeOut): SupplyChainNodeInput {
  return {
    name: n.name,
    country: n.country,
    identifiers: n.identifiers,
    sharePercent: n.sharePercent,
    goods: n.goods,
    declarations: n.declarations,
    evidence: n.evidence.map((e) => ({ kind: e.kind as 'SOCIAL_AUDIT', issuer: e.issuer, issuedAt: e.issuedAt, validUntil: e.validUntil })),
    violations: n.violations.map((v) => ({
      ground: v.ground,
      standard: v.standard as 'ESTABLISHED',
      occurredAt: v.occurredAt,
      source: v.source,
      description: v.description,
    })),
    subcontractors: n.subcontractors.map(toNodeInput),
  };
}

export interface LoadedInputs {
  input: EvaluationInput;
  riskModelVersion: number;
  datasetVersions: Record<string, { id: string; version: number; name: string; contentDigest: string }>;
}

const REQUIRED_KINDS = ['TIP_TIERS', 'ILO_RATIFICATIONS', 'GOODS_LIST'] as const;

/**
 * Everything the engine needs, read in one transaction and put in a canonical
 * order (by id), so the same state always yields the same snapshot.
 */
export async function loadEvaluationInputs(tx: Tx, tender: TenderWithCriteria): Promise<LoadedInputs> {
  const buyer = await tx.buyer.findUniqueOrThrow({ where: { id: tender.buyerId } });
  const bids = await tx.bid.findMany({
    where: { tenderId: tender.id },
    include: { bidder: { select: { name: true } }, nodes: { include: { evidence: true, violations: true } } },
    orderBy: { id: 'asc' },
  });
  const grades = await tx.grade.findMany({
    where: { bid: { tenderId: tender.id } },
    orderBy: [{ bidId: 'asc' }, { criterionCode: 'asc' }, { evaluatorId: 'asc' }],
  });
  const excluded = await tx.exclusionDecision.findMany({
    where: { tenderId: tender.id, status: 'CONFIRMED' },
    select: { bidId: true },
    distinct: ['bidId'],
    orderBy: { bidId: 'asc' },
  });
  const sanctions = await tx.sanction.findMany({
    // Entries of a superseded list version no longer match.
    where: { OR: [{ scope: 'ALL_FEDERAL' }, { scope: 'BUYER', buyerId: tender.buyerId }], AND: [{ OR: [{ listId: null }, { list: { active: true } }] }] },
    include: { list: { select: { id: true, name: true, version: true } } },
    orderBy: { id: 'asc' },
  });
  const model = await tx.riskModelVersion.findFirst({ where: { active: true } });
  if (!model) throw conflict('REFERENCE_DATA_MISSING', 'No active risk model: an admin must set one (PUT /api/v1/risk-model)');
  const datasets = await tx.riskDataset.findMany({ where: { active: true }, orderBy: { kind: 'asc' } });
  for (const kind of REQUIRED_KINDS) {
    if (!datasets.some((d) => d.kind === kind))
      throw conflict('REFERENCE_DATA_MISSING', `No active ${kind} risk dataset: an admin must import and activate one`);
  }
  if (tender.priceLevelAdjustment && !datasets.some((d) => d.kind === 'PRICE_LEVELS')) {
    throw conflict('REFERENCE_DATA_MISSING', 'The tender adjusts prices for price levels, but no PRICE_LEVELS dataset is active');
  }
  const parts: Record<string, unknown> = {};
  const datasetVersions: LoadedInputs['datasetVersions'] = {};
  for (const d of datasets) {
    if (d.kind === 'PRICE_LEVELS' && !tender.priceLevelAdjustment) continue;
    parts[d.kind] = d.rows;
    datasetVersions[d.kind] = { id: d.id, version: d.version, name: d.name, contentDigest: d.contentDigest };
  }

  const bidInputs: BidInput[] = bids.map((b) => ({
    bidId: b.id,
    bidderName: b.bidder.name,
    receivedAt: b.receivedAt.toISOString(),
    price: b.price.toFixed(),
    figures: b.figures as Record<string, string>,
    supplyChain: toNodeInput(buildSupplyChain(b.nodes as StoredNode[])),
  }));
  const gradeInputs: GradeInput[] = grades.map((g) => ({ bidId: g.bidId, criterionCode: g.criterionCode, evaluatorId: g.evaluatorId, grade: g.grade }));
  const sanctionInputs: SanctionInput[] = sanctions.map((s) => ({
    id: s.id,
    name: s.name,
    identifiers: s.identifiers,
    country: s.country,
    ground: s.ground,
    from: day(s.from),
    until: day(s.until),
    scope: s.scope,
    buyerId: s.buyerId,
    // Only when present, so that snapshots of hand-entered lists keep their shape.
    ...(s.aliases.length ? { aliases: s.aliases } : {}),
    ...(s.list ? { list: s.list } : {}),
  }));
  const input: EvaluationInput = {
    methodVersion: METHOD_VERSION,
    tender: {
      id: tender.id,
      buyerId: tender.buyerId,
      buyerCountry: buyer.country,
      procedure: tender.procedure,
      currency: tender.currency,
      submissionDeadline: tender.submissionDeadline.toISOString(),
      placesOfPerformance: tender.placesOfPerformance,
      criteria: [...tender.criteria]
        .sort((a, b) => a.position - b.position)
        .map((c) => ({ code: c.code, name: c.name, kind: c.kind, weight: c.weight.toFixed(), priceMethod: c.priceMethod, span: c.span?.toFixed() ?? null })),
      tieBreak: tender.tieBreak,
      additionalConventions: tender.additionalConventions,
      abnormallyLowThreshold: tender.abnormallyLowThreshold.toFixed(),
      requiredEvaluators: tender.requiredEvaluators,
      priceBasis: tender.priceBasis,
      referencePrice: tender.referencePrice?.toFixed() ?? null,
      priceLevelAdjustment: tender.priceLevelAdjustment,
    },
    bids: bidInputs,
    grades: gradeInputs,
    excludedBidIds: excluded.map((e) => e.bidId),
    sanctions: sanctionInputs,
    riskModel: model.constants as unknown as RiskModelConstants,
    datasets: toRiskDatasets(parts as RiskDatasetParts),
  };
  return { input, riskModelVersion: model.version, datasetVersions };
}
