import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { normaliseName } from '@app/evaluation';
import { parseSanctionList, type ImportError, type SanctionField, type SanctionListFormat } from '@app/interop';
import { zurichDate } from '@app/procedure';
import { Prisma, type Sanction, type SanctionList } from '@generated/prisma';
import { RescreeningService } from '../alerts/rescreening.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { pageArgs } from '../common/paging';
import { DomainError, FieldError, invalid, notFound } from '../common/problem';
import { flattenValidationErrors } from '../common/validation';
import { PrismaService } from '../database/prisma.service';
import {
  ImportSanctionListMetaDto,
  SanctionListDetailDto,
  SanctionListDto,
  SanctionListEntryDto,
  SanctionListPageDto,
  SanctionListQueryDto,
} from './sanction-lists.dto';
import { toSanctionDto } from './sanctions.service';

const dateColumn = (d: string): Date => new Date(`${d}T00:00:00Z`);

/** `line 7, column country` (CSV) or `entry 3, field country` (JSON); file-level errors name only the line or entry. */
export function importFieldError(e: ImportError, format: SanctionListFormat): FieldError & { line: number; column: string | null } {
  const [at, col] = format === 'CSV' ? ['line', 'column'] : ['entry', 'field'];
  const field = e.line === 0 ? (e.column ?? 'file') : `${at} ${e.line}${e.column ? `, ${col} ${e.column}` : ''}`;
  return { field, message: e.message, line: e.line, column: e.column };
}

export function toSanctionListDto(l: SanctionList): SanctionListDto {
  return {
    id: l.id,
    name: l.name,
    version: l.version,
    source: l.source,
    format: l.format,
    contentDigest: l.contentDigest,
    mapping: (l.mapping ?? null) as Record<string, string> | null,
    entryCount: l.entryCount,
    active: l.active,
    createdById: l.createdById,
    createdAt: l.createdAt.toISOString(),
  };
}

function toEntryDto(s: Sanction, today: string): SanctionListEntryDto {
  return { ...toSanctionDto(s, today), aliases: s.aliases, source: s.source, line: s.line };
}

function jsonObject(field: 'mapping' | 'defaults', raw: string | undefined, errors: FieldError[]): Partial<Record<SanctionField, string>> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Partial<Record<SanctionField, string>>;
  } catch {
    // reported below
  }
  errors.push({ field, message: `${field} must be a JSON object {field: ${field === 'mapping' ? 'column' : 'value'}}` });
  return undefined;
}

/**
 * Sanctions lists as files (Art. 45): a CSV or JSON list, in the documented
 * layout or a foreign one through a column mapping, validated as a whole and
 * stored atomically as the next version of the named list, its entries
 * linked to it. The previous version of the same list stops matching in the
 * same transaction; active awards are then screened again (Art. 26(1)).
 */
@Injectable()
export class SanctionListsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly rescreening: RescreeningService,
  ) {}

  async import(
    auth: AuthContext,
    plain: Record<string, unknown>,
    file: Buffer | null,
    guessedFormat: SanctionListFormat | null,
    uploadErrors: FieldError[] = [],
  ): Promise<SanctionListDetailDto> {
    const meta = plainToInstance(ImportSanctionListMetaDto, plain);
    const errors = [
      ...uploadErrors,
      ...flattenValidationErrors(validateSync(meta, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } })),
    ];
    if (!file) errors.push({ field: 'file', message: 'a list file is required (multipart part "file", or a text/csv or application/json body)' });
    const format = meta.format ?? guessedFormat;
    if (!format && !errors.some((e) => e.field === 'format'))
      errors.push({ field: 'format', message: 'format CSV or JSON is required when the upload does not say (content type or file name)' });
    const mapping = jsonObject('mapping', meta.mapping, errors);
    const defaults = jsonObject('defaults', meta.defaults, errors);
    if (errors.length || !file || !format) throw invalid(errors);

    const parsed = parseSanctionList(file, { format, mapping, defaults });
    if (!parsed.ok) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `The list has ${parsed.errorCount} error${parsed.errorCount === 1 ? '' : 's'}${parsed.truncated ? ' (the first ones are listed)' : ''}; nothing was stored`,
        parsed.errors.map((e) => importFieldError(e, format)),
        { errorCount: parsed.errorCount, truncated: parsed.truncated },
      );
    }
    // Every BUYER-scope entry names a buyer that exists (one query for the whole file).
    const buyerIds = [...new Set(parsed.entries.map((e) => e.buyerId).filter((x): x is string => x !== null))];
    const known = new Set((await this.prisma.buyer.findMany({ where: { id: { in: buyerIds } }, select: { id: true } })).map((b) => b.id));
    const unknown = parsed.entries.filter((e) => e.buyerId !== null && !known.has(e.buyerId));
    if (unknown.length) {
      throw invalid(unknown.map((e) => importFieldError({ line: e.line, column: mapping?.buyerId ?? 'buyerId', message: 'no buyer with this id' }, format)));
    }

    return this.prisma.transaction(async (tx) => {
      // One version number per list name at a time.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sanction_list'), hashtext(${meta.name.trim()}))`;
      const name = meta.name.trim();
      const last = await tx.sanctionList.findFirst({ where: { name }, orderBy: { version: 'desc' }, select: { id: true, version: true } });
      await tx.sanctionList.updateMany({ where: { name, active: true }, data: { active: false } });
      const list = await tx.sanctionList.create({
        data: {
          name,
          version: (last?.version ?? 0) + 1,
          source: meta.source.trim(),
          format,
          contentDigest: parsed.contentDigest,
          mapping: mapping ? (mapping as Prisma.InputJsonValue) : Prisma.DbNull,
          entryCount: parsed.entries.length,
          createdById: auth.userId,
        },
      });
      await tx.sanction.createMany({
        data: parsed.entries.map((e) => ({
          name: e.name,
          normalizedName: normaliseName(e.name),
          aliases: e.aliases,
          identifiers: e.identifiers,
          country: e.country,
          ground: e.ground,
          reasons: e.reasons,
          source: e.source,
          from: dateColumn(e.from),
          until: dateColumn(e.until),
          scope: e.scope,
          buyerId: e.buyerId,
          listId: list.id,
          line: e.line,
          createdById: auth.userId,
        })),
      });
      await this.audit.append(tx, {
        auth,
        action: 'sanction-list.imported',
        objectType: 'sanction-list',
        objectId: list.id,
        tenderId: null,
        payload: {
          name,
          version: list.version,
          source: list.source,
          format,
          contentDigest: list.contentDigest,
          mapping: mapping ?? null,
          defaults: defaults ?? null,
          entryCount: list.entryCount,
          supersedes: last ? { id: last.id, version: last.version } : null,
        },
      });
      // A BUYER-only list concerns only those buyers; any ALL_FEDERAL entry concerns every buyer.
      const scoped = parsed.entries.every((e) => e.scope === 'BUYER');
      await this.rescreening.request(tx, auth, {
        kind: 'SANCTION_LIST',
        id: list.id,
        label: `list ${name} v${list.version}`,
        buyerIds: scoped ? buyerIds : null,
      });
      return this.detailIn(tx, list.id);
    });
  }

  async list(q: SanctionListQueryDto): Promise<SanctionListPageDto> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.sanctionList.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.prisma.sanctionList.count(),
    ]);
    return { items: rows.map(toSanctionListDto), page, pageSize, total };
  }

  get(id: string): Promise<SanctionListDetailDto> {
    return this.detailIn(this.prisma, id);
  }

  private async detailIn(db: Pick<PrismaService, 'sanctionList' | 'sanction'>, id: string): Promise<SanctionListDetailDto> {
    const list = await db.sanctionList.findUnique({ where: { id } });
    if (!list) throw notFound('Sanctions list');
    const entries = await db.sanction.findMany({ where: { listId: id }, orderBy: [{ line: 'asc' }, { id: 'asc' }] });
    const today = zurichDate(new Date());
    return { ...toSanctionListDto(list), entries: entries.map((e) => toEntryDto(e, today)) };
  }
}
