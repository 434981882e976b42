import { Injectable } from '@nestjs/common';
import type { EvaluationResult, FindingParams } from '@app/evaluation';
import { displayedFindingMessage, type Lang } from '@app/i18n';
import { findingHasDecision, findingKeyOf, findingState, defaultGround } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { AuthContext } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { conflict, invalid, notFound } from '../common/problem';
import { TenderRepository } from '../tenders/tender.repository';
import { assertDecidable, toExclusionDto } from './decision-records';
import { DecisionRepository, type FindingResolution } from './decision.repository';
import { FindingDto, FindingsQueryDto, ResolutionDto, ResolveFindingDto } from './decisions.dto';
import { ExclusionsService } from './exclusions.service';
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
    private readonly repo: DecisionRepository,
    private readonly tenders: TenderRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly exclusions: ExclusionsService,
  ) {}

  /** The findings of the latest evaluation (or of the one named), in the evaluation's order. */
  @Transactional()
  async list(auth: AuthContext, tenderId: string, q: FindingsQueryDto, lang: Lang = 'en'): Promise<Page<FindingDto>> {
    const head = await this.tenders.head(tenderId);
    await this.access.require(auth, 'tender.read', { buyerId: head?.buyerId ?? null, tenderId, label: 'Tender' });
    if (!head) throw notFound('Tender');
    const evaluation = await this.repo.evaluationWithFindings(tenderId, q.evaluationId);
    if (!evaluation) {
      if (q.evaluationId) throw notFound('Evaluation');
      return pageFromList(q, []);
    }
    // One snapshot (one transaction) for the findings and the decisions they are read against.
    const resolutions = await this.repo.resolutions(tenderId);
    const exclusions = await this.repo.exclusionsOf(tenderId);
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
  @Transactional()
  async resolve(auth: AuthContext, findingId: string, dto: ResolveFindingDto): Promise<ResolutionDto> {
    const found = await this.repo.finding(findingId);
    // The tender's row lock, then the access decision (role, buyer, impartiality) in this same transaction.
    const head = found ? await this.tenders.lock(found.tenderId) : null;
    await this.access.require(auth, 'finding.resolve', { buyerId: head?.buyerId ?? null, tenderId: found?.tenderId, label: 'Finding' });
    if (!found || !head) throw notFound('Finding');
    const finding = found;
    if (dto.conclusion === 'ACCEPTED' && (dto.ground !== undefined || dto.reasons !== undefined)) {
      throw invalid([
        { field: dto.ground !== undefined ? 'ground' : 'reasons', message: 'ground and reasons belong to an ESCALATED conclusion (the exclusion it proposes)' },
      ]);
    }
    {
      assertDecidable(head.status, 'findings are resolved');
      if (finding.severity !== 'VERIFY') {
        throw conflict(
          'NOT_A_VERIFY_FINDING',
          finding.severity === 'EXCLUSION_GROUND'
            ? 'An EXCLUSION_GROUND finding is decided by an exclusion decision: propose one (POST /api/v1/tenders/:id/exclusions with findingId) for a second officer to confirm or reject'
            : 'An INFO finding needs no resolution',
          { severity: finding.severity },
        );
      }
      if (findingHasDecision(finding.findingKey, await this.repo.record(finding.tenderId))) {
        throw conflict('ALREADY_RESOLVED', 'This finding is already resolved (a resolution carries over to later evaluations and is not replaced)');
      }
      let exclusionId: string | null = null;
      if (dto.conclusion === 'ESCALATED') {
        const reasons =
          dto.reasons?.trim() ??
          `Escalated after hearing the bidder on finding ${finding.code} (${finding.legalBasis}) at ${finding.nodePath.join(' › ')}: ${finding.message} Bidder's answer: ${dto.bidderAnswer.trim()}`;
        exclusionId = await this.exclusions.createProposal(
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
      const r: FindingResolution = await this.repo.createResolution({
        tenderId: finding.tenderId,
        bidId: finding.bidId,
        findingKey: finding.findingKey,
        code: finding.code,
        nodePath: finding.nodePath,
        bidderAnswer: dto.bidderAnswer.trim(),
        conclusion: dto.conclusion,
        exclusionId,
        resolvedById: auth.userId,
      });
      await this.audit.record({
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
      const row = exclusionId ? await this.repo.exclusion(exclusionId) : null;
      return { ...toResolutionDto(r, finding.id), exclusion: row ? toExclusionDto(row) : null };
    }
  }
}
