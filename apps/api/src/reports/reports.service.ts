import { createHash } from 'node:crypto';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { EvaluationInput, EvaluationResult, FindingParams, SupplyChainNodeInput } from '@app/evaluation';
import {
  closeReportWorker,
  renderAuditReportAsync,
  type ReportDecisiveAdvantage,
  type ReportLang,
  type ReportModel,
  type ReportSupplyChainNode,
} from '@app/report';
import { findingKeyOf, findingState } from '@app/procedure';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { formatMoney } from '../common/decimal';
import { notFound } from '../common/problem';
import { InteropService } from '../interop/interop.service';

export interface RenderedReport {
  pdf: Buffer;
  digest: string;
  etag: string;
  filename: string;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : '');

function toReportNode(n: SupplyChainNodeInput): ReportSupplyChainNode {
  return {
    name: n.name,
    country: n.country ?? null,
    sharePercent: n.sharePercent,
    goods: n.goods,
    declarations: n.declarations,
    subcontractors: n.subcontractors.map(toReportNode),
  };
}

/**
 * Assembles the audit report of one evaluation from its stored snapshot and
 * the decisions recorded on the tender, and renders it off the request thread.
 * Nothing in the model depends on the time of download, so the same
 * evaluation, decisions and language give the same bytes.
 */
@Injectable()
export class ReportsService implements OnApplicationShutdown {
  constructor(
    private readonly prisma: PrismaService,
    private readonly interop: InteropService,
  ) {}

  async forEvaluation(auth: AuthContext, evaluationId: string, lang: ReportLang): Promise<RenderedReport> {
    const model = await this.model(auth, evaluationId);
    const pdf = await renderAuditReportAsync(model, lang);
    return {
      pdf,
      digest: model.evaluation.digest,
      etag: `"${createHash('sha256').update(pdf).digest('hex').slice(0, 32)}"`,
      filename: `audit-report-${model.tender.reference.replace(/[^A-Za-z0-9._-]+/g, '_')}-evaluation-${model.evaluation.seq}-${lang}.pdf`,
    };
  }

  async forTender(auth: AuthContext, tenderId: string, lang: ReportLang): Promise<RenderedReport> {
    const tender = await this.prisma.tender.findFirst({ where: { id: tenderId, buyerId: buyerOf(auth) }, select: { id: true } });
    if (!tender) throw notFound('Tender');
    const latest = await this.prisma.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, select: { id: true } });
    if (!latest) throw notFound('Evaluation of this tender (evaluate it first)');
    return this.forEvaluation(auth, latest.id, lang);
  }

  async model(auth: AuthContext, evaluationId: string): Promise<ReportModel> {
    const e = await this.prisma.evaluation.findFirst({
      where: { id: evaluationId, tender: { buyerId: buyerOf(auth) } },
      include: { findings: true, tender: { include: { criteria: true, buyer: true } } },
    });
    if (!e) throw notFound('Evaluation');
    const tender = e.tender;
    const inputs = e.inputs as unknown as EvaluationInput;
    const result = e.result as unknown as EvaluationResult;
    const versions = e.datasetVersions as Record<string, { id: string; version: number; name: string; contentDigest: string }>;
    const [datasets, resolutions, exclusions, awards, declarations, anchor, redFlags] = await Promise.all([
      this.prisma.riskDataset.findMany({
        where: { id: { in: Object.values(versions).map((v) => v.id) } },
        select: { id: true, kind: true, name: true, version: true, source: true, licence: true, retrievedAt: true, contentDigest: true },
      }),
      this.prisma.findingResolution.findMany({ where: { tenderId: tender.id } }),
      this.prisma.exclusionDecision.findMany({ where: { tenderId: tender.id }, orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }] }),
      this.prisma.award.findMany({ where: { evaluationId: e.id }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
      this.prisma.evaluatorDeclaration.findMany({ where: { tenderId: tender.id }, orderBy: [{ declaredAt: 'asc' }, { id: 'asc' }] }),
      // The chain head as it stood right after this evaluation was recorded: fixed for the evaluation.
      this.prisma.auditEvent.findFirst({ where: { action: 'evaluation.created', objectId: e.id }, select: { hash: true } }),
      this.interop.evaluationRedFlags({ id: e.id, tenderId: tender.id, seq: e.seq, createdAt: e.createdAt, result }),
    ]);
    const userIds = new Set<string>();
    resolutions.forEach((r) => userIds.add(r.resolvedById));
    exclusions.forEach((x) => [x.proposedById, x.decidedById].forEach((id) => id && userIds.add(id)));
    declarations.forEach((d) => userIds.add(d.userId));
    const users = new Map(
      (await this.prisma.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
    );
    const who = (id: string | null | undefined) => (id ? (users.get(id) ?? id) : null);

    const resolutionByKey = new Map(resolutions.map((r) => [r.findingKey, r]));
    const paramsByKey = new Map(e.findings.map((f) => [f.findingKey, f.params]));
    // Which decision settles a finding is the rule of libs/procedure (findingState), as for the API's findings and the award check.
    const record = { resolutions, exclusions };
    const exclusionById = new Map(exclusions.map((x) => [x.id, x]));
    const nameOf = new Map(result.bids.map((b) => [b.bidId, b.bidderName]));
    const award = awards.find((a) => a.status === 'ACTIVE') ?? awards[0] ?? null;

    return {
      tender: {
        reference: tender.reference,
        title: tender.title,
        procedure: tender.procedure,
        currency: tender.currency,
        submissionDeadline: tender.submissionDeadline.toISOString(),
        placesOfPerformance: tender.placesOfPerformance,
        goods: tender.goods,
        criteria: inputs.tender.criteria.map((c) => ({
          code: c.code,
          name: c.name,
          kind: c.kind,
          weight: c.weight,
          priceMethod: c.priceMethod ?? null,
          span: c.span ?? null,
        })),
        tieBreak: inputs.tender.tieBreak,
        additionalConventions: inputs.tender.additionalConventions,
        abnormallyLowThreshold: inputs.tender.abnormallyLowThreshold,
        priceBasis: inputs.tender.priceBasis,
        referencePrice: inputs.tender.referencePrice ?? null,
        priceLevelAdjustment: inputs.tender.priceLevelAdjustment,
        publishedAt: tender.publishedAt?.toISOString() ?? null,
        closedAt: tender.closedAt?.toISOString() ?? null,
      },
      buyer: { name: tender.buyer.name, country: tender.buyer.country },
      evaluation: {
        id: e.id,
        seq: e.seq,
        createdAt: e.createdAt.toISOString(),
        methodVersion: e.methodVersion,
        riskModelVersion: e.riskModelVersion,
        inputsDigest: e.inputsDigest,
        digest: e.digest,
      },
      auditChainHeadHash: anchor?.hash ?? '',
      datasets: datasets
        .sort((a, b) => a.kind.localeCompare(b.kind))
        .map((d) => ({
          kind: d.kind,
          name: d.name,
          version: d.version,
          source: d.source,
          licence: d.licence ?? '',
          retrievedAt: day(d.retrievedAt),
          contentDigest: d.contentDigest,
        })),
      result,
      bids: inputs.bids.map((b) => ({
        bidId: b.bidId,
        bidderName: b.bidderName,
        price: b.price,
        receivedAt: b.receivedAt,
        supplyChain: toReportNode(b.supplyChain),
      })),
      decisions: result.bids.flatMap((b) =>
        b.findings.map((f) => {
          const key = findingKeyOf(b.bidId, f);
          const params = (paramsByKey.get(key) as FindingParams | null | undefined) ?? null;
          const r = resolutionByKey.get(key);
          const settling = findingState({ findingKey: key, bidId: b.bidId, severity: f.severity }, record).exclusionId;
          const x = settling ? exclusionById.get(settling) : undefined;
          return {
            bidId: b.bidId,
            code: f.code,
            legalBasis: f.legalBasis,
            severity: f.severity,
            nodePath: f.nodePath,
            message: f.message,
            params,
            resolution: r ? { bidderAnswer: r.bidderAnswer, conclusion: r.conclusion, by: who(r.resolvedById)!, at: r.resolvedAt.toISOString() } : null,
            exclusion: x
              ? {
                  ground: x.ground,
                  reasons: x.reasons,
                  status: x.status,
                  proposedBy: who(x.proposedById)!,
                  decidedBy: who(x.decidedById),
                  decidedAt: x.decidedAt?.toISOString() ?? null,
                }
              : null,
          };
        }),
      ),
      exclusions: exclusions.map((x) => ({
        bidId: x.bidId,
        nodePath: x.nodePath.length ? x.nodePath : null,
        ground: x.ground,
        reasons: x.reasons,
        status: x.status,
        proposedBy: who(x.proposedById)!,
        proposedAt: x.proposedAt.toISOString(),
        decidedBy: who(x.decidedById),
        decidedAt: x.decidedAt?.toISOString() ?? null,
      })),
      award: award
        ? {
            winnerBidId: award.winnerBidId,
            bidderName: nameOf.get(award.winnerBidId) ?? award.winnerBidId,
            price: formatMoney(award.price),
            procedure: award.procedure,
            decisiveAdvantages: award.decisiveAdvantages as unknown as ReportDecisiveAdvantage[],
            notifiedAt: award.notifiedAt.toISOString(),
            appealDeadline: award.appealDeadline.toISOString(),
            status: award.status,
            tieSettlement: (award.tieSettlement as { method: string; note: string } | null) ?? null,
          }
        : null,
      declarations: declarations.map((d) => ({
        officer: who(d.userId)!,
        impartial: d.impartial,
        interests: d.interests,
        declaredAt: d.declaredAt.toISOString(),
      })),
      redFlags,
      generatedAt: e.createdAt.toISOString(),
    };
  }

  // A shutdown hook, not a destroy hook: reports being rendered for in-flight requests finish first.
  async onApplicationShutdown(): Promise<void> {
    await closeReportWorker();
  }
}
