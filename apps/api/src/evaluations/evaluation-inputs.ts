import type { BidInput, EvaluationInput, GradeInput, RiskModelConstants, SanctionInput, SupplyChainNodeInput } from '@app/evaluation';
import { METHOD_VERSION } from '@app/evaluation';
import { toRiskDatasets, type RiskDatasetParts } from '@app/risk-data';
import { dayOfDateValue } from '@app/procedure';
import { buildSupplyChain } from '../bids/supply-chain';
import type { SupplyChainNodeOut } from '../bids/bids.dto';
import { conflict } from '../common/problem';
import type { TenderWithCriteria } from '../tenders/tender.repository';
import type { EvaluationSources } from './evaluation-inputs.repository';

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
 * The engine's input from what EvaluationInputsRepository read (in one
 * transaction, in a canonical order): the same state always yields the same
 * snapshot. Refuses when reference data the method needs is not active.
 */
export function buildEvaluationInputs(tender: TenderWithCriteria, src: EvaluationSources): LoadedInputs {
  const { model, datasets } = src;
  if (!model) throw conflict('REFERENCE_DATA_MISSING', 'No active risk model: an admin must set one (PUT /api/v1/risk-model)');
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

  const bidInputs: BidInput[] = src.bids.map((b) => ({
    bidId: b.id,
    bidderName: b.bidderName,
    receivedAt: b.receivedAt.toISOString(),
    price: b.price.toFixed(),
    figures: b.figures as Record<string, string>,
    supplyChain: toNodeInput(buildSupplyChain(b.nodes)),
  }));
  const gradeInputs: GradeInput[] = src.grades.map((g) => ({ bidId: g.bidId, criterionCode: g.criterionCode, evaluatorId: g.evaluatorId, grade: g.grade }));
  const sanctionInputs: SanctionInput[] = src.sanctions.map((s) => ({
    id: s.id,
    name: s.name,
    identifiers: s.identifiers,
    country: s.country,
    ground: s.ground,
    from: dayOfDateValue(s.from),
    until: dayOfDateValue(s.until),
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
      buyerCountry: src.buyerCountry,
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
    excludedBidIds: src.excludedBidIds,
    sanctions: sanctionInputs,
    riskModel: model.constants as RiskModelConstants,
    datasets: toRiskDatasets(parts as RiskDatasetParts),
  };
  return { input, riskModelVersion: model.version, datasetVersions };
}
