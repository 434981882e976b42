import { Injectable } from '@nestjs/common';
import type { EvaluationResult } from '@app/evaluation';
import { appealDeadline, checkAward, runnerUpOf, toZurichIso, zurichDate, type DecisiveAdvantage } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import type { AuthContext } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { formatMoney } from '../common/decimal';
import { conflict, DomainError, invalid, notFound } from '../common/problem';
import { canTransition, TRANSITIONS } from '../tenders/tender-lifecycle';
import { TenderRepository } from '../tenders/tender.repository';
import { TendersService, toTenderDto } from '../tenders/tenders.service';
import type { TenderDto } from '../tenders/tenders.dto';
import { toExclusionDto } from './decision-records';
import { DecisionRepository, type AwardRow } from './decision.repository';
import { AwardDto, CreateAwardDto } from './decisions.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';
import type { Permission } from '@app/procedure';

function toAwardDto(a: AwardRow): AwardDto {
  const result = a.evaluation.result as unknown as EvaluationResult;
  const settlement = a.tieSettlement as AwardDto['tieSettlement'];
  return {
    id: a.id,
    tenderId: a.tenderId,
    evaluationId: a.evaluationId,
    evaluationSeq: a.evaluation.seq,
    status: a.status,
    procedure: a.procedure,
    winnerBidId: a.winnerBidId,
    winnerName: result.bids.find((b) => b.bidId === a.winnerBidId)?.bidderName ?? '',
    price: formatMoney(a.price),
    currency: a.tender.currency,
    runnerUpBidId: runnerUpOf(result, a.winnerBidId),
    decisiveAdvantages: a.decisiveAdvantages as unknown as DecisiveAdvantage[],
    tieSettlement: settlement ?? null,
    notifiedAt: a.notifiedAt.toISOString(),
    appealDeadline: a.appealDeadline.toISOString(),
    appealDeadlineLocal: toZurichIso(a.appealDeadline),
    awardedById: a.awardedById,
    createdAt: a.createdAt.toISOString(),
    revokedAt: a.revokedAt?.toISOString() ?? null,
    revokingExclusion: a.revokingExclusion ? toExclusionDto(a.revokingExclusion) : null,
  };
}

/**
 * The award (Art. 41, 51) from the tender's latest evaluation, its Art. 51(3)
 * summary reasons and Art. 56 appeal deadline, and the conclusion of the
 * contract once that deadline has passed (Art. 42).
 */
@Injectable()
export class AwardsService {
  constructor(
    private readonly repo: DecisionRepository,
    private readonly tenderRows: TenderRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
  ) {}

  /** Locks the tender's row (reads only read its head) and decides access on it, in the caller's transaction. */
  private async lockFor(auth: AuthContext, permission: Permission, tenderId: string, lock = true) {
    const head = lock ? await this.tenderRows.lock(tenderId) : await this.tenderRows.head(tenderId);
    await this.access.require(auth, permission, { buyerId: head?.buyerId ?? null, tenderId, label: 'Tender' });
    if (!head) throw notFound('Tender');
    return head;
  }

  @Transactional()
  async award(auth: AuthContext, tenderId: string, dto: CreateAwardDto): Promise<AwardDto> {
    const { status } = await this.lockFor(auth, 'award.decide', tenderId);
    {
      if (!canTransition(status, 'award'))
        throw conflict('TENDER_NOT_CLOSED', `Cannot award a ${status} tender (allowed from ${TRANSITIONS.award.from.join(', ')})`, { tenderStatus: status });
      const evaluation = await this.repo.evaluationWithFindings(tenderId, dto.evaluationId);
      if (!evaluation) throw invalid([{ field: 'evaluationId', message: 'no evaluation of this tender with this id' }]);
      const latest = await this.repo.latestEvaluation(tenderId);
      if (latest!.id !== evaluation.id) {
        throw conflict(
          'NOT_LATEST_EVALUATION',
          `Evaluation ${evaluation.seq} is not the latest (${latest!.seq}): an award is made from the latest evaluation only`,
          {
            latestEvaluationId: latest!.id,
          },
        );
      }
      const tender = (await this.tenderRows.findWithCriteria(tenderId))!;
      const result = evaluation.result as unknown as EvaluationResult;
      const check = checkAward({
        result,
        tieSettlementBidId: dto.tieSettlement?.bidId ?? null,
        findings: evaluation.findings,
        record: await this.repo.record(tenderId),
        criteriaOrder: [...tender.criteria].sort((a, b) => a.position - b.position).map((c) => c.code),
      });
      if (!check.ok) {
        if (check.status === 422) throw invalid([{ field: check.field, message: check.detail }]);
        throw new DomainError(check.code, check.detail, undefined, { reasons: check.reasons, reason: check.reason, blocking: check.blocking });
      }
      const winner = await this.repo.winnerBid(check.winnerBidId);
      const notifiedAt = new Date();
      const deadline = appealDeadline(notifiedAt, await this.repo.buyerHolidays(tender.buyerId));
      const tieSettlement =
        dto.tieSettlement && check.settledTie
          ? { method: dto.tieSettlement.method.trim(), note: dto.tieSettlement.note.trim(), bidId: dto.tieSettlement.bidId, tiedBidIds: check.settledTie }
          : null;
      const awardId = await this.repo.createAward({
        tenderId,
        evaluationId: evaluation.id,
        winnerBidId: winner.id,
        price: winner.price,
        procedure: tender.procedure,
        decisiveAdvantages: check.decisiveAdvantages,
        tieSettlement,
        notifiedAt,
        appealDeadline: deadline.deadline,
        awardedById: auth.userId,
      });
      await this.audit.record({
        auth,
        action: 'award.made',
        objectType: 'award',
        objectId: awardId,
        tenderId,
        payload: {
          evaluationId: evaluation.id,
          evaluationSeq: evaluation.seq,
          evaluationDigest: evaluation.digest,
          procedure: tender.procedure,
          winnerBidId: winner.id,
          winnerName: winner.bidder.name,
          price: formatMoney(winner.price),
          currency: tender.currency,
          runnerUpBidId: check.runnerUpBidId,
          decisiveAdvantages: check.decisiveAdvantages,
          tieSettlement,
          notifiedAt: notifiedAt.toISOString(),
          appealDeadline: deadline.deadline.toISOString(),
          appealDeadlineDate: deadline.deadlineDate,
        },
      });
      await this.tenders.transitionTender(auth, tenderId, 'award', undefined, { awardId });
      return toAwardDto(await this.repo.award(awardId));
    }
  }

  /** Every award of the tender, the revoked ones with the exclusion that revoked them, oldest first. */
  @Transactional()
  async list(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<AwardDto>> {
    await this.lockFor(auth, 'tender.read', tenderId, false);
    const args = pageArgs(q);
    const { rows, total } = await this.repo.awardPage(tenderId, args.skip, args.take);
    return pageOf(args, rows.map(toAwardDto), total);
  }

  /** Art. 42, 56: the contract is concluded only after the appeal period of the active award has ended. */
  @Transactional()
  async conclude(auth: AuthContext, tenderId: string, expected?: number): Promise<TenderDto> {
    const { status } = await this.lockFor(auth, 'tender.manage', tenderId);
    if (!canTransition(status, 'conclude'))
      throw conflict('INVALID_TRANSITION', `Cannot conclude a ${status} tender (allowed from ${TRANSITIONS.conclude.from.join(', ')})`, {
        tenderStatus: status,
      });
    const award = await this.repo.activeAward(tenderId);
    if (!award) throw conflict('NO_ACTIVE_AWARD', 'The tender has no active award', { tenderStatus: status });
    const now = new Date();
    if (now.getTime() <= award.appealDeadline.getTime()) {
      throw conflict(
        'APPEAL_PERIOD_RUNNING',
        `The appeal period runs until ${toZurichIso(award.appealDeadline)} (Art. 56): the contract may not be concluded before`,
        {
          reason: 'APPEAL_PERIOD_RUNNING',
          appealDeadline: award.appealDeadline.toISOString(),
          appealDeadlineDate: zurichDate(award.appealDeadline),
        },
      );
    }
    return toTenderDto(await this.tenders.transitionTender(auth, tenderId, 'conclude', expected, { awardId: award.id }));
  }
}
