import { Injectable } from '@nestjs/common';
import { dayOfDateValue } from '@app/procedure';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseDataset, parseDatasetAsync, type DatasetError, type DatasetKind, type ParsedRow, type ParseResult, type ParseSuccess } from '@app/risk-data';
import { RescreeningService } from '../alerts/rescreening.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { ReferenceDataRepository } from './reference-data.repository';
import { type RiskDataset, RiskDatasetRepository } from './risk-dataset.repository';
import { conflict, DomainError, FieldError, notFound } from '../common/problem';
import { flattenValidationErrors, shapeErrors } from '../common/validation';
import { ImportDatasetMetaDto, ImportedRiskDatasetDto, RiskDatasetDetailDto, RiskDatasetDto } from './risk-datasets.dto';
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
    retrievedAt: d.retrievedAt ? dayOfDateValue(d.retrievedAt) : null,
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

@Injectable()
export class RiskDatasetsService {
  constructor(
    private readonly datasets: RiskDatasetRepository,
    private readonly reference: ReferenceDataRepository,
    private readonly audit: AuditService,
    private readonly rescreening: RescreeningService,
  ) {}

  async list(q: PageQueryDto & { kind?: DatasetKind }): Promise<Page<RiskDatasetDto>> {
    const args = pageArgs(q);
    const [rows, total] = await this.datasets.page(q.kind, args.skip, args.take);
    return pageOf(
      args,
      rows.map((d) => toRiskDatasetDto({ ...d, rows: null })),
      total,
    );
  }

  async get(id: string): Promise<RiskDatasetDetailDto> {
    const d = await this.datasets.find(id);
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
  @Transactional()
  async store(auth: AuthContext | null, meta: ImportDatasetMetaDto, parsed: ParseSuccess, opts: { activate?: boolean } = {}): Promise<ImportedRiskDatasetDto> {
    await this.reference.lock();
    return this.storeIn(auth, meta, parsed, opts);
  }

  /** Inside a transaction holding the reference-data lock (ReferenceDataRepository.lock). */
  async storeIn(
    auth: AuthContext | null,
    meta: ImportDatasetMetaDto,
    parsed: ParseSuccess,
    opts: { activate?: boolean } = {},
  ): Promise<ImportedRiskDatasetDto> {
    if (parsed.kind !== meta.kind) throw new Error(`parsed ${parsed.kind} rows given for a ${meta.kind} import`);
    const d = await this.datasets.create({
      kind: meta.kind,
      version: (await this.datasets.lastVersion(meta.kind)) + 1,
      name: meta.name.trim(),
      source: meta.source.trim(),
      licence: meta.licence?.trim() || null,
      retrievedAt: meta.retrievedAt ? new Date(`${meta.retrievedAt}T00:00:00Z`) : null,
      contentDigest: parsed.contentDigest,
      rowCount: parsed.rowCount,
      createdById: auth?.userId ?? null,
    });
    await this.datasets.storeRows(d.id, parsed.rows);
    const out = toRiskDatasetDto(d);
    await this.audit.record({
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
    const stored = opts.activate ? await this.activateIn(auth, d.id) : out;
    return { ...stored, skipped: parsed.skipped };
  }

  /** Makes this version the active one of its kind; the previously active one is deactivated in the same transaction. */
  @Transactional()
  async activate(auth: AuthContext | null, id: string): Promise<RiskDatasetDto> {
    await this.reference.lock();
    return this.activateIn(auth, id);
  }

  private async activateIn(auth: AuthContext | null, id: string): Promise<RiskDatasetDto> {
    const d = await this.datasets.head(id);
    if (!d) throw notFound('Risk dataset');
    if (d.active) return toRiskDatasetDto({ ...d, rows: null }); // nothing changes, nothing to record
    const previous = await this.datasets.activeOf(d.kind);
    const updated = await this.datasets.activate(id, d.kind);
    await this.audit.record({
      auth,
      action: 'risk-dataset.activated',
      objectType: 'risk-dataset',
      objectId: id,
      tenderId: null,
      payload: { kind: d.kind, version: d.version, previousActive: previous ? { id: previous.id, version: previous.version } : null },
    });
    // Art. 26(1): a new goods list may list an awarded contractor's goods; active awards are screened again.
    if (d.kind === 'GOODS_LIST') await this.rescreening.request(auth, { kind: 'RISK_DATASET', id: d.id, label: `${d.kind} v${d.version}`, buyerIds: null });
    return toRiskDatasetDto({ ...updated, rows: null });
  }

  /** Only an optional kind (PREVALENCE) may be left with no active version; the others must always have one. */
  @Transactional()
  async deactivate(auth: AuthContext | null, id: string): Promise<RiskDatasetDto> {
    await this.reference.lock();
    const d = await this.datasets.head(id);
    if (!d) throw notFound('Risk dataset');
    if (!OPTIONAL_KINDS.includes(d.kind)) {
      throw conflict('DATASET_REQUIRED', `A ${d.kind} dataset must always have an active version: activate another version instead`, { kind: d.kind });
    }
    if (!d.active) return toRiskDatasetDto({ ...d, rows: null });
    const updated = await this.datasets.deactivate(id);
    await this.audit.record({
      auth,
      action: 'risk-dataset.deactivated',
      objectType: 'risk-dataset',
      objectId: id,
      tenderId: null,
      payload: { kind: d.kind, version: d.version },
    });
    return toRiskDatasetDto({ ...updated, rows: null });
  }
}
