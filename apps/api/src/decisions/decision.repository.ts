import { Injectable } from '@nestjs/common';
import { dayOfDateValue } from '@app/procedure';
import type { DecisionRecord } from '@app/procedure';
import { Prisma, type Bid, type Bidder, type ExclusionDecision, type Finding, type FindingResolution } from '@generated/prisma';
import { conflict } from '../common/problem';
import { isUniqueViolation } from '../database/database-errors';
import { Repository } from '../database/transaction';

export type { Finding, FindingResolution } from '@generated/prisma';
export type ExclusionRow = ExclusionDecision & { bid: Bid & { bidder: Pick<Bidder, 'name'> } };
export type ExclusionStatusName = ExclusionDecision['status'];

const EXCLUSION_INCLUDE = { bid: { include: { bidder: { select: { name: true } } } } } as const;
const AWARD_INCLUDE = {
  tender: { select: { currency: true } },
  evaluation: { select: { seq: true, result: true } },
  revokingExclusion: { include: EXCLUSION_INCLUDE },
} as const;
export type AwardRow = Prisma.AwardGetPayload<{ include: typeof AWARD_INCLUDE }>;
export type EvaluationWithFindings = Prisma.EvaluationGetPayload<{ include: { findings: true } }>;
export type WinnerBid = Bid & { bidder: Pick<Bidder, 'name'> };

export interface NewResolution {
  tenderId: string;
  bidId: string;
  findingKey: string;
  code: string;
  nodePath: string[];
  bidderAnswer: string;
  conclusion: FindingResolution['conclusion'];
  exclusionId: string | null;
  resolvedById: string;
}

export interface NewExclusion {
  tenderId: string;
  bidId: string;
  nodePath: string[];
  findingKey: string | null;
  ground: string;
  reasons: string;
  proposedById: string;
}

export interface NewAward {
  tenderId: string;
  evaluationId: string;
  winnerBidId: string;
  price: Prisma.Decimal;
  procedure: Prisma.AwardUncheckedCreateInput['procedure'];
  decisiveAdvantages: unknown;
  tieSettlement: unknown;
  notifiedAt: Date;
  appealDeadline: Date;
  awardedById: string;
}

/**
 * The decisions on a tender — finding resolutions, exclusion decisions,
 * awards — and what they are taken on (evaluations with their findings, bids).
 * Reads are not scoped by buyer: the service locks the tender and asks
 * AccessService.require first. Call inside a transaction (@Transactional).
 */
@Injectable()
export class DecisionRepository extends Repository {
  /** The decision record of a tender, exclusions in proposal order (the order libs/procedure reads "first" in). */
  async record(tenderId: string): Promise<DecisionRecord> {
    // One after the other: a transaction is one connection.
    const resolutions = await this.db.findingResolution.findMany({ where: { tenderId }, select: { findingKey: true, conclusion: true, exclusionId: true } });
    const exclusions = await this.db.exclusionDecision.findMany({
      where: { tenderId },
      select: { id: true, bidId: true, findingKey: true, status: true },
      orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }],
    });
    return { resolutions, exclusions };
  }

  finding(id: string): Promise<Finding | null> {
    return this.db.finding.findUnique({ where: { id } });
  }

  findingOfTender(id: string, tenderId: string): Promise<Finding | null> {
    return this.db.finding.findFirst({ where: { id, tenderId } });
  }

  /** The evaluation named (of this tender), or the tender's latest, with its findings. */
  evaluationWithFindings(tenderId: string, evaluationId?: string): Promise<EvaluationWithFindings | null> {
    return evaluationId
      ? this.db.evaluation.findFirst({ where: { id: evaluationId, tenderId }, include: { findings: true } })
      : this.db.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, include: { findings: true } });
  }

  latestEvaluation(tenderId: string): Promise<{ id: string; seq: number } | null> {
    return this.db.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, select: { id: true, seq: true } });
  }

  resolutions(tenderId: string): Promise<FindingResolution[]> {
    return this.db.findingResolution.findMany({ where: { tenderId } });
  }

  async createResolution(r: NewResolution): Promise<FindingResolution> {
    try {
      return await this.db.findingResolution.create({ data: r });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('ALREADY_RESOLVED', 'This finding is already resolved');
      throw e;
    }
  }

  bidWithNodes(bidId: string, tenderId: string): Promise<{ id: string; nodes: { path: string[]; position: number }[] } | null> {
    return this.db.bid.findFirst({ where: { id: bidId, tenderId }, select: { id: true, nodes: { select: { path: true, position: true } } } });
  }

  winnerBid(bidId: string): Promise<WinnerBid> {
    return this.db.bid.findUniqueOrThrow({ where: { id: bidId }, include: { bidder: { select: { name: true } } } });
  }

  async buyerHolidays(buyerId: string): Promise<string[]> {
    const b = await this.db.buyer.findUniqueOrThrow({ where: { id: buyerId }, select: { holidays: true } });
    return b.holidays.map(dayOfDateValue);
  }

  async createExclusion(e: NewExclusion): Promise<string> {
    return (await this.db.exclusionDecision.create({ data: e, select: { id: true } })).id;
  }

  exclusion(id: string): Promise<ExclusionRow | null> {
    return this.db.exclusionDecision.findUnique({ where: { id }, include: EXCLUSION_INCLUDE });
  }

  /** Exclusions of the tender, oldest proposal first. */
  exclusionsOf(tenderId: string): Promise<ExclusionRow[]> {
    return this.db.exclusionDecision.findMany({ where: { tenderId }, include: EXCLUSION_INCLUDE, orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }] });
  }

  async exclusionPage(tenderId: string, status: ExclusionStatusName | undefined, skip: number, take: number): Promise<{ rows: ExclusionRow[]; total: number }> {
    const where = { tenderId, ...(status ? { status } : {}) };
    const rows = await this.db.exclusionDecision.findMany({ where, include: EXCLUSION_INCLUDE, orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }], skip, take });
    return { rows, total: await this.db.exclusionDecision.count({ where }) };
  }

  /** PROPOSED → decided, as one conditional UPDATE: of two concurrent decisions exactly one changes the row. */
  async decideExclusion(id: string, to: 'CONFIRMED' | 'REJECTED', decidedById: string, decidedAt: Date, note: string | null): Promise<boolean> {
    const { count } = await this.db.exclusionDecision.updateMany({
      where: { id, status: 'PROPOSED' },
      data: { status: to, decidedById, decidedAt, decisionNote: note },
    });
    return count === 1;
  }

  async createAward(a: NewAward): Promise<string> {
    const award = await this.db.award.create({
      data: {
        tenderId: a.tenderId,
        evaluationId: a.evaluationId,
        winnerBidId: a.winnerBidId,
        price: a.price,
        procedure: a.procedure,
        decisiveAdvantages: a.decisiveAdvantages as Prisma.InputJsonValue,
        tieSettlement: a.tieSettlement === null ? Prisma.DbNull : (a.tieSettlement as Prisma.InputJsonValue),
        notifiedAt: a.notifiedAt,
        appealDeadline: a.appealDeadline,
        awardedById: a.awardedById,
      },
      select: { id: true },
    });
    return award.id;
  }

  award(id: string): Promise<AwardRow> {
    return this.db.award.findUniqueOrThrow({ where: { id }, include: AWARD_INCLUDE });
  }

  activeAward(tenderId: string): Promise<{ id: string; winnerBidId: string; appealDeadline: Date } | null> {
    return this.db.award.findFirst({ where: { tenderId, status: 'ACTIVE' }, select: { id: true, winnerBidId: true, appealDeadline: true } });
  }

  async revokeAward(id: string, revokedAt: Date, revokingExclusionId: string): Promise<void> {
    await this.db.award.updateMany({ where: { id, status: 'ACTIVE' }, data: { status: 'REVOKED', revokedAt, revokingExclusionId } });
  }

  async awardPage(tenderId: string, skip: number, take: number): Promise<{ rows: AwardRow[]; total: number }> {
    const rows = await this.db.award.findMany({ where: { tenderId }, include: AWARD_INCLUDE, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip, take });
    return { rows, total: await this.db.award.count({ where: { tenderId } }) };
  }
}
