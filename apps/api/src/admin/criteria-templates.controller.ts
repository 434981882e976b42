import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext } from '../auth/auth-context';
import { etagOf, expectedVersion } from '../common/etag';
import { IdPipe } from '../common/id.pipe';
import { notFound } from '../common/problem';
import { CriteriaTemplateBodyDto, CriteriaTemplateDto } from './criteria-templates.dto';
import { CriteriaTemplatesService } from './criteria-templates.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';
import { Allow } from '../auth/access';

/** Templates are global configuration: ADMIN writes; officers read them to pick one for a tender. */
@ApiTags('configuration')
@ApiBearerAuth()
@Controller('api/v1/criteria-templates')
export class CriteriaTemplatesController {
  constructor(private readonly templates: CriteriaTemplatesService) {}

  @Post()
  @Allow('criteria-template.manage')
  @ApiOperation({ summary: 'Create a criteria template (version 1); weights sum to exactly 100' })
  create(@Auth() auth: AuthContext, @Body() dto: CriteriaTemplateBodyDto): Promise<CriteriaTemplateDto> {
    return this.templates.create(auth, dto);
  }

  @Get()
  @Allow('criteria-template.read')
  @ApiOperation({ summary: 'Every template with its latest version' })
  @ApiOkResponse({ type: PageOf(CriteriaTemplateDto) })
  list(@Query() q: PageQueryDto): Promise<Page<CriteriaTemplateDto>> {
    return this.templates.list(q);
  }

  @Get(':id')
  @Allow('criteria-template.read')
  @ApiOperation({ summary: 'The latest version, with a summary of every version; ETag "v<version>"' })
  async get(@Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CriteriaTemplateDto> {
    const t = await this.templates.get(id);
    void reply.header('ETag', etagOf(t.version));
    return t;
  }

  @Get(':id/versions/:version')
  @Allow('criteria-template.read')
  @ApiOperation({ summary: 'One version of a template (e.g. the one a tender copied)' })
  version(@Param('id', IdPipe) id: string, @Param('version') version: string): Promise<CriteriaTemplateDto> {
    if (!/^[1-9]\d{0,8}$/.test(version)) throw notFound('Criteria template version');
    return this.templates.get(id, Number(version));
  }

  @Put(':id')
  @Allow('criteria-template.manage')
  @ApiOperation({ summary: 'Store a new version (older versions and the tenders that copied them are unchanged)' })
  @ApiHeader({ name: 'if-match', required: false, description: 'Optional ETag of the latest version; 412 when another version was stored meanwhile' })
  @ApiProblems('PRECONDITION_FAILED')
  async update(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @Body() dto: CriteriaTemplateBodyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CriteriaTemplateDto> {
    const t = await this.templates.update(auth, id, dto, ifMatch ? expectedVersion(ifMatch) : undefined);
    void reply.header('ETag', etagOf(t.version));
    return t;
  }
}
