import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { RiskDataset } from '@generated/prisma';
import { parseDataset, parseDatasetAsync, type DatasetError, type DatasetKind, type ParsedRow, type ParseResult, type ParseSuccess } from '@app/risk-data';
import { RescreeningService } from '../alerts/rescreening.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { conflict, DomainError, FieldError, notFound } from '../common/problem';
import { flattenValidationErrors, shapeErrors } from '../common/validation';
import { ImportDatasetMetaDto, ImportedRiskDatasetDto, RiskDatasetDetailDto, RiskDatasetDto } from './risk-datasets.dto';
import { lockReferenceData } from './reference-lock';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

/** Name of the multipart file part, and the prefix of every error about the file's content. */
export const FILE_FIELD = 'file';

/** Only these kinds may be left without an active version: the method then runs without them (§4). */
const OPTIONAL_KINDS: readonly DatasetKind[] = ['PREVALENCE'];

const PREVIEW_ROWS = 20;

/** A dataset error as a problem-document entry: `file:line 12:tier` (column omitted for row- and file-level errors). */
export interface DatasetFieldError extends FieldError {
  line: number;
  column: string | null;
}

export function datasetFieldError(e: DatasetError): DatasetFieldError {
  return { field: `${FILE_FIELD}:line ${e.line}${e.column ? `:${e.column}` : ''}`, message: e.message, line: e.line, column: e.column };
}

export function toRiskDatasetDto(d: RiskDataset): RiskDatasetDto {
  return {
    id: d.id,
    kind: d.kind,
    version: d.version,
    name: d.name,
    source: d.source,
    licence: d.licence,
    retrievedAt: d.retrievedAt ? d.retrievedAt.toISOString().slice(0, 10) : null,
    rowCount: d.rowCount,
    contentDigest: d.contentDigest,
    active: d.active,
    createdById: d.createdById,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Import metadata checked with the same rules (and field names) as a request body. */
export function importMetaErrors(plain: Record<string, unknown>): FieldError[] {
  // The pipe's shape check first (null, a date outside the years the system computes with), as for a body.
  const shape: FieldError[] = [];
  shapeErrors(ImportDatasetMetaDto, plain, '', shape);
  if (shape.length) return shape;
  const dto = plainToInstance(ImportDatasetMetaDto, plain);
  return flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }));
}

/**
 * Parses and validates a whole dataset file (pure, no database). A file with
 * any error is refused as a whole: 422 naming line and column of each error.
 */
export function validateDatasetFile(kind: DatasetKind, content: Buffer | string): ParseSuccess {
  return successOrRefusal(kind, parseDataset(kind, content));
}

/** validateDatasetFile in slices that yield to the event loop (HTTP uploads of up to BODY_LIMIT). */
export async function validateDatasetFileAsync(kind: DatasetKind, content: Buffer | string): Promise<ParseSuccess> {
  return successOrRefusal(kind, await parseDatasetAsync(kind, content));
}

function successOrRefusal(kind: DatasetKind, result: ParseResult): ParseSuccess {
  if (!result.ok) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The ${kind} file has ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}${result.truncated ? ' (the first ones are listed)' : ''}; nothing was stored`,
      result.errors.map(datasetFieldError),
      { errorCount: result.errorCount, truncated: result.truncated },
    );
  }
  return result;
}

/** Rows per statement when storing a dataset's rows (≈ 250 kB of JSON for GOODS_LIST). */
const ROWS_PER_SLICE = 2000;

/**
 * Stores the rows as JSON in slices through a temporary table, yielding to the
 * event loop between slices, then assembles them in order in one UPDATE.
 * Handing 300,000 row objects to the ORM in one value blocks the process for
 * seconds (it serialises the parameter on the main thread) and holds several
 * copies in memory; a slice at a time costs milliseconds.
 */
export async function storeRows(tx: Tx, datasetId: string, rows: readonly unknown[]): Promise<void> {
  await tx.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS dataset_rows_slice (ord int NOT NULL, part jsonb NOT NULL) ON COMMIT DROP`;
  await tx.$executeRaw`DELETE FROM dataset_rows_slice`;
  for (let i = 0, ord = 0; i < rows.length; i += ROWS_PER_SLICE, ord++) {
    await tx.$executeRaw`INSERT INTO dataset_rows_slice (ord, part) VALUES (${ord}, ${JSON.stringify(rows.slice(i, i + ROWS_PER_SLICE))}::jsonb)`;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await tx.$executeRaw`UPDATE risk_dataset SET rows = (
      SELECT coalesce(jsonb_agg(e.value ORDER BY s.ord, e.idx), '[]'::jsonb)
      FROM dataset_rows_slice s, jsonb_array_elements(s.part) WITH ORDINALITY AS e(value, idx)
    ) WHERE id = ${datasetId}::uuid`;
}

@Injectable()
export class RiskDatasetsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly rescreening: RescreeningService,
  ) {}

  async list(q: PageQueryDto & { kind?: DatasetKind }): Promise<Page<RiskDatasetDto>> {
    const where = q.kind ? { kind: q.kind } : {};
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.riskDataset.findMany({
        where,
        // Everything but the rows, which can be large.
        omit: { rows: true },
        orderBy: [{ kind: 'asc' }, { version: 'desc' }],
        skip: args.skip,
        take: args.take,
      }),
      this.prisma.riskDataset.count({ where }),
    ]);
    return pageOf(
      args,
      rows.map((d) => toRiskDatasetDto({ ...d, rows: null })),
      total,
    );
  }

  async get(id: string): Promise<RiskDatasetDetailDto> {
    const d = await this.prisma.riskDataset.findUnique({ where: { id } });
    if (!d) throw notFound('Risk dataset');
    return { ...toRiskDatasetDto(d), preview: ((d.rows ?? []) as unknown as ParsedRow[]).slice(0, PREVIEW_ROWS) };
  }

  validate(kind: DatasetKind, content: Buffer | string): Promise<ParseSuccess> {
    return validateDatasetFileAsync(kind, content);
  }

  /** Validate and store in one go (the HTTP import). */
  async import(auth: AuthContext | null, meta: ImportDatasetMetaDto, content: Buffer | string): Promise<ImportedRiskDatasetDto> {
    return this.store(auth, meta, await this.validate(meta.kind, content));
  }

  /** Stores a validated file as version max+1 of its kind, not active unless `activate`. */
  store(auth: AuthContext | null, meta: ImportDatasetMetaDto, parsed: ParseSuccess, opts: { activate?: boolean } = {}): Promise<ImportedRiskDatasetDto> {
    return this.prisma.transaction(async (tx) => {
      await lockReferenceData(tx);
      return this.storeIn(tx, auth, meta, parsed, opts);
    });
  }

  /** Inside a transaction holding lockReferenceData. */
  async storeIn(
    tx: Tx,
    auth: AuthContext | null,
    meta: ImportDatasetMetaDto,
    parsed: ParseSuccess,
    opts: { activate?: boolean } = {},
  ): Promise<ImportedRiskDatasetDto> {
    if (parsed.kind !== meta.kind) throw new Error(`parsed ${parsed.kind} rows given for a ${meta.kind} import`);
    const last = await tx.riskDataset.findFirst({ where: { kind: meta.kind }, orderBy: { version: 'desc' }, select: { version: true } });
    const d = await tx.riskDataset.create({
      data: {
        kind: meta.kind,
        version: (last?.version ?? 0) + 1,
        name: meta.name.trim(),
        source: meta.source.trim(),
        licence: meta.licence?.trim() || null,
        retrievedAt: meta.retrievedAt ? new Date(`${meta.retrievedAt}T00:00:00Z`) : null,
        contentDigest: parsed.contentDigest,
        rowCount: parsed.rowCount,
        rows: [],
        createdById: auth?.userId ?? null,
      },
    });
    await storeRows(tx, d.id, parsed.rows);
    const out = toRiskDatasetDto(d);
    await this.audit.append(tx, {
      auth,
      action: 'risk-dataset.imported',
      objectType: 'risk-dataset',
      objectId: d.id,
      tenderId: null,
      payload: {
        kind: out.kind,
        version: out.version,
        name: out.name,
        source: out.source,
        licence: out.licence,
        retrievedAt: out.retrievedAt,
        rowCount: out.rowCount,
        skippedCount: parsed.skipped.length,
        contentDigest: out.contentDigest,
      },
    });
    const stored = opts.activate ? await this.activateIn(tx, auth, d.id) : out;
    return { ...stored, skipped: parsed.skipped };
  }

  /** Makes this version the active one of its kind; the previously active one is deactivated in the same transaction. */
  activate(auth: AuthContext | null, id: string): Promise<RiskDatasetDto> {
    return this.prisma.transaction(async (tx) => {
      await lockReferenceData(tx);
      return this.activateIn(tx, auth, id);
    });
  }

  private async activateIn(tx: Tx, auth: AuthContext | null, id: string): Promise<RiskDatasetDto> {
    const d = await tx.riskDataset.findUnique({ where: { id }, omit: { rows: true } });
    if (!d) throw notFound('Risk dataset');
    if (d.active) return toRiskDatasetDto({ ...d, rows: null }); // nothing changes, nothing to record
    const previous = await tx.riskDataset.findFirst({ where: { kind: d.kind, active: true }, select: { id: true, version: true } });
    await tx.riskDataset.updateMany({ where: { kind: d.kind, active: true }, data: { active: false } });
    const updated = await tx.riskDataset.update({ where: { id }, data: { active: true }, omit: { rows: true } });
    await this.audit.append(tx, {
      auth,
      action: 'risk-dataset.activated',
      objectType: 'risk-dataset',
      objectId: id,
      tenderId: null,
      payload: { kind: d.kind, version: d.version, previousActive: previous ? { id: previous.id, version: previous.version } : null },
    });
    // Art. 26(1): a new goods list may list an awarded contractor's goods; active awards are screened again.
    if (d.kind === 'GOODS_LIST') await this.rescreening.request(tx, auth, { kind: 'RISK_DATASET', id: d.id, label: `${d.kind} v${d.version}`, buyerIds: null });
    return toRiskDatasetDto({ ...updated, rows: null });
  }

  /** Only an optional kind (PREVALENCE) may be left with no active version; the others must always have one. */
  deactivate(auth: AuthContext | null, id: string): Promise<RiskDatasetDto> {
    return this.prisma.transaction(async (tx) => {
      await lockReferenceData(tx);
      const d = await tx.riskDataset.findUnique({ where: { id }, omit: { rows: true } });
      if (!d) throw notFound('Risk dataset');
      if (!OPTIONAL_KINDS.includes(d.kind)) {
        throw conflict('DATASET_REQUIRED', `A ${d.kind} dataset must always have an active version: activate another version instead`, { kind: d.kind });
      }
      if (!d.active) return toRiskDatasetDto({ ...d, rows: null });
      const updated = await tx.riskDataset.update({ where: { id }, data: { active: false }, omit: { rows: true } });
      await this.audit.append(tx, {
        auth,
        action: 'risk-dataset.deactivated',
        objectType: 'risk-dataset',
        objectId: id,
        tenderId: null,
        payload: { kind: d.kind, version: d.version },
      });
      return toRiskDatasetDto({ ...updated, rows: null });
    });
  }
}
