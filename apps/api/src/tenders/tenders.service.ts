import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { closeRefusal } from '@app/procedure';
import { Prisma, type Tender, type TenderCriterion, type TenderStatus } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { Clock } from '../common/clock';
import { formatDecimal, formatMoney } from '../common/decimal';
import { Page, pageArgs } from '../common/paging';
import { conflict, DomainError, FieldError, invalid, notFound, type ProblemCode } from '../common/problem';
import { CreateTenderDto, CriterionDto, TenderDto, TenderQueryDto, UpdateTenderDto } from './tenders.dto';
import { nextStatus, TenderTransition, TRANSITIONS } from './tender-lifecycle';

export type TenderWithCriteria = Tender & { criteria: TenderCriterion[] };

const TIE_BREAK_BUILTINS = ['HUMAN_RIGHTS', 'PRICE', 'RECEIVED_AT'];

export function toTenderDto(t: TenderWithCriteria): TenderDto {
  return {
    id: t.id,
    buyerId: t.buyerId,
    reference: t.reference,
    title: t.title,
    procedure: t.procedure,
    currency: t.currency,
    submissionDeadline: t.submissionDeadline.toISOString(),
    placesOfPerformance: t.placesOfPerformance,
    goods: t.goods,
    status: t.status,
    version: t.version,
    criteria: [...t.criteria]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ code: c.code, name: c.name, kind: c.kind, weight: formatDecimal(c.weight)!, priceMethod: c.priceMethod, span: formatDecimal(c.span) })),
    tieBreak: t.tieBreak,
    additionalConventions: t.additionalConventions,
    abnormallyLowThreshold: formatDecimal(t.abnormallyLowThreshold, 2)!,
    requiredEvaluators: t.requiredEvaluators,
    priceBasis: t.priceBasis,
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

/** Checks that need the whole criteria list: unique codes, weights summing to exactly 100, method fields. */
export function criteriaErrors(criteria: CriterionDto[], field = 'criteria'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let sum = new Decimal(0);
  criteria.forEach((c, i) => {
    if (seen.has(c.code)) errors.push({ field: `${field}[${i}].code`, message: `duplicate criterion code ${c.code}` });
    seen.add(c.code);
    sum = sum.plus(c.weight);
    if (c.kind !== 'PRICE' && c.priceMethod) errors.push({ field: `${field}[${i}].priceMethod`, message: 'only a PRICE criterion has a price method' });
    const method = c.kind === 'PRICE' ? (c.priceMethod ?? 'LINEAR_SPAN') : null;
    if (c.span !== undefined && method !== 'LINEAR_SPAN')
      errors.push({ field: `${field}[${i}].span`, message: 'span applies to the LINEAR_SPAN price method only' });
  });
  for (const kind of ['PRICE', 'HUMAN_RIGHTS'] as const) {
    if (criteria.filter((c) => c.kind === kind).length > 1) errors.push({ field, message: `at most one ${kind} criterion` });
  }
  if (!sum.eq(100)) errors.push({ field, message: `weights must sum to exactly 100 (they sum to ${sum.toFixed()})` });
  return errors;
}

type Settings = Pick<CreateTenderDto, 'tieBreak' | 'priceBasis' | 'referencePrice'> & { criteria: CriterionDto[] };

function settingsErrors(s: Settings): FieldError[] {
  const errors = criteriaErrors(s.criteria);
  const codes = new Set(s.criteria.map((c) => c.code));
  (s.tieBreak ?? []).forEach((k, i) => {
    if (!TIE_BREAK_BUILTINS.includes(k) && !codes.has(k))
      errors.push({ field: `tieBreak[${i}]`, message: `${k} is neither HUMAN_RIGHTS, PRICE, RECEIVED_AT nor a criterion code` });
  });
  if (new Set(s.tieBreak ?? []).size !== (s.tieBreak ?? []).length) errors.push({ field: 'tieBreak', message: 'an entry appears twice' });
  if (s.priceBasis === 'REFERENCE' && !s.referencePrice) errors.push({ field: 'referencePrice', message: 'required when priceBasis is REFERENCE' });
  return errors;
}

function criteriaRows(criteria: CriterionDto[]) {
  return criteria.map((c, position) => ({
    position,
    code: c.code,
    name: c.name.trim(),
    kind: c.kind,
    weight: new Prisma.Decimal(c.weight),
    priceMethod: c.kind === 'PRICE' ? (c.priceMethod ?? 'LINEAR_SPAN') : null,
    span: c.kind === 'PRICE' && (c.priceMethod ?? 'LINEAR_SPAN') === 'LINEAR_SPAN' ? new Prisma.Decimal(c.span ?? '0.5') : null,
  }));
}

const TIMESTAMP_OF: Partial<Record<TenderStatus, 'publishedAt' | 'closedAt' | 'cancelledAt' | 'concludedAt'>> = {
  PUBLISHED: 'publishedAt',
  CLOSED: 'closedAt',
  CANCELLED: 'cancelledAt',
  CONCLUDED: 'concludedAt',
};

@Injectable()
export class TendersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The tender of the caller's buyer, or 404 (also for another buyer's id). */
  async requireTender(db: Tx | PrismaService, auth: AuthContext, id: string): Promise<TenderWithCriteria> {
    const t = await db.tender.findFirst({ where: { id, buyerId: buyerOf(auth) }, include: { criteria: true } });
    if (!t) throw notFound('Tender');
    return t;
  }

  async create(auth: AuthContext, dto: CreateTenderDto): Promise<TenderDto> {
    const buyerId = buyerOf(auth);
    if (!!dto.criteria === !!dto.templateId) {
      throw invalid([{ field: dto.criteria ? 'templateId' : 'criteria', message: 'give either criteria or templateId, not both and not neither' }]);
    }
    return this.prisma.transaction(async (tx) => {
      let criteria = dto.criteria;
      let templateVersionId: string | null = null;
      if (dto.templateId) {
        const v = await tx.criteriaTemplateVersion.findFirst({ where: { templateId: dto.templateId }, orderBy: { version: 'desc' } });
        if (!v) throw invalid([{ field: 'templateId', message: 'no criteria template with this id' }]);
        criteria = v.criteria as unknown as CriterionDto[];
        templateVersionId = v.id;
      }
      const errors = settingsErrors({ ...dto, criteria: criteria! });
      if (errors.length) throw invalid(errors);
      try {
        const t = await tx.tender.create({
          data: {
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
            abnormallyLowThreshold: new Prisma.Decimal(dto.abnormallyLowThreshold ?? '0.80'),
            requiredEvaluators: dto.requiredEvaluators ?? 1,
            priceBasis: dto.priceBasis ?? 'LOWEST',
            referencePrice: dto.referencePrice ? new Prisma.Decimal(dto.referencePrice) : null,
            priceLevelAdjustment: dto.priceLevelAdjustment ?? false,
            templateVersionId,
            createdById: auth.userId,
            criteria: { create: criteriaRows(criteria!) },
          },
          include: { criteria: true },
        });
        const out = toTenderDto(t);
        await this.audit.append(tx, { auth, action: 'tender.created', objectType: 'tender', objectId: t.id, tenderId: t.id, payload: { tender: out } });
        return out;
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
          throw conflict('DUPLICATE', `A tender with reference ${dto.reference} already exists for this buyer`);
        throw e;
      }
    });
  }

  async list(auth: AuthContext, q: TenderQueryDto): Promise<Page<TenderDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const where: Prisma.TenderWhereInput = {
      buyerId: buyerOf(auth),
      ...(q.status ? { status: q.status } : {}),
      ...(q.q ? { OR: [{ reference: { contains: q.q, mode: 'insensitive' } }, { title: { contains: q.q, mode: 'insensitive' } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.tender.findMany({ where, include: { criteria: true }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.tender.count({ where }),
    ]);
    return { items: rows.map(toTenderDto), page, pageSize, total };
  }

  async get(auth: AuthContext, id: string): Promise<TenderDto> {
    return toTenderDto(await this.requireTender(this.prisma, auth, id));
  }

  /** DRAFT only. The version check and the write are one conditional UPDATE: of two PATCHes with the same If-Match exactly one wins. */
  update(auth: AuthContext, id: string, expected: number, dto: UpdateTenderDto): Promise<TenderDto> {
    return this.prisma
      .transaction(async (tx) => {
        const current = await this.requireTender(tx, auth, id);
        const merged: Settings = {
          criteria:
            dto.criteria ??
            (current.criteria
              .sort((a, b) => a.position - b.position)
              .map((c) => ({
                code: c.code,
                name: c.name,
                kind: c.kind,
                weight: c.weight.toFixed(),
                priceMethod: c.priceMethod ?? undefined,
                span: c.span?.toFixed(),
              })) as CriterionDto[]),
          tieBreak: dto.tieBreak ?? current.tieBreak,
          priceBasis: dto.priceBasis ?? current.priceBasis,
          referencePrice: dto.referencePrice ?? current.referencePrice?.toFixed(),
        };
        const errors = settingsErrors(merged);
        if (errors.length) throw invalid(errors);
        const { count } = await tx.tender.updateMany({
          where: { id, buyerId: current.buyerId, version: expected, status: 'DRAFT' },
          data: {
            version: { increment: 1 },
            reference: dto.reference?.trim(),
            title: dto.title?.trim(),
            procedure: dto.procedure,
            currency: dto.currency,
            submissionDeadline: dto.submissionDeadline ? new Date(dto.submissionDeadline) : undefined,
            placesOfPerformance: dto.placesOfPerformance?.map((c) => c.toUpperCase()),
            goods: dto.goods?.map((g) => g.trim()),
            tieBreak: dto.tieBreak,
            additionalConventions: dto.additionalConventions,
            abnormallyLowThreshold: dto.abnormallyLowThreshold ? new Prisma.Decimal(dto.abnormallyLowThreshold) : undefined,
            requiredEvaluators: dto.requiredEvaluators,
            priceBasis: dto.priceBasis,
            referencePrice: dto.referencePrice ? new Prisma.Decimal(dto.referencePrice) : undefined,
            priceLevelAdjustment: dto.priceLevelAdjustment,
          },
        });
        if (count === 0) {
          // Re-read under the row lock the UPDATE took (or did not need) to say why.
          const now = await tx.tender.findFirst({ where: { id, buyerId: current.buyerId }, select: { status: true, version: true } });
          if (!now) throw notFound('Tender');
          if (now.status !== 'DRAFT')
            throw conflict('CRITERIA_FROZEN', `The tender is ${now.status}; only a DRAFT can be changed (criteria and settings are frozen at publication)`, {
              tenderStatus: now.status,
            });
          throw new DomainError('PRECONDITION_FAILED', `If-Match names version ${expected}, the tender is at version ${now.version}; GET it again`);
        }
        if (dto.criteria) {
          await tx.tenderCriterion.deleteMany({ where: { tenderId: id } });
          await tx.tenderCriterion.createMany({ data: criteriaRows(dto.criteria).map((r) => ({ ...r, tenderId: id })) });
        }
        const updated = await this.requireTender(tx, auth, id);
        const out = toTenderDto(updated);
        await this.audit.append(tx, {
          auth,
          action: 'tender.updated',
          objectType: 'tender',
          objectId: id,
          tenderId: id,
          payload: { changes: JSON.parse(JSON.stringify(dto)), version: updated.version },
        });
        return out;
      })
      .catch((e: unknown) => {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
          throw conflict('DUPLICATE', `A tender with reference ${dto.reference} already exists for this buyer`);
        throw e;
      });
  }

  /** Status changes go through the lifecycle table; the check and the write are one conditional UPDATE. */
  transition(auth: AuthContext, id: string, transition: TenderTransition, expected?: number): Promise<TenderDto> {
    return this.prisma.transaction((tx) => this.transitionIn(tx, auth, id, transition, expected).then(toTenderDto));
  }

  async transitionIn(
    tx: Tx,
    auth: AuthContext,
    id: string,
    transition: TenderTransition,
    expected?: number,
    payload: Record<string, unknown> = {},
  ): Promise<TenderWithCriteria> {
    // The row lock first, the timestamp after it: a bid holding FOR SHARE on the tender commits before this
    // transition reads the clock, so no bid is ever stored later than the recorded close (or cancel).
    // Two statements: a clock read in the locking SELECT itself is evaluated before the lock wait.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM tender WHERE id = ${id}::uuid AND buyer_id = ${buyerOf(auth)}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound('Tender');
    const [{ dbNow }] = await tx.$queryRaw<{ dbNow: Date }[]>`SELECT clock_timestamp() AS "dbNow"`;
    const current = await this.requireTender(tx, auth, id);
    const to = nextStatus(current.status, transition);
    if (!to) {
      throw conflict(
        transitionRefusal(transition),
        `Cannot ${transition} a ${current.status} tender (allowed from ${TRANSITIONS[transition].from.join(', ')})`,
        {
          tenderStatus: current.status,
        },
      );
    }
    // The recorded time is the database's clock read after the lock, so that it orders against the bids'
    // database timestamps; a Clock fixed in-process (tests, demo seed) stands for it.
    const at = this.clock.fixedAt() ?? dbNow;
    if (transition === 'close') {
      const refusal = closeRefusal(current.submissionDeadline, at);
      if (refusal)
        throw conflict('DEADLINE_NOT_REACHED', refusal, {
          reason: 'DEADLINE_NOT_REACHED',
          submissionDeadline: current.submissionDeadline.toISOString(),
          tenderStatus: current.status,
        });
    }
    const stamp = TIMESTAMP_OF[to];
    const { count } = await tx.tender.updateMany({
      where: { id, buyerId: current.buyerId, status: current.status, ...(expected !== undefined ? { version: expected } : {}) },
      data: { status: to, version: { increment: 1 }, ...(stamp ? { [stamp]: at } : {}) },
    });
    if (count === 0) {
      const now = await tx.tender.findFirst({ where: { id }, select: { status: true, version: true } });
      if (expected !== undefined && now && now.version !== expected)
        throw new DomainError('PRECONDITION_FAILED', `If-Match names version ${expected}, the tender is at version ${now.version}`);
      throw conflict('CONFLICT', `The tender changed to ${now?.status} meanwhile; cannot ${transition}`, { tenderStatus: now?.status });
    }
    const updated = await this.requireTender(tx, auth, id);
    await this.audit.append(tx, {
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

/** The code of a refused lifecycle step: what the step needed. */
function transitionRefusal(transition: TenderTransition): ProblemCode {
  const from = TRANSITIONS[transition].from;
  if (from.length === 1 && from[0] === 'DRAFT') return 'TENDER_NOT_DRAFT';
  if (from.length === 1 && from[0] === 'PUBLISHED') return 'TENDER_NOT_PUBLISHED';
  if (from.length === 1 && from[0] === 'CLOSED') return 'TENDER_NOT_CLOSED';
  return 'INVALID_TRANSITION';
}
