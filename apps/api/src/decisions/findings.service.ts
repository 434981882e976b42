import { Injectable } from '@nestjs/common';
import type { EvaluationResult, FindingParams } from '@app/evaluation';
import { displayedFindingMessage, type Lang } from '@app/i18n';
import { findingHasDecision, findingState } from '@app/procedure';
import { Prisma, type FindingResolution } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { conflict, invalid, notFound } from '../common/problem';
import { findingKeyOf } from '../evaluations/evaluations.service';
import { ImpartialityGate } from '../evaluations/impartiality.service';
import { TendersService } from '../tenders/tenders.service';
import { assertDecidable, EXCLUSION_INCLUDE, loadRecord, lockTender, toExclusionDto } from './decision-records';
import { FindingDto, FindingsQueryDto, ResolutionDto, ResolveFindingDto } from './decisions.dto';
import { ExclusionsService } from './exclusions.service';
import { defaultGround } from './grounds';
import { Page, pageFromList } from '../common/paging';

function toResolutionDto(r: FindingResolution, findingId: string | null): Omit<ResolutionDto, 'exclusion'> {
  return {
    id: r.id,
    tenderId: r.tenderId,
    findingId,
    findingKey: r.findingKey,
    bidId: r.bidId,
    code: r.code,
    nodePath: r.nodePath,
    bidderAnswer: r.bidderAnswer,
    conclusion: r.conclusion,
    resolvedById: r.resolvedById,
    resolvedAt: r.resolvedAt.toISOString(),
  };
}

/**
 * The findings of a tender's evaluations with where each stands, and the
 * resolution of VERIFY findings (the bidder's answer and the officer's
 * conclusion). Decisions are keyed by findingKey, so they carry over to
 * later evaluations of the same tender.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly gate: ImpartialityGate,
    private readonly exclusions: ExclusionsService,
  ) {}

  /** The findings of the latest evaluation (or of the one named), in the evaluation's order. */
  async list(auth: AuthContext, tenderId: string, q: FindingsQueryDto, lang: Lang = 'en'): Promise<Page<FindingDto>> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    const evaluation = q.evaluationId
      ? await this.prisma.evaluation.findFirst({ where: { id: q.evaluationId, tenderId }, include: { findings: true } })
      : await this.prisma.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, include: { findings: true } });
    if (!evaluation) {
      if (q.evaluationId) throw notFound('Evaluation');
      return pageFromList(q, []);
    }
    const [resolutions, exclusions] = await Promise.all([
      this.prisma.findingResolution.findMany({ where: { tenderId } }),
      this.prisma.exclusionDecision.findMany({ where: { tenderId }, include: EXCLUSION_INCLUDE, orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }] }),
    ]);
    const record = { resolutions, exclusions };
    const rows = new Map(evaluation.findings.map((f) => [f.findingKey, f]));
    const result = evaluation.result as unknown as EvaluationResult;
    const out: FindingDto[] = [];
    for (const b of result.bids) {
      for (const f of b.findings) {
        const row = rows.get(findingKeyOf(b.bidId, f));
        if (!row) continue;
        const s = findingState({ findingKey: row.findingKey, bidId: row.bidId, severity: row.severity }, record);
        if (q.open !== undefined && s.open !== q.open) continue;
        const resolution = resolutions.find((r) => r.findingKey === row.findingKey);
        out.push({
          id: row.id,
          evaluationId: evaluation.id,
          evaluationSeq: evaluation.seq,
          bidId: row.bidId,
          bidderName: b.bidderName,
          code: row.code,
          legalBasis: row.legalBasis,
          severity: row.severity,
          nodePath: row.nodePath,
          findingKey: row.findingKey,
          message: displayedFindingMessage({ code: row.code, message: row.message, params: row.params as FindingParams | null }, lang),
          state: s.state,
          open: s.open,
          resolution: resolution ? toResolutionDto(resolution, null) : null,
          exclusions: exclusions.filter((e) => e.findingKey === row.findingKey).map(toExclusionDto),
        });
      }
    }
    // Findings opened during the execution of the contract (re-screening) hang on the awarded evaluation but are not in its result.
    for (const row of evaluation.findings.filter((f) => f.code === 'DURING_EXECUTION').sort((a, b) => a.findingKey.localeCompare(b.findingKey))) {
      const s = findingState({ findingKey: row.findingKey, bidId: row.bidId, severity: row.severity }, record);
      if (q.open !== undefined && s.open !== q.open) continue;
      const resolution = resolutions.find((r) => r.findingKey === row.findingKey);
      out.push({
        id: row.id,
        evaluationId: evaluation.id,
        evaluationSeq: evaluation.seq,
        bidId: row.bidId,
        bidderName: result.bids.find((b) => b.bidId === row.bidId)?.bidderName ?? '',
        code: row.code,
        legalBasis: row.legalBasis,
        severity: row.severity,
        nodePath: row.nodePath,
        findingKey: row.findingKey,
        message: row.message,
        state: s.state,
        open: s.open,
        resolution: resolution ? toResolutionDto(resolution, null) : null,
        exclusions: exclusions.filter((e) => e.findingKey === row.findingKey).map(toExclusionDto),
      });
    }
    // The state of each finding is derived from the whole decision record: page the derived list.
    return pageFromList(q, out);
  }

  /**
   * Records the bidder's answer to a VERIFY finding and the officer's
   * conclusion. ESCALATED opens a proposed exclusion in the same transaction;
   * a second officer then confirms or rejects it.
   */
  async resolve(auth: AuthContext, findingId: string, dto: ResolveFindingDto): Promise<ResolutionDto> {
    const finding = await this.prisma.finding.findFirst({ where: { id: findingId, evaluation: { tender: { buyerId: buyerOf(auth) } } } });
    if (!finding) throw notFound('Finding');
    if (dto.conclusion === 'ACCEPTED' && (dto.ground !== undefined || dto.reasons !== undefined)) {
      throw invalid([
        { field: dto.ground !== undefined ? 'ground' : 'reasons', message: 'ground and reasons belong to an ESCALATED conclusion (the exclusion it proposes)' },
      ]);
    }
    await this.gate.assert(this.prisma, auth, finding.tenderId, 'resolve findings');
    return this.prisma.transaction(async (tx) => {
      assertDecidable(await lockTender(tx, auth, finding.tenderId), 'findings are resolved');
      if (finding.severity !== 'VERIFY') {
        throw conflict(
          'NOT_A_VERIFY_FINDING',
          finding.severity === 'EXCLUSION_GROUND'
            ? 'An EXCLUSION_GROUND finding is decided by an exclusion decision: propose one (POST /api/v1/tenders/:id/exclusions with findingId) for a second officer to confirm or reject'
            : 'An INFO finding needs no resolution',
          { severity: finding.severity },
        );
      }
      if (findingHasDecision(finding.findingKey, await loadRecord(tx, finding.tenderId))) {
        throw conflict('ALREADY_RESOLVED', 'This finding is already resolved (a resolution carries over to later evaluations and is not replaced)');
      }
      let exclusionId: string | null = null;
      if (dto.conclusion === 'ESCALATED') {
        const reasons =
          dto.reasons?.trim() ??
          `Escalated after hearing the bidder on finding ${finding.code} (${finding.legalBasis}) at ${finding.nodePath.join(' › ')}: ${finding.message} Bidder's answer: ${dto.bidderAnswer.trim()}`;
        exclusionId = await this.exclusions.createProposal(
          tx,
          auth,
          {
            tenderId: finding.tenderId,
            bidId: finding.bidId,
            nodePath: finding.nodePath,
            findingKey: finding.findingKey,
            ground: dto.ground ?? defaultGround(finding.legalBasis),
            reasons,
          },
          finding.id,
        );
      }
      let r: FindingResolution;
      try {
        r = await tx.findingResolution.create({
          data: {
            tenderId: finding.tenderId,
            bidId: finding.bidId,
            findingKey: finding.findingKey,
            code: finding.code,
            nodePath: finding.nodePath,
            bidderAnswer: dto.bidderAnswer.trim(),
            conclusion: dto.conclusion,
            exclusionId,
            resolvedById: auth.userId,
          },
        });
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw conflict('ALREADY_RESOLVED', 'This finding is already resolved');
        throw e;
      }
      await this.audit.append(tx, {
        auth,
        action: 'finding.resolved',
        objectType: 'finding',
        objectId: finding.id,
        tenderId: finding.tenderId,
        payload: {
          resolutionId: r.id,
          findingKey: r.findingKey,
          code: r.code,
          nodePath: r.nodePath,
          bidId: r.bidId,
          bidderAnswer: r.bidderAnswer,
          conclusion: r.conclusion,
          exclusionId,
        },
      });
      const exclusion = exclusionId
        ? toExclusionDto(await tx.exclusionDecision.findUniqueOrThrow({ where: { id: exclusionId }, include: EXCLUSION_INCLUDE }))
        : null;
      return { ...toResolutionDto(r, finding.id), exclusion };
    });
  }
}
