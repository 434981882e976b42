import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { SANCTION_FIELDS } from '@app/interop';
import { Auth, AuthContext } from '../auth/auth-context';
import { Consumes } from '../common/http-hardening';
import { IdPipe } from '../common/id.pipe';
import { SanctionListDetailDto, SanctionListPageDto, SanctionListQueryDto } from './sanction-lists.dto';
import { SanctionListsService } from './sanction-lists.service';
import { LIST_FILE_FIELD, readListUpload } from './list-upload';
import { Allow } from '../auth/access';

const IMPORT_DESCRIPTION = [
  `A sanctions list file, CSV (UTF-8, comma-separated, header first) or JSON (an array of entries or {"entries": [...]}), with the fields`,
  `${SANCTION_FIELDS.join(', ')} (aliases and identifiers: semicolon-separated in a CSV cell, arrays in JSON). See docs/interoperability.md.`,
  '',
  `- \`multipart/form-data\`: fields \`name\` (the list), \`source\`, \`format?\` (CSV|JSON, else from the part's type or file name), \`mapping?\`, \`defaults?\` and the part \`${LIST_FILE_FIELD}\`;`,
  '- a `text/csv` body with the same metadata as query parameters.',
  '',
  '`mapping` is a JSON object {ourField: theirColumn} for a foreign layout; `defaults` a JSON object {field: value} for fields the file lacks.',
  'The file is validated as a whole: any error stores nothing (`422`, each error `{field: "line 7, column country", line, column, message}`;',
  'JSON: `entry 3, field country`). On success `201`: the next version of the named list, active; the previous version no longer matches;',
  'active awards it may concern are screened again (see GET /api/v1/alerts).',
].join('\n');

/** Sanctions lists imported as files (ADMIN, like the list itself). */
@ApiTags('configuration')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or an invalid bearer token' })
@ApiForbiddenResponse({ description: 'Only admins' })
@Controller('api/v1/sanctions')
export class SanctionListsController {
  constructor(private readonly lists: SanctionListsService) {}

  @Post('imports')
  @Allow('reference.manage')
  @ApiOperation({
    operationId: 'importSanctionList',
    summary: 'Import a sanctions list file (CSV or JSON, optional column mapping) as the next version of the list',
    description: IMPORT_DESCRIPTION,
  })
  @Consumes('multipart/form-data', 'text/csv')
  @ApiBody({
    schema: {
      oneOf: [
        {
          title: 'multipart/form-data',
          type: 'object',
          required: ['name', 'source', LIST_FILE_FIELD],
          properties: {
            name: { type: 'string', maxLength: 200 },
            source: { type: 'string', maxLength: 2000 },
            format: { type: 'string', enum: ['CSV', 'JSON'] },
            mapping: { type: 'string', description: 'JSON object {ourField: theirColumn}' },
            defaults: { type: 'string', description: 'JSON object {field: value}' },
            [LIST_FILE_FIELD]: { type: 'string', format: 'binary' },
          },
        },
        { title: 'text/csv (metadata in the query)', type: 'string', format: 'binary' },
      ],
    },
  })
  @ApiQuery({ name: 'name', required: false, description: 'text/csv uploads: required' })
  @ApiQuery({ name: 'source', required: false, description: 'text/csv uploads: required' })
  @ApiQuery({ name: 'format', required: false, enum: ['CSV', 'JSON'] })
  @ApiQuery({ name: 'mapping', required: false, description: 'JSON object {ourField: theirColumn}' })
  @ApiQuery({ name: 'defaults', required: false, description: 'JSON object {field: value}' })
  @ApiCreatedResponse({ type: SanctionListDetailDto, description: 'Stored as the next, active version of the list, with its entries' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than BODY_LIMIT' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Neither multipart/form-data nor text/csv' })
  @ApiUnprocessableEntityResponse({ description: 'Metadata or file invalid; errors name line and column; nothing stored' })
  async import(@Auth() auth: AuthContext, @Req() req: FastifyRequest): Promise<SanctionListDetailDto> {
    const { meta, file, guessedFormat, errors } = await readListUpload(req);
    return this.lists.import(auth, meta, file, guessedFormat, errors);
  }

  @Get('lists')
  @Allow('reference.manage')
  @ApiOperation({ operationId: 'listSanctionLists', summary: 'Imported sanctions list versions, newest first (paged)' })
  @ApiOkResponse({ type: SanctionListPageDto })
  @ApiUnprocessableEntityResponse({ description: 'page or pageSize out of range' })
  list(@Query() q: SanctionListQueryDto): Promise<SanctionListPageDto> {
    return this.lists.list(q);
  }

  @Get('lists/:id')
  @Allow('reference.manage')
  @ApiOperation({ operationId: 'getSanctionList', summary: 'One imported list version with its entries (in file order)' })
  @ApiOkResponse({ type: SanctionListDetailDto })
  @ApiNotFoundResponse({ description: 'No such list version' })
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<SanctionListDetailDto> {
    return this.lists.get(auth, id);
  }
}
