import { Body, Controller, Get, Headers, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext } from '../auth/auth-context';
import { etagOf, expectedVersion } from '../common/etag';
import { PutRiskModelDto, RiskModelDto } from './risk-model.dto';
import { RiskModelService } from './risk-model.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';
import { Allow } from '../auth/access';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('api/v1/risk-model')
export class RiskModelController {
  constructor(private readonly riskModel: RiskModelService) {}

  @Get()
  @Allow('reference.manage')
  @ApiOperation({ summary: 'The active risk-model version (constants of evaluation-method.md §4); ETag "v<version>"' })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<RiskModelDto> {
    const v = await this.riskModel.active();
    void reply.header('ETag', etagOf(v.version));
    return v;
  }

  @Get('versions')
  @Allow('reference.manage')
  @ApiOperation({ summary: 'Every risk-model version, newest first' })
  @ApiOkResponse({ type: PageOf(RiskModelDto) })
  versions(@Query() q: PageQueryDto): Promise<Page<RiskModelDto>> {
    return this.riskModel.versions(q);
  }

  @Put()
  @Allow('reference.manage')
  @ApiOperation({ summary: 'Store the constants as a new version and make it the active one (422 names every bad constant)' })
  @ApiHeader({ name: 'if-match', required: false, description: 'Optional ETag of the active version; 412 when another version became active meanwhile' })
  @ApiProblems('PRECONDITION_FAILED')
  async put(
    @Auth() auth: AuthContext,
    @Body() dto: PutRiskModelDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RiskModelDto> {
    const v = await this.riskModel.replace(auth, dto, ifMatch ? expectedVersion(ifMatch) : undefined);
    void reply.header('ETag', etagOf(v.version));
    return v;
  }
}
