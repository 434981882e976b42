import { Injectable } from '@nestjs/common';
import { Prisma, type Tender, type TenderCriterion } from '@generated/prisma';
import type { TenderStatus, TenderProcedure } from '@app/procedure';
import { Repository } from '../database/transaction';
import { isUniqueViolation } from '../database/database-errors';
import { conflict } from '../common/problem';
import { CALLER_COLUMNS, callerHead, type CallerColumns, type UserHead } from '../users/user.repository';

export type TenderWithCriteria = Tender & { criteria: TenderCriterion[] };

/** A decimal as read from the database: Prisma's Decimal, or the exact text of the `numeric`. */
export type DecimalValue = { toFixed(dp?: number): string } | string;

/** A criterion as a read shows it (position order). */
export interface TenderCriterionView {
  code: string;
  name: string;
  kind: string;
  weight: DecimalValue;
  priceMethod: string | null;
  span: DecimalValue | null;
}

/** What a tender response shows: the tender row and its criteria in position order. */
export interface TenderView {
  id: string;
  buyerId: string;
  reference: string;
  title: string;
  procedure: string;
  currency: string;
  submissionDeadline: Date;
  placesOfPerformance: string[];
  goods: string[];
  status: TenderStatus;
  version: number;
  criteria: TenderCriterionView[];
  tieBreak: string[];
  additionalConventions: string[];
  abnormallyLowThreshold: DecimalValue;
  requiredEvaluators: number;
  priceBasis: string;
  referencePrice: DecimalValue | null;
  priceLevelAdjustment: boolean;
  templateVersionId: string | null;
  publishedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  concludedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What access and lifecycle checks need of a tender, read with its row lock. */
export interface TenderHead {
  id: string;
  buyerId: string;
  status: TenderStatus;
  version: number;
  publishedAt: Date | null;
}

/** A criterion to store (decimals as exact strings; method and span as the tender uses them). */
export interface CriterionRow {
  code: string;
  name: string;
  kind: string;
  weight: string;
  priceMethod: string | null;
  span: string | null;
}

/** The tender's own fields on create (decimals as exact strings). */
export interface NewTender {
  buyerId: string;
  reference: string;
  title: string;
  procedure: TenderProcedure;
  currency: string;
  submissionDeadline: Date;
  placesOfPerformance: string[];
  goods: string[];
  tieBreak: string[];
  additionalConventions: string[];
  abnormallyLowThreshold: string;
  requiredEvaluators: number;
  priceBasis: string;
  referencePrice: string | null;
  priceLevelAdjustment: boolean;
  templateVersionId: string | null;
  createdById: string;
}

/** The fields a PATCH may change; undefined keeps the stored value. */
export type TenderChanges = Partial<Omit<NewTender, 'buyerId' | 'templateVersionId' | 'createdById'>>;

export interface TenderFilter {
  status?: TenderStatus;
  /** Case-insensitive part of the reference or title. */
  text?: string;
}

const dec = (v: string | null | undefined) => (v === null || v === undefined ? v : new Prisma.Decimal(v));

/**
 * The one SELECT of a tender response: the row and its criteria (json_agg in
 * position order, decimals as their exact text) in one round trip. Plain text
 * for the lean reads (Repository.lean): every column is text, int, bool,
 * json, timestamptz or text[], which pg and Prisma parse alike.
 */
const VIEW_SQL = `
  t.id::text AS id, t.buyer_id::text AS "buyerId", t.reference, t.title, t.procedure::text AS procedure, t.currency::text AS currency,
  t.submission_deadline AS "submissionDeadline", t.places_of_performance AS "placesOfPerformance", t.goods,
  t.status::text AS status, t.version,
  COALESCE((SELECT json_agg(json_build_object('code', c.code, 'name', c.name, 'kind', c.kind, 'weight', c.weight::text,
                                               'priceMethod', c.price_method, 'span', c.span::text) ORDER BY c.position)
            FROM tender_criterion c WHERE c.tender_id = t.id), '[]'::json) AS criteria,
  t.tie_break AS "tieBreak", t.additional_conventions AS "additionalConventions",
  t.abnormally_low_threshold::text AS "abnormallyLowThreshold", t.required_evaluators AS "requiredEvaluators",
  t.price_basis::text AS "priceBasis", t.reference_price::text AS "referencePrice", t.price_level_adjustment AS "priceLevelAdjustment",
  t.template_version_id::text AS "templateVersionId", t.published_at AS "publishedAt", t.closed_at AS "closedAt",
  t.cancelled_at AS "cancelledAt", t.concluded_at AS "concludedAt", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** JSON text of a value as JSON.stringify writes it: PostgreSQL's to_json escapes strings the same way; NULL → null. */
const J = (expr: string) => `COALESCE(to_json(${expr})::text, 'null')`;
/** An instant as Date.toISOString() writes it (the columns hold milliseconds). */
const ISO_J = (col: string) => `COALESCE('"' || to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`;
/** formatDecimal(x): no trailing zeros. */
const DEC_J = (col: string) => J(`trim_scale(${col})::text`);
/** formatDecimal(x, 2) (money, the threshold): at least two places. */
const MONEY_J = (col: string) => J(`CASE WHEN scale(trim_scale(${col})) < 2 THEN round(${col}, 2)::text ELSE trim_scale(${col})::text END`);

/**
 * The tender response (toTenderDto) as JSON text, assembled by PostgreSQL in
 * toTenderDto's field order with its formatting, sent as is: no row of 29
 * columns to parse, no Dates, no decimal.js, no JSON.stringify on the hot read.
 * test/tender-json.e2e-spec.ts holds it to toTenderDto's bytes.
 */
const BODY_SQL = `'{"id":' || ${J('t.id::text')} || ',"buyerId":' || ${J('t.buyer_id::text')} || ',"reference":' || ${J('t.reference')}
  || ',"title":' || ${J('t.title')} || ',"procedure":' || ${J('t.procedure::text')} || ',"currency":' || ${J('t.currency::text')}
  || ',"submissionDeadline":' || ${ISO_J('t.submission_deadline')} || ',"placesOfPerformance":' || ${J('t.places_of_performance')}
  || ',"goods":' || ${J('t.goods')} || ',"status":' || ${J('t.status::text')} || ',"version":' || t.version::text
  || ',"criteria":[' || COALESCE((SELECT string_agg('{"code":' || ${J('c.code')} || ',"name":' || ${J('c.name')} || ',"kind":' || ${J('c.kind::text')}
       || ',"weight":' || ${DEC_J('c.weight')} || ',"priceMethod":' || ${J('c.price_method::text')} || ',"span":' || ${DEC_J('c.span')} || '}', ',' ORDER BY c.position)
     FROM tender_criterion c WHERE c.tender_id = t.id), '') || ']'
  || ',"tieBreak":' || ${J('t.tie_break')} || ',"additionalConventions":' || ${J('t.additional_conventions')}
  || ',"abnormallyLowThreshold":' || ${MONEY_J('t.abnormally_low_threshold')} || ',"requiredEvaluators":' || t.required_evaluators::text
  || ',"priceBasis":' || ${J('t.price_basis::text')} || ',"referencePrice":' || ${MONEY_J('t.reference_price')}
  || ',"priceLevelAdjustment":' || t.price_level_adjustment::text || ',"templateVersionId":' || ${J('t.template_version_id::text')}
  || ',"publishedAt":' || ${ISO_J('t.published_at')} || ',"closedAt":' || ${ISO_J('t.closed_at')} || ',"cancelledAt":' || ${ISO_J('t.cancelled_at')}
  || ',"concludedAt":' || ${ISO_J('t.concluded_at')} || ',"createdAt":' || ${ISO_J('t.created_at')} || ',"updatedAt":' || ${ISO_J('t.updated_at')} || '}'`;

/** The tender's response text ($1), its buyer and version, and when $2 is a user id the caller's row. */
const BODY = {
  name: 'tender_body',
  text: `SELECT ${CALLER_COLUMNS}, t.buyer_id::text AS "buyerId", t.version, ${BODY_SQL} AS body
           FROM (SELECT) one LEFT JOIN app_user u ON u.id = $2::uuid LEFT JOIN tender t ON t.id = $1::uuid`,
};

/** The page statements, one per filter combination ($1 buyer, $2 offset, $3 limit, then status and text as given). */
const PAGE = new Map<string, { name: string; text: string }>();
function pageStatement(status: boolean, text: boolean): { name: string; text: string } {
  const key = `${status ? 's' : ''}${text ? 'q' : ''}`;
  let statement = PAGE.get(key);
  if (!statement) {
    const where = ['t.buyer_id = $1::uuid'];
    if (status) where.push('t.status = $4::"TenderStatus"');
    if (text) where.push(`(t.reference ILIKE $${status ? 5 : 4} OR t.title ILIKE $${status ? 5 : 4})`);
    const cond = where.join(' AND ');
    statement = {
      name: `tender_page_${key}`,
      text: `SELECT ${VIEW_SQL}, (SELECT count(*)::int FROM tender t WHERE ${cond}) AS total
               FROM (SELECT * FROM tender t WHERE ${cond} ORDER BY t.created_at DESC, t.id ASC OFFSET $2 LIMIT $3) t
              ORDER BY t.created_at DESC, t.id ASC`,
    };
    PAGE.set(key, statement);
  }
  return statement;
}

/**
 * The tender aggregate (tender with its criteria) and the tender row lock:
 * every write on a tender — lifecycle, bids, evaluations, decisions —
 * serialises on this row. Writes run inside a transaction (@Transactional).
 */
@Injectable()
export class TenderRepository extends Repository {
  /**
   * FOR UPDATE: exclusive; lifecycle transitions, evaluations and decisions.
   * FOR SHARE: bids — many bids at once, but a close waits for them (and they see a close that committed first).
   * Not scoped by buyer: the caller passes the head to AccessService.require, which answers 404 for another buyer's.
   */
  async lock(id: string, mode: 'UPDATE' | 'SHARE' = 'UPDATE'): Promise<TenderHead | null> {
    const rows =
      mode === 'UPDATE'
        ? await this.db.$queryRaw<TenderHead[]>`
            SELECT id::text AS id, buyer_id::text AS "buyerId", status, version, published_at AS "publishedAt" FROM tender WHERE id = ${id}::uuid FOR UPDATE`
        : await this.db.$queryRaw<TenderHead[]>`
            SELECT id::text AS id, buyer_id::text AS "buyerId", status, version, published_at AS "publishedAt" FROM tender WHERE id = ${id}::uuid FOR SHARE`;
    return rows[0] ?? null;
  }

  /** The same head without a lock, for reads. */
  head(id: string): Promise<TenderHead | null> {
    return this.db.tender.findUnique({ where: { id }, select: { id: true, buyerId: true, status: true, version: true, publishedAt: true } });
  }

  findWithCriteria(id: string): Promise<TenderWithCriteria | null> {
    return this.db.tender.findUnique({ where: { id }, include: { criteria: { orderBy: { position: 'asc' } } } });
  }

  /** The tender's response as JSON text (toTenderDto's bytes), with what access needs, and the caller's row if asked. */
  async body(
    id: string,
    callerId: string | null = null,
  ): Promise<{ tender: { buyerId: string; version: number; body: string } | null; caller: UserHead | null }> {
    const [row] = await this.lean<{ buyerId: string | null; version: number; body: string } & CallerColumns>(BODY, id, callerId);
    return { tender: row.buyerId === null ? null : { buyerId: row.buyerId, version: row.version, body: row.body }, caller: callerHead(row) };
  }

  /**
   * A page of one buyer's tenders, newest first, with the total, in one statement; a page past the end
   * has no row to carry the total, so it is counted then.
   */
  async page(buyerId: string, filter: TenderFilter, skip: number, take: number): Promise<{ rows: TenderView[]; total: number }> {
    const values: unknown[] = [buyerId, skip, take];
    if (filter.status) values.push(filter.status);
    if (filter.text) values.push(`%${filter.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    const rows = await this.lean<TenderView & { total: number }>(pageStatement(!!filter.status, !!filter.text), ...values);
    if (rows.length) return { rows, total: rows[0].total };
    if (skip === 0) return { rows: [], total: 0 };
    const count = await this.lean<{ total: number }>(pageStatement(!!filter.status, !!filter.text), buyerId, 0, 1, ...values.slice(3));
    return { rows: [], total: count[0]?.total ?? 0 };
  }

  async create(t: NewTender, criteria: CriterionRow[], referenceAsGiven = t.reference): Promise<TenderWithCriteria> {
    try {
      return await this.db.tender.create({
        data: {
          ...t,
          procedure: t.procedure,
          priceBasis: t.priceBasis as Tender['priceBasis'],
          abnormallyLowThreshold: new Prisma.Decimal(t.abnormallyLowThreshold),
          referencePrice: dec(t.referencePrice),
          criteria: { create: criteria.map(criterionData) },
        },
        include: { criteria: { orderBy: { position: 'asc' } } },
      });
    } catch (e) {
      throw duplicateReference(e, referenceAsGiven);
    }
  }

  /**
   * The version check and the write in one conditional UPDATE (DRAFT only):
   * of two writers with the same expected version exactly one wins. False when
   * the tender is not a DRAFT at version `expected` (or not there).
   */
  async updateDraftIfVersion(id: string, expected: number, changes: TenderChanges, referenceAsGiven = changes.reference): Promise<boolean> {
    try {
      const { count } = await this.db.tender.updateMany({
        where: { id, version: expected, status: 'DRAFT' },
        data: {
          ...changes,
          version: { increment: 1 },
          priceBasis: changes.priceBasis as Tender['priceBasis'] | undefined,
          abnormallyLowThreshold: dec(changes.abnormallyLowThreshold) ?? undefined,
          referencePrice: dec(changes.referencePrice) ?? undefined,
        },
      });
      return count === 1;
    } catch (e) {
      throw duplicateReference(e, referenceAsGiven);
    }
  }

  /** The criteria of a tender replaced by `criteria` (in their order). */
  async replaceCriteria(id: string, criteria: CriterionRow[]): Promise<void> {
    await this.db.tenderCriterion.deleteMany({ where: { tenderId: id } });
    await this.db.tenderCriterion.createMany({ data: criteria.map((c, position) => ({ ...criterionData(c, position), tenderId: id })) });
  }

  /** The database's clock now (read after a lock: it orders against timestamps written by other transactions). */
  async databaseNow(): Promise<Date> {
    const [{ now }] = await this.db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    return now;
  }

  /** The status change as one conditional UPDATE: false when the tender left `from` (or `expected`) meanwhile. */
  async transitionIf(
    id: string,
    from: TenderStatus,
    to: TenderStatus,
    stamp: { column: 'publishedAt' | 'closedAt' | 'cancelledAt' | 'concludedAt'; at: Date } | null,
    expected?: number,
  ): Promise<boolean> {
    const { count } = await this.db.tender.updateMany({
      where: { id, status: from, ...(expected !== undefined ? { version: expected } : {}) },
      data: { status: to, version: { increment: 1 }, ...(stamp ? { [stamp.column]: stamp.at } : {}) },
    });
    return count === 1;
  }
}

function criterionData(c: CriterionRow, position: number) {
  return {
    position,
    code: c.code,
    name: c.name,
    kind: c.kind as TenderCriterion['kind'],
    weight: new Prisma.Decimal(c.weight),
    priceMethod: c.priceMethod as TenderCriterion['priceMethod'],
    span: dec(c.span) ?? null,
  };
}

function duplicateReference(e: unknown, reference: string | undefined): unknown {
  return isUniqueViolation(e) ? conflict('DUPLICATE', `A tender with reference ${reference} already exists for this buyer`) : e;
}
