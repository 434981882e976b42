import { Injectable } from '@nestjs/common';
import { Repository } from '../database/transaction';

export interface GradeRow {
  id: string;
  bidId: string;
  criterionCode: string;
  evaluatorId: string;
  grade: number;
  comment: string | null;
  updatedAt: Date;
}

/** Evaluators' grades of bids on QUALITY criteria: one per bid, criterion and evaluator, replaced on repeat. */
@Injectable()
export class GradeRepository extends Repository {
  /** Whether the bid belongs to the tender (grades are addressed by tender and bid). */
  async bidOfTender(bidId: string, tenderId: string): Promise<boolean> {
    return (await this.db.bid.findFirst({ where: { id: bidId, tenderId }, select: { id: true } })) !== null;
  }

  upsert(g: { bidId: string; criterionCode: string; evaluatorId: string; grade: number; comment: string | null }): Promise<GradeRow> {
    return this.db.grade.upsert({
      where: { bidId_criterionCode_evaluatorId: { bidId: g.bidId, criterionCode: g.criterionCode, evaluatorId: g.evaluatorId } },
      create: g,
      update: { grade: g.grade, comment: g.comment },
      select: { id: true, bidId: true, criterionCode: true, evaluatorId: true, grade: true, comment: true, updatedAt: true },
    });
  }

  /** The tender's grades by bid, criterion and evaluator, with the evaluator's e-mail. */
  async page(tenderId: string, skip: number, take: number): Promise<{ rows: (GradeRow & { evaluatorEmail: string })[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.grade.findMany({
        where: { bid: { tenderId } },
        include: { evaluator: { select: { email: true } } },
        orderBy: [{ bidId: 'asc' }, { criterionCode: 'asc' }, { evaluatorId: 'asc' }],
        skip,
        take,
      }),
      this.db.grade.count({ where: { bid: { tenderId } } }),
    ]);
    return {
      rows: rows.map((g) => ({
        id: g.id,
        bidId: g.bidId,
        criterionCode: g.criterionCode,
        evaluatorId: g.evaluatorId,
        grade: g.grade,
        comment: g.comment,
        updatedAt: g.updatedAt,
        evaluatorEmail: g.evaluator.email,
      })),
      total,
    };
  }
}
