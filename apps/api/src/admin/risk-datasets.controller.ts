import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATASET_KINDS, datasetTemplateCsv, isDatasetKind, MAX_REPORTED_ERRORS } from '@app/risk-data';
import { Auth, AuthContext } from '../auth/auth-context';
import { Consumes, multipartReadError } from '../common/http-hardening';
import { IdPipe } from '../common/id.pipe';
import { DomainError, FieldError, invalid, notFound } from '../common/problem';
import { DatasetListQueryDto, ImportDatasetMetaDto, ImportedRiskDatasetDto, RiskDatasetDetailDto, RiskDatasetDto } from './risk-datasets.dto';
import { FILE_FIELD, importMetaErrors, RiskDatasetsService } from './risk-datasets.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Page } from '../common/paging';
import { Allow } from '../auth/access';
import { JobDto } from '../jobs/job.dto';
import { RiskDatasetImportJobs } from './risk-datasets.jobs';

const META_FIELDS = ['kind', 'name', 'source', 'licence', 'retrievedAt'] as const;
const KINDS = [...DATASET_KINDS];

const IMPORT_DESCRIPTION = [
  'Imports one dataset file (CSV, UTF-8, comma-separated, header line first; the columns of each kind are those of',
  '`GET /api/v1/risk-datasets/templates/{kind}`). Two ways to send it:',
  '',
  '- `multipart/form-data` with the fields `kind`, `name`, `source`, `licence?`, `retrievedAt?` (YYYY-MM-DD) and the file as the part `file`;',
  '- a `text/csv` body, with the same metadata as query parameters (`?kind=…&name=…&source=…`).',
  '',
  'The file is validated as a whole; any error refuses it and nothing is stored: `422` whose `errors` name each problem as',
  '`{field: "file:line 12:tier", message, line: 12, column: "tier"}` — `file:line <n>` followed by `:<column>` when the problem is in',
  `one cell (column null for row- and file-level problems; lines are 1-based, the header is line 1). At most ${MAX_REPORTED_ERRORS} are`,
  'listed (`errorCount` and `truncated` say how many there were); metadata errors are named by their field (`kind`, `name`, …).',
  'On success `201` with the new version (previous highest version of the kind + 1), not active until activated.',
  'A file of at least DATASET_JOB_MIN_BYTES is imported as a job: `202` with the job and `Location: /api/v1/jobs/{id}`; the job',
  'ends succeeded with `datasetId` and `location`, or failed with the `422` problem above.',
].join('\n');

/** Risk datasets are global reference data, ADMIN only. */
@ApiTags('configuration')
@ApiBearerAuth()
@Controller('api/v1/risk-datasets')
export class RiskDatasetsController {
  constructor(
    private readonly datasets: RiskDatasetsService,
    private readonly importJobs: RiskDatasetImportJobs,
  ) {}

  @Get()
  @Allow('reference.manage')
  @ApiOperation({ summary: 'Every dataset version (metadata only, never the rows), by kind, newest first' })
  @ApiOkResponse({ type: PageOf(RiskDatasetDto) })
  list(@Query() q: DatasetListQueryDto): Promise<Page<RiskDatasetDto>> {
    return this.datasets.list(q);
  }

  @Get('templates/:kind')
  @Allow('reference.manage')
  @ApiOperation({ summary: 'A CSV template of the kind: the header line and one example row' })
  @ApiParam({ name: 'kind', enum: KINDS })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The template', content: { 'text/csv': { schema: { type: 'string' } } } })
  template(@Param('kind') kind: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (!isDatasetKind(kind)) throw notFound('Dataset kind');
    void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${kind.toLowerCase().replace(/_/g, '-')}-template.csv"`);
    return datasetTemplateCsv(kind);
  }

  @Get(':id')
  @Allow('reference.manage')
  @ApiOperation({ summary: 'One dataset version with a preview of its first rows' })
  get(@Param('id', IdPipe) id: string): Promise<RiskDatasetDetailDto> {
    return this.datasets.get(id);
  }

  @Post()
  @Allow('reference.manage')
  @ApiOperation({ summary: 'Import a dataset file as a new (inactive) version of its kind', description: IMPORT_DESCRIPTION })
  @Consumes('multipart/form-data', 'text/csv', 'application/csv')
  @ApiBody({
    schema: {
      oneOf: [
        {
          title: 'multipart/form-data',
          type: 'object',
          required: ['kind', 'name', 'source', FILE_FIELD],
          properties: {
            kind: { type: 'string', enum: KINDS },
            name: { type: 'string', maxLength: 200 },
            source: { type: 'string', maxLength: 2000 },
            licence: { type: 'string', maxLength: 500 },
            retrievedAt: { type: 'string', format: 'date' },
            [FILE_FIELD]: { type: 'string', format: 'binary' },
          },
        },
        { title: 'text/csv (metadata in the query)', type: 'string', format: 'binary' },
      ],
    },
  })
  @ApiQuery({ name: 'kind', required: false, enum: KINDS, description: 'text/csv uploads: required' })
  @ApiQuery({ name: 'name', required: false, description: 'text/csv uploads: required' })
  @ApiQuery({ name: 'source', required: false, description: 'text/csv uploads: required' })
  @ApiQuery({ name: 'licence', required: false })
  @ApiQuery({ name: 'retrievedAt', required: false, description: 'YYYY-MM-DD' })
  @ApiCreatedResponse({ type: ImportedRiskDatasetDto, description: 'Stored as a new version, not active' })
  @ApiAcceptedResponse({
    type: JobDto,
    description: 'A file of at least DATASET_JOB_MIN_BYTES: imported as a job; poll Location (GET /api/v1/jobs/{id})',
    headers: { Location: { description: 'The job, /api/v1/jobs/{id}', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 413, description: 'The file is larger than BODY_LIMIT' })
  @ApiResponse({ status: 415, description: 'Neither multipart/form-data nor text/csv' })
  @ApiResponse({ status: 422, description: 'Metadata or file invalid; errors name `file:line <n>[:<column>]`; nothing stored' })
  async import(
    @Auth() auth: AuthContext,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportedRiskDatasetDto | JobDto> {
    const { meta, file, errors } = await readUpload(req);
    if (!file) errors.push({ field: FILE_FIELD, message: `a CSV file is required (multipart part "${FILE_FIELD}", or a text/csv body)` });
    errors.push(...importMetaErrors(meta));
    if (errors.length) {
      // The file's own errors are worth reporting with the metadata's when its kind is known.
      if (file && isDatasetKind(meta.kind)) {
        try {
          await this.datasets.validate(meta.kind, file);
        } catch (e) {
          if (e instanceof DomainError && e.errors) errors.push(...e.errors);
        }
      }
      throw invalid(errors);
    }
    if (this.importJobs.isLarge(file!)) {
      const job = await this.importJobs.enqueue(auth, meta as unknown as ImportDatasetMetaDto, file!);
      void reply.status(202).header('location', `/api/v1/jobs/${job.id}`);
      return job;
    }
    return this.datasets.import(auth, meta as unknown as ImportDatasetMetaDto, file!);
  }

  @Post(':id/activate')
  @Allow('reference.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make this version the active one of its kind (the previous one is deactivated in the same transaction)' })
  activate(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<RiskDatasetDto> {
    return this.datasets.activate(auth, id);
  }

  @Post(':id/deactivate')
  @Allow('reference.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'PREVALENCE only: leave the kind without an active version (the method then runs without prevalence); 409 for other kinds' })
  @ApiProblems('DATASET_REQUIRED')
  deactivate(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<RiskDatasetDto> {
    return this.datasets.deactivate(auth, id);
  }
}

interface Upload {
  meta: Record<string, unknown>;
  file: Buffer | null;
  errors: FieldError[];
}

/** Metadata and file of either upload form; the part count is capped so that a request cannot stream parts forever. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  const query = { ...((req.query ?? {}) as Record<string, unknown>) };
  const errors: FieldError[] = [];
  if (req.isMultipart()) {
    const meta: Record<string, unknown> = { ...query };
    let file: Buffer | null = null;
    try {
      await readParts(req, meta, errors, (data) => {
        if (file) errors.push({ field: FILE_FIELD, message: 'only one file per import' });
        else file = data;
      });
    } catch (e) {
      throw multipartReadError(e, FILE_FIELD);
    }
    return { meta, file, errors };
  }
  if (Buffer.isBuffer(req.body)) return { meta: query, file: req.body.length > 0 ? req.body : null, errors };
  if (req.body === undefined || req.body === null) {
    if (/^text\/csv\b/i.test(req.headers['content-type'] ?? '')) return { meta: query, file: null, errors };
  }
  throw new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Send the CSV as multipart/form-data (fields ${META_FIELDS.join(', ')} and the part "${FILE_FIELD}") or as a text/csv body with the metadata in the query`,
  );
}

async function readParts(req: FastifyRequest, meta: Record<string, unknown>, errors: FieldError[], onFile: (data: Buffer) => void): Promise<void> {
  for await (const part of req.parts({ limits: { parts: 20, fields: 10, files: 2 } })) {
    if (part.type === 'file') {
      // Read even a part we refuse: the stream must be consumed for the next part to arrive.
      const data = await part.toBuffer();
      if (part.fieldname !== FILE_FIELD) errors.push({ field: part.fieldname, message: `unknown file part: send the CSV as the part "${FILE_FIELD}"` });
      else onFile(data);
      continue;
    }
    if (part.fieldname in meta) {
      errors.push({ field: part.fieldname, message: 'given more than once (form field or query parameter)' });
      continue;
    }
    if (part.valueTruncated) errors.push({ field: part.fieldname, message: 'is too long' });
    meta[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
  }
}
