import { Injectable } from '@nestjs/common';
import { GRADABLE, type TenderStatus } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import type { AuthContext } from '../auth/auth-context';
import { conflict, invalid, notFound } from '../common/problem';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';
import { Transactional } from '../database/transaction';
import { TenderRepository } from '../tenders/tender.repository';
import { DeclarationRepository } from './declaration.repository';
import { GradeRepository } from './grade.repository';
import { DeclarationDto, DeclarationOutDto, GradeDto, GradeOutDto } from './grading.dto';

@Injectable()
export class GradingService {
  constructor(
    private readonly declarations_: DeclarationRepository,
    private readonly grades_: GradeRepository,
    private readonly tenders: TenderRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** The calling officer's declaration; a new one replaces the earlier (201 new, 200 replaced). */
  @Transactional()
  async declare(auth: AuthContext, tenderId: string, dto: DeclarationDto): Promise<{ created: boolean; body: DeclarationOutDto }> {
    const head = await this.tenders.head(tenderId);
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'declaration.submit', { buyerId: head.buyerId, tenderId, label: 'Tender' });
    const existing = await this.declarations_.find(tenderId, auth.userId);
    const d = await this.declarations_.upsert(tenderId, auth.userId, dto);
    await this.audit.record({
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
  }

  async declarations(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<DeclarationOutDto>> {
    const head = await this.tenders.head(tenderId);
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'tender.read', { buyerId: head.buyerId, tenderId, label: 'Tender' });
    const args = pageArgs(q);
    const { rows, total } = await this.declarations_.page(tenderId, args.skip, args.take);
    const items = rows.map((d) => ({
      id: d.id,
      tenderId,
      userId: d.userId,
      userEmail: d.userEmail,
      impartial: d.impartial,
      interests: d.interests,
      declaredAt: d.declaredAt.toISOString(),
    }));
    return pageOf(args, items, total);
  }

  /**
   * The caller's grade of a bid on a QUALITY criterion. The tender row is
   * share-locked and the impartiality gate (in the permission) reads the
   * declaration in this same transaction, so a declaration withdrawn or a
   * tender closed meanwhile cannot slip between the check and the grade.
   */
  @Transactional()
  async grade(auth: AuthContext, tenderId: string, bidId: string, criterionCode: string, dto: GradeDto): Promise<GradeOutDto> {
    const head = await this.tenders.lock(tenderId, 'SHARE');
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'grade.submit', { buyerId: head.buyerId, tenderId, label: 'Tender' });
    if (!GRADABLE.includes(head.status as TenderStatus))
      throw conflict('TENDER_NOT_DECIDABLE', `The tender is ${head.status}; grades are given while it is PUBLISHED or CLOSED`, { tenderStatus: head.status });
    if (!(await this.grades_.bidOfTender(bidId, tenderId))) throw notFound('Bid');
    const tender = await this.tenders.findWithCriteria(tenderId);
    const criterion = tender?.criteria.find((c) => c.code === criterionCode);
    if (!criterion) throw notFound('Criterion');
    if (criterion.kind !== 'QUALITY')
      throw invalid([{ field: 'criterionCode', message: `${criterionCode} is a ${criterion.kind} criterion; only QUALITY criteria are graded` }]);
    const g = await this.grades_.upsert({ bidId, criterionCode, evaluatorId: auth.userId, grade: dto.grade, comment: dto.comment ?? null });
    await this.audit.record({
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
  }

  async grades(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<GradeOutDto>> {
    const head = await this.tenders.head(tenderId);
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'tender.read', { buyerId: head.buyerId, tenderId, label: 'Tender' });
    const args = pageArgs(q);
    const { rows, total } = await this.grades_.page(tenderId, args.skip, args.take);
    const items = rows.map((g) => ({
      bidId: g.bidId,
      criterionCode: g.criterionCode,
      evaluatorId: g.evaluatorId,
      evaluatorEmail: g.evaluatorEmail,
      grade: g.grade,
      comment: g.comment,
      updatedAt: g.updatedAt.toISOString(),
    }));
    return pageOf(args, items, total);
  }
}
