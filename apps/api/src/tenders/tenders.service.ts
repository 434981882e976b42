import { Injectable } from '@nestjs/common';
import { effectivePriceMethod, effectiveSpan, tenderSettingsIssues, type CriterionRuleInput } from '@app/evaluation';
import { closeRefusal, nextStatus, TIMESTAMP_OF, transitionRefusal, type Permission, type TenderTransition } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { confirmCaller, pendingCaller } from '../auth/caller-in-read';
import { Transactional } from '../database/transaction';
import { Clock } from '../common/clock';
import { formatDecimal, formatMoney } from '../common/decimal';
import { Page, pageArgs } from '../common/paging';
import { conflict, DomainError, invalid, notFound } from '../common/problem';
import { CriteriaTemplateRepository } from '../admin/criteria-template.repository';
import { CreateTenderDto, CriterionDto, TenderDto, TenderQueryDto, UpdateTenderDto } from './tenders.dto';
import { TenderRepository, type CriterionRow, type TenderView, type TenderWithCriteria } from './tender.repository';

export type { TenderWithCriteria } from './tender.repository';

/** A tender response from the row as read (a view, or the Prisma row with its criteria). Field order is the contract. */
export function toTenderDto(t: TenderView | TenderWithCriteria): TenderDto {
  const criteria =
    t.criteria.length > 0 && 'position' in t.criteria[0] ? [...(t as TenderWithCriteria).criteria].sort((a, b) => a.position - b.position) : t.criteria;
  return {
    id: t.id,
    buyerId: t.buyerId,
    reference: t.reference,
    title: t.title,
    procedure: t.procedure as TenderDto['procedure'],
    currency: t.currency,
    submissionDeadline: t.submissionDeadline.toISOString(),
    placesOfPerformance: t.placesOfPerformance,
    goods: t.goods,
    status: t.status,
    version: t.version,
    criteria: criteria.map((c) => ({
      code: c.code,
      name: c.name,
      kind: c.kind as TenderDto['criteria'][number]['kind'],
      weight: formatDecimal(c.weight)!,
      priceMethod: c.priceMethod as TenderDto['criteria'][number]['priceMethod'],
      span: formatDecimal(c.span),
    })),
    tieBreak: t.tieBreak,
    additionalConventions: t.additionalConventions,
    abnormallyLowThreshold: formatDecimal(t.abnormallyLowThreshold, 2)!,
    requiredEvaluators: t.requiredEvaluators,
    priceBasis: t.priceBasis as TenderDto['priceBasis'],
    referencePrice: t.referencePrice ? formatMoney(t.referencePrice) : null,
    priceLevelAdjustment: t.priceLevelAdjustment,
    templateVersionId: t.templateVersionId,
    publishedAt: t.publishedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    cancelledAt: t.cancelledAt?.toISOString() ?? null,
    concludedAt: t.concludedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

type Settings = Pick<CreateTenderDto, 'tieBreak' | 'priceBasis' | 'referencePrice'> & { criteria: CriterionRuleInput[] };

/** The settings rules (libs/evaluation criteria-rules.ts) as a 422 naming each field. */
function checkSettings(s: Settings): void {
  const issues = tenderSettingsIssues(s);
  if (issues.length) throw invalid(issues.map((i) => ({ field: i.field, message: i.message })));
}

/** The criteria as stored: names trimmed, the price method and span the criterion uses. */
function criteriaRows(criteria: CriterionDto[]): CriterionRow[] {
  return criteria.map((c) => ({
    code: c.code,
    name: c.name.trim(),
    kind: c.kind,
    weight: c.weight,
    priceMethod: effectivePriceMethod(c),
    span: effectiveSpan(c),
  }));
}

@Injectable()
export class TendersService {
  constructor(
    private readonly tenders: TenderRepository,
    private readonly templates: CriteriaTemplateRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The tender with its criteria after the access check (`permission` on the
   * tender: role, buyer scope and the permission's gates). Another buyer's and
   * a missing one are both 404. With `lock`, the row is locked first (inside the
   * caller's @Transactional method).
   */
  async requireTender(auth: AuthContext, id: string, permission: Permission = 'tender.read', lock?: 'UPDATE' | 'SHARE'): Promise<TenderWithCriteria> {
    if (lock && !(await this.tenders.lock(id, lock))) throw notFound('Tender');
    const t = await this.tenders.findWithCriteria(id);
    if (!t) throw notFound('Tender');
    await this.access.require(auth, permission, { buyerId: t.buyerId, tenderId: t.id, label: 'Tender' });
    return t;
  }

  @Transactional()
  async create(auth: AuthContext, dto: CreateTenderDto): Promise<TenderDto> {
    await this.access.require(auth, 'tender.manage', { buyerId: auth.buyerId, label: 'Tender' });
    const buyerId = buyerOf(auth);
    if (!!dto.criteria === !!dto.templateId) {
      throw invalid([{ field: dto.criteria ? 'templateId' : 'criteria', message: 'give either criteria or templateId, not both and not neither' }]);
    }
    let criteria = dto.criteria;
    let templateVersionId: string | null = null;
    if (dto.templateId) {
      const v = await this.templates.latestVersion(dto.templateId);
      if (!v) throw invalid([{ field: 'templateId', message: 'no criteria template with this id' }]);
      criteria = v.criteria as unknown as CriterionDto[];
      templateVersionId = v.id;
    }
    checkSettings({ ...dto, criteria: criteria! });
    const t = await this.tenders.create(
      {
        buyerId,
        reference: dto.reference.trim(),
        title: dto.title.trim(),
        procedure: dto.procedure,
        currency: dto.currency,
        submissionDeadline: new Date(dto.submissionDeadline),
        placesOfPerformance: dto.placesOfPerformance.map((c) => c.toUpperCase()),
        goods: dto.goods.map((g) => g.trim()),
        tieBreak: dto.tieBreak ?? [],
        additionalConventions: dto.additionalConventions ?? [],
        abnormallyLowThreshold: dto.abnormallyLowThreshold ?? '0.80',
        requiredEvaluators: dto.requiredEvaluators ?? 1,
        priceBasis: dto.priceBasis ?? 'LOWEST',
        referencePrice: dto.referencePrice ?? null,
        priceLevelAdjustment: dto.priceLevelAdjustment ?? false,
        templateVersionId,
        createdById: auth.userId,
      },
      criteriaRows(criteria!),
      dto.reference,
    );
    const out = toTenderDto(t);
    await this.audit.record({ auth, action: 'tender.created', objectType: 'tender', objectId: t.id, tenderId: t.id, payload: { tender: out } });
    return out;
  }

  /** The caller's buyer's tenders (the scope is part of the query): one query for the page, one count. */
  async list(auth: AuthContext, q: TenderQueryDto): Promise<Page<TenderDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const { rows, total } = await this.tenders.page(buyerOf(auth), { status: q.status, text: q.q }, skip, take);
    return { items: rows.map(toTenderDto), page, pageSize, total };
  }

  /** The tender as a DTO: the served JSON text (getJson) parsed, so there is one read path to keep right. */
  async get(auth: AuthContext, id: string): Promise<TenderDto> {
    return JSON.parse((await this.getJson(auth, id)).json) as TenderDto;
  }

  /**
   * The hot read: one statement (the caller's row with it, @CallerInRead), no transaction; access decided on
   * the row's buyer; answered as the response's JSON text (TenderRepository.body) and its version.
   */
  async getJson(auth: AuthContext, id: string): Promise<{ version: number; json: string }> {
    const { tender: t, caller } = await this.tenders.body(id, pendingCaller(auth));
    const actor = confirmCaller(auth, caller);
    if (!t) throw notFound('Tender');
    await this.access.require(actor, 'tender.read', { buyerId: t.buyerId, tenderId: id, label: 'Tender' });
    return { version: t.version, json: t.body };
  }

  /**
   * DRAFT only. Under the tender's row lock; the version check and the write
   * are one conditional UPDATE: of two PATCHes with the same If-Match exactly one wins.
   */
  @Transactional()
  async update(auth: AuthContext, id: string, expected: number, dto: UpdateTenderDto): Promise<TenderDto> {
    const current = await this.requireTender(auth, id, 'tender.manage', 'UPDATE');
    const merged: Settings = {
      criteria:
        dto.criteria ??
        current.criteria.map((c) => ({
          code: c.code,
          name: c.name,
          kind: c.kind,
          weight: c.weight.toFixed(),
          priceMethod: c.priceMethod ?? undefined,
          span: c.span?.toFixed(),
        })),
      tieBreak: dto.tieBreak ?? current.tieBreak,
      priceBasis: dto.priceBasis ?? current.priceBasis,
      referencePrice: dto.referencePrice ?? current.referencePrice?.toFixed(),
    };
    checkSettings(merged);
    const updatedRow = await this.tenders.updateDraftIfVersion(
      id,
      expected,
      {
        reference: dto.reference?.trim(),
        title: dto.title?.trim(),
        procedure: dto.procedure,
        currency: dto.currency,
        submissionDeadline: dto.submissionDeadline ? new Date(dto.submissionDeadline) : undefined,
        placesOfPerformance: dto.placesOfPerformance?.map((c) => c.toUpperCase()),
        goods: dto.goods?.map((g) => g.trim()),
        tieBreak: dto.tieBreak,
        additionalConventions: dto.additionalConventions,
        abnormallyLowThreshold: dto.abnormallyLowThreshold,
        requiredEvaluators: dto.requiredEvaluators,
        priceBasis: dto.priceBasis,
        referencePrice: dto.referencePrice,
        priceLevelAdjustment: dto.priceLevelAdjustment,
      },
      dto.reference,
    );
    if (!updatedRow) {
      // Under the row lock the tender read above is current: say why.
      if (current.status !== 'DRAFT')
        throw conflict('CRITERIA_FROZEN', `The tender is ${current.status}; only a DRAFT can be changed (criteria and settings are frozen at publication)`, {
          tenderStatus: current.status,
        });
      throw new DomainError('PRECONDITION_FAILED', `If-Match names version ${expected}, the tender is at version ${current.version}; GET it again`);
    }
    if (dto.criteria) await this.tenders.replaceCriteria(id, criteriaRows(dto.criteria));
    const updated = (await this.tenders.findWithCriteria(id))!;
    const out = toTenderDto(updated);
    await this.audit.record({
      auth,
      action: 'tender.updated',
      objectType: 'tender',
      objectId: id,
      tenderId: id,
      payload: { changes: JSON.parse(JSON.stringify(dto)), version: updated.version },
    });
    return out;
  }

  /** Status changes go through the lifecycle table (libs/procedure lifecycle-gates.ts). */
  @Transactional()
  async transition(auth: AuthContext, id: string, transition: TenderTransition, expected?: number): Promise<TenderDto> {
    return toTenderDto(await this.transitionTender(auth, id, transition, expected));
  }

  /**
   * A lifecycle step inside the caller's transaction (@Transactional; joins
   * it): lock, access (`permission`), the step's gates, the conditional write,
   * the audit event. Returns the tender as it now is.
   */
  @Transactional()
  transitionTender(
    auth: AuthContext,
    id: string,
    transition: TenderTransition,
    expected?: number,
    payload: Record<string, unknown> = {},
    permission: Permission = 'tender.manage',
  ): Promise<TenderWithCriteria> {
    return this.runTransition(auth, id, transition, expected, payload, permission);
  }

  private async runTransition(
    auth: AuthContext,
    id: string,
    transition: TenderTransition,
    expected: number | undefined,
    payload: Record<string, unknown>,
    permission: Permission,
  ): Promise<TenderWithCriteria> {
    // The row lock first, the timestamp after it: a bid holding FOR SHARE on the tender commits before this
    // transition reads the clock, so no bid is ever stored later than the recorded close (or cancel).
    // Two statements: a clock read in the locking SELECT itself is evaluated before the lock wait.
    const head = await this.tenders.lock(id, 'UPDATE');
    if (!head) throw notFound('Tender');
    await this.access.require(auth, permission, { buyerId: head.buyerId, tenderId: id, label: 'Tender' });
    const dbNow = await this.tenders.databaseNow();
    const current = (await this.tenders.findWithCriteria(id))!;
    const refusal = transitionRefusal(current.status, transition);
    if (refusal) throw conflict(refusal.code, refusal.message, { tenderStatus: current.status });
    const to = nextStatus(current.status, transition)!;
    // The recorded time is the database's clock read after the lock, so that it orders against the bids'
    // database timestamps; a Clock fixed in-process (tests, demo seed) stands for it.
    const at = this.clock.fixedAt() ?? dbNow;
    if (transition === 'close') {
      const closing = closeRefusal(current.submissionDeadline, at);
      if (closing)
        throw conflict('DEADLINE_NOT_REACHED', closing, {
          reason: 'DEADLINE_NOT_REACHED',
          submissionDeadline: current.submissionDeadline.toISOString(),
          tenderStatus: current.status,
        });
    }
    const stamp = TIMESTAMP_OF[to];
    if (!(await this.tenders.transitionIf(id, current.status, to, stamp ? { column: stamp, at } : null, expected))) {
      const now = await this.tenders.head(id);
      if (expected !== undefined && now && now.version !== expected)
        throw new DomainError('PRECONDITION_FAILED', `If-Match names version ${expected}, the tender is at version ${now.version}`);
      throw conflict('CONFLICT', `The tender changed to ${now?.status} meanwhile; cannot ${transition}`, { tenderStatus: now?.status });
    }
    const updated = (await this.tenders.findWithCriteria(id))!;
    await this.audit.record({
      auth,
      action: `tender.${transition}`,
      objectType: 'tender',
      objectId: id,
      tenderId: id,
      payload: { from: current.status, to, version: updated.version, ...payload },
    });
    return updated;
  }
}
