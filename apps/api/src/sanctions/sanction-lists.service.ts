import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { normaliseName } from '@app/evaluation';
import { parseSanctionList, type ImportError, type SanctionField, type SanctionListFormat } from '@app/interop';
import { zurichDate } from '@app/procedure';
import { RescreeningService } from '../alerts/rescreening.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { pageArgs } from '../common/paging';
import { DomainError, FieldError, invalid, notFound } from '../common/problem';
import { flattenValidationErrors } from '../common/validation';
import { AccessService } from '../auth/access.service';
import { Transactional } from '../database/transaction';
import { SanctionListRepository, type SanctionListRow } from './sanction-list.repository';
import { SanctionRepository, type SanctionRow } from './sanction.repository';
import {
  ImportSanctionListMetaDto,
  SanctionListDetailDto,
  SanctionListDto,
  SanctionListEntryDto,
  SanctionListPageDto,
  SanctionListQueryDto,
} from './sanction-lists.dto';
import { toSanctionDto } from './sanctions.service';

/** `line 7, column country` (CSV) or `entry 3, field country` (JSON); file-level errors name only the line or entry. */
export function importFieldError(e: ImportError, format: SanctionListFormat): FieldError & { line: number; column: string | null } {
  const [at, col] = format === 'CSV' ? ['line', 'column'] : ['entry', 'field'];
  const field = e.line === 0 ? (e.column ?? 'file') : `${at} ${e.line}${e.column ? `, ${col} ${e.column}` : ''}`;
  return { field, message: e.message, line: e.line, column: e.column };
}

export function toSanctionListDto(l: SanctionListRow): SanctionListDto {
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

function toEntryDto(s: SanctionRow, today: string): SanctionListEntryDto {
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
    private readonly lists: SanctionListRepository,
    private readonly sanctions: SanctionRepository,
    private readonly audit: AuditService,
    private readonly rescreening: RescreeningService,
    private readonly access: AccessService,
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
    return this.store(auth, meta, format, mapping, defaults, parsed);
  }

  @Transactional()
  private async store(
    auth: AuthContext,
    meta: ImportSanctionListMetaDto,
    format: SanctionListFormat,
    mapping: Partial<Record<SanctionField, string>> | undefined,
    defaults: Partial<Record<SanctionField, string>> | undefined,
    parsed: Extract<ReturnType<typeof parseSanctionList>, { ok: true }>,
  ): Promise<SanctionListDetailDto> {
    await this.access.require(auth, 'reference.manage', { buyerId: null, label: 'Sanctions list' });
    // Every BUYER-scope entry names a buyer that exists (one query for the whole file).
    const buyerIds = [...new Set(parsed.entries.map((e) => e.buyerId).filter((x): x is string => x !== null))];
    const known = await this.sanctions.knownBuyers(buyerIds);
    const unknown = parsed.entries.filter((e) => e.buyerId !== null && !known.has(e.buyerId));
    if (unknown.length) {
      throw invalid(unknown.map((e) => importFieldError({ line: e.line, column: mapping?.buyerId ?? 'buyerId', message: 'no buyer with this id' }, format)));
    }
    // One version number per list name at a time.
    const name = meta.name.trim();
    const last = await this.lists.lockName(name);
    const list = await this.lists.storeVersion(
      {
        name,
        source: meta.source.trim(),
        format,
        contentDigest: parsed.contentDigest,
        mapping: (mapping as Record<string, string> | undefined) ?? null,
        createdById: auth.userId,
      },
      (last?.version ?? 0) + 1,
      parsed.entries.map((e) => ({
        name: e.name,
        normalizedName: normaliseName(e.name),
        aliases: e.aliases,
        identifiers: e.identifiers,
        country: e.country,
        ground: e.ground,
        reasons: e.reasons,
        source: e.source,
        from: e.from,
        until: e.until,
        scope: e.scope,
        buyerId: e.buyerId,
        line: e.line,
        createdById: auth.userId,
      })),
    );
    await this.audit.record({
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
    await this.rescreening.request(auth, {
      kind: 'SANCTION_LIST',
      id: list.id,
      label: `list ${name} v${list.version}`,
      buyerIds: scoped ? buyerIds : null,
    });
    return this.detail(list.id);
  }

  async list(q: SanctionListQueryDto): Promise<SanctionListPageDto> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const { rows, total } = await this.lists.page(skip, take);
    return { items: rows.map(toSanctionListDto), page, pageSize, total };
  }

  async get(auth: AuthContext, id: string): Promise<SanctionListDetailDto> {
    const found = await this.detail(id);
    await this.access.require(auth, 'reference.manage', { buyerId: null, label: 'Sanctions list' });
    return found;
  }

  private async detail(id: string): Promise<SanctionListDetailDto> {
    const found = await this.lists.withEntries(id);
    if (!found) throw notFound('Sanctions list');
    const today = zurichDate(new Date());
    return { ...toSanctionListDto(found.list), entries: found.entries.map((e) => toEntryDto(e, today)) };
  }
}
