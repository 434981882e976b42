import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { conflict, invalid, notFound } from '../common/problem';
import { TendersService } from '../tenders/tenders.service';
import { DeclarationDto, DeclarationOutDto, GradeDto, GradeOutDto } from './grading.dto';
import { ImpartialityGate } from './impartiality.service';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

/** Grades are given after bids are in and before the evaluation: while PUBLISHED or CLOSED. */
const GRADABLE = ['PUBLISHED', 'CLOSED'];

@Injectable()
export class GradingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly gate: ImpartialityGate,
  ) {}

  /** The calling officer's declaration; a new one replaces the earlier (201 new, 200 replaced). */
  async declare(auth: AuthContext, tenderId: string, dto: DeclarationDto): Promise<{ created: boolean; body: DeclarationOutDto }> {
    return this.prisma.transaction(async (tx) => {
      await this.tenders.requireTender(tx, auth, tenderId);
      const existing = await tx.evaluatorDeclaration.findUnique({ where: { tenderId_userId: { tenderId, userId: auth.userId } } });
      const d = await tx.evaluatorDeclaration.upsert({
        where: { tenderId_userId: { tenderId, userId: auth.userId } },
        create: { tenderId, userId: auth.userId, impartial: dto.impartial, interests: dto.interests },
        update: { impartial: dto.impartial, interests: dto.interests, declaredAt: new Date() },
      });
      await this.audit.append(tx, {
        auth,
        action: existing ? 'declaration.replaced' : 'declaration.made',
        objectType: 'declaration',
        objectId: d.id,
        tenderId,
        payload: {
          impartial: d.impartial,
          interests: d.interests,
          previous: existing ? { impartial: existing.impartial, interests: existing.interests } : null,
        },
      });
      return {
        created: !existing,
        body: {
          id: d.id,
          tenderId,
          userId: auth.userId,
          userEmail: auth.email,
          impartial: d.impartial,
          interests: d.interests,
          declaredAt: d.declaredAt.toISOString(),
        },
      };
    });
  }

  async declarations(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<DeclarationOutDto>> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.evaluatorDeclaration.findMany({
        where: { tenderId },
        include: { user: { select: { email: true } } },
        orderBy: [{ declaredAt: 'asc' }, { id: 'asc' }],
        skip: args.skip,
        take: args.take,
      }),
      this.prisma.evaluatorDeclaration.count({ where: { tenderId } }),
    ]);
    const items = rows.map((d) => ({
      id: d.id,
      tenderId,
      userId: d.userId,
      userEmail: d.user.email,
      impartial: d.impartial,
      interests: d.interests,
      declaredAt: d.declaredAt.toISOString(),
    }));
    return pageOf(args, items, total);
  }

  async grade(auth: AuthContext, tenderId: string, bidId: string, criterionCode: string, dto: GradeDto): Promise<GradeOutDto> {
    const tender = await this.tenders.requireTender(this.prisma, auth, tenderId);
    await this.gate.assert(this.prisma, auth, tenderId, 'grade bids');
    return this.prisma.transaction(async (tx) => {
      const locked = await tx.$queryRaw<
        { status: string }[]
      >`SELECT status::text AS status FROM tender WHERE id = ${tenderId}::uuid AND buyer_id = ${buyerOf(auth)}::uuid FOR SHARE`;
      if (!GRADABLE.includes(locked[0]?.status))
        throw conflict('TENDER_NOT_DECIDABLE', `The tender is ${locked[0]?.status}; grades are given while it is PUBLISHED or CLOSED`, {
          tenderStatus: locked[0]?.status,
        });
      const bid = await tx.bid.findFirst({ where: { id: bidId, tenderId }, select: { id: true } });
      if (!bid) throw notFound('Bid');
      const criterion = tender.criteria.find((c) => c.code === criterionCode);
      if (!criterion) throw notFound('Criterion');
      if (criterion.kind !== 'QUALITY')
        throw invalid([{ field: 'criterionCode', message: `${criterionCode} is a ${criterion.kind} criterion; only QUALITY criteria are graded` }]);
      const g = await tx.grade.upsert({
        where: { bidId_criterionCode_evaluatorId: { bidId, criterionCode, evaluatorId: auth.userId } },
        create: { bidId, criterionCode, evaluatorId: auth.userId, grade: dto.grade, comment: dto.comment ?? null },
        update: { grade: dto.grade, comment: dto.comment ?? null },
      });
      await this.audit.append(tx, {
        auth,
        action: 'grade.given',
        objectType: 'grade',
        objectId: g.id,
        tenderId,
        payload: { bidId, criterionCode, grade: g.grade, comment: g.comment },
      });
      return {
        bidId,
        criterionCode,
        evaluatorId: auth.userId,
        evaluatorEmail: auth.email,
        grade: g.grade,
        comment: g.comment,
        updatedAt: g.updatedAt.toISOString(),
      };
    });
  }

  async grades(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<GradeOutDto>> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.grade.findMany({
        where: { bid: { tenderId } },
        include: { evaluator: { select: { email: true } } },
        orderBy: [{ bidId: 'asc' }, { criterionCode: 'asc' }, { evaluatorId: 'asc' }],
        skip: args.skip,
        take: args.take,
      }),
      this.prisma.grade.count({ where: { bid: { tenderId } } }),
    ]);
    const items = rows.map((g) => ({
      bidId: g.bidId,
      criterionCode: g.criterionCode,
      evaluatorId: g.evaluatorId,
      evaluatorEmail: g.evaluator.email,
      grade: g.grade,
      comment: g.comment,
      updatedAt: g.updatedAt.toISOString(),
    }));
    return pageOf(args, items, total);
  }
}
