import { Injectable } from '@nestjs/common';
import type { EvaluationResult } from '@app/evaluation';
import { appealDeadline, checkAward, runnerUpOf, toZurichIso, zurichDate, type DecisiveAdvantage } from '@app/procedure';
import { Prisma } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { formatMoney } from '../common/decimal';
import { conflict, DomainError, invalid } from '../common/problem';
import { ImpartialityGate } from '../evaluations/impartiality.service';
import { canTransition, TRANSITIONS } from '../tenders/tender-lifecycle';
import { TendersService, toTenderDto } from '../tenders/tenders.service';
import type { TenderDto } from '../tenders/tenders.dto';
import { EXCLUSION_INCLUDE, loadRecord, lockTender, toExclusionDto } from './decision-records';
import { AwardDto, CreateAwardDto } from './decisions.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

const AWARD_INCLUDE = {
  tender: { select: { currency: true } },
  evaluation: { select: { seq: true, result: true } },
  revokingExclusion: { include: EXCLUSION_INCLUDE },
} as const;
type AwardRow = Prisma.AwardGetPayload<{ include: typeof AWARD_INCLUDE }>;

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
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly gate: ImpartialityGate,
  ) {}

  async award(auth: AuthContext, tenderId: string, dto: CreateAwardDto): Promise<AwardDto> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    await this.gate.assert(this.prisma, auth, tenderId, 'award');
    return this.prisma.transaction(async (tx) => {
      const status = await lockTender(tx, auth, tenderId);
      if (!canTransition(status, 'award'))
        throw conflict('TENDER_NOT_CLOSED', `Cannot award a ${status} tender (allowed from ${TRANSITIONS.award.from.join(', ')})`, { tenderStatus: status });
      const evaluation = await tx.evaluation.findFirst({ where: { id: dto.evaluationId, tenderId }, include: { findings: true } });
      if (!evaluation) throw invalid([{ field: 'evaluationId', message: 'no evaluation of this tender with this id' }]);
      const latest = await tx.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, select: { id: true, seq: true } });
      if (latest!.id !== evaluation.id) {
        throw conflict(
          'NOT_LATEST_EVALUATION',
          `Evaluation ${evaluation.seq} is not the latest (${latest!.seq}): an award is made from the latest evaluation only`,
          {
            latestEvaluationId: latest!.id,
          },
        );
      }
      const tender = await this.tenders.requireTender(tx, auth, tenderId);
      const result = evaluation.result as unknown as EvaluationResult;
      const check = checkAward({
        result,
        tieSettlementBidId: dto.tieSettlement?.bidId ?? null,
        findings: evaluation.findings,
        record: await loadRecord(tx, tenderId),
        criteriaOrder: [...tender.criteria].sort((a, b) => a.position - b.position).map((c) => c.code),
      });
      if (!check.ok) {
        if (check.status === 422) throw invalid([{ field: check.field, message: check.detail }]);
        throw new DomainError(check.code, check.detail, undefined, { reasons: check.reasons, reason: check.reason, blocking: check.blocking });
      }
      const winner = await tx.bid.findUniqueOrThrow({ where: { id: check.winnerBidId }, include: { bidder: { select: { name: true } } } });
      const buyer = await tx.buyer.findUniqueOrThrow({ where: { id: tender.buyerId }, select: { holidays: true } });
      const notifiedAt = new Date();
      const deadline = appealDeadline(
        notifiedAt,
        buyer.holidays.map((h) => h.toISOString().slice(0, 10)),
      );
      const tieSettlement =
        dto.tieSettlement && check.settledTie
          ? { method: dto.tieSettlement.method.trim(), note: dto.tieSettlement.note.trim(), bidId: dto.tieSettlement.bidId, tiedBidIds: check.settledTie }
          : null;
      const award = await tx.award.create({
        data: {
          tenderId,
          evaluationId: evaluation.id,
          winnerBidId: winner.id,
          price: winner.price,
          procedure: tender.procedure,
          decisiveAdvantages: check.decisiveAdvantages as unknown as Prisma.InputJsonValue,
          tieSettlement: tieSettlement ?? Prisma.DbNull,
          notifiedAt,
          appealDeadline: deadline.deadline,
          awardedById: auth.userId,
        },
      });
      await this.audit.append(tx, {
        auth,
        action: 'award.made',
        objectType: 'award',
        objectId: award.id,
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
      await this.tenders.transitionIn(tx, auth, tenderId, 'award', undefined, { awardId: award.id });
      return toAwardDto(await tx.award.findUniqueOrThrow({ where: { id: award.id }, include: AWARD_INCLUDE }));
    });
  }

  /** Every award of the tender, the revoked ones with the exclusion that revoked them, oldest first. */
  async list(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<AwardDto>> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.award.findMany({
        where: { tenderId },
        include: AWARD_INCLUDE,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: args.skip,
        take: args.take,
      }),
      this.prisma.award.count({ where: { tenderId } }),
    ]);
    return pageOf(args, rows.map(toAwardDto), total);
  }

  /** Art. 42, 56: the contract is concluded only after the appeal period of the active award has ended. */
  async conclude(auth: AuthContext, tenderId: string, expected?: number): Promise<TenderDto> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    return this.prisma.transaction(async (tx) => {
      const status = await lockTender(tx, auth, tenderId);
      if (!canTransition(status, 'conclude'))
        throw conflict('INVALID_TRANSITION', `Cannot conclude a ${status} tender (allowed from ${TRANSITIONS.conclude.from.join(', ')})`, {
          tenderStatus: status,
        });
      const award = await tx.award.findFirst({ where: { tenderId, status: 'ACTIVE' } });
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
      return toTenderDto(await this.tenders.transitionIn(tx, auth, tenderId, 'conclude', expected, { awardId: award.id }));
    });
  }
}
