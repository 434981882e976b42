import { Body, Controller, Get, Headers, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redFlagLangOf } from '@app/interop';
import { Auth, AuthContext } from '../auth/auth-context';
import { etagOf, expectedVersion } from '../common/etag';
import { IdPipe } from '../common/id.pipe';
import {
  OcdsReleasePackageDto,
  PutRedFlagThresholdsDto,
  RedFlagsPageDto,
  RedFlagsQueryDto,
  RedFlagThresholdVersionDto,
  TenderRedFlagsDto,
} from './interop.dto';
import { InteropService } from './interop.service';
import { Allow } from '../auth/access';

const UNAUTHENTICATED = { status: 401, description: 'No or bad token (problem+json)' };
const FORBIDDEN = { status: 403, description: 'Role not allowed (problem+json)' };
const TENDER_NOT_FOUND = { status: 404, description: "Unknown tender, or another buyer's (problem+json)" };
const LANGUAGE = { name: 'accept-language', required: false, description: 'en (default), fr, de or it: the language of titles and definitions' };

/** Where the package is served, as the caller reached it. */
const selfUri = (req: FastifyRequest) => `${req.protocol}://${req.host}${req.url.split('?')[0]}`;

@ApiTags('interoperability')
@ApiBearerAuth()
@Controller('api/v1')
export class InteropController {
  constructor(private readonly interop: InteropService) {}

  @Get('tenders/:id/ocds')
  @Allow('tender.read')
  @ApiOperation({
    operationId: 'getTenderOcds',
    summary: 'The tender as an OCDS 1.1 release package: parties, bids extension, awards, supply chains and risk under x_tenderEvaluation',
  })
  @ApiOkResponse({ type: OcdsReleasePackageDto })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(TENDER_NOT_FOUND)
  ocds(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Req() req: FastifyRequest): Promise<OcdsReleasePackageDto> {
    return this.interop.ocdsPackage(auth, id, selfUri(req));
  }

  @Get('tenders/:id/red-flags')
  @Allow('red-flag.read')
  @ApiOperation({
    operationId: 'getTenderRedFlags',
    summary: 'Every red flag for integrity of the tender (latest evaluation, active thresholds) with the exact figures',
  })
  @ApiHeader(LANGUAGE)
  @ApiOkResponse({ type: TenderRedFlagsDto })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(TENDER_NOT_FOUND)
  tenderRedFlags(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('accept-language') lang?: string): Promise<TenderRedFlagsDto> {
    return this.interop.tenderRedFlags(auth, id, redFlagLangOf(lang));
  }

  @Get('red-flags')
  @Allow('red-flag.read')
  @ApiOperation({ operationId: 'listRedFlags', summary: "The red flags of every tender of the caller's buyer, newest tender first (paged)" })
  @ApiHeader(LANGUAGE)
  @ApiQuery({ name: 'page', required: false, type: 'integer', description: '1-based page number' })
  @ApiQuery({ name: 'pageSize', required: false, type: 'integer', description: 'Tenders per page (1–200, default 50)' })
  @ApiOkResponse({ type: RedFlagsPageDto })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 422, description: 'page or pageSize invalid (problem+json naming the field)' })
  buyerRedFlags(@Auth() auth: AuthContext, @Query() q: RedFlagsQueryDto, @Headers('accept-language') lang?: string): Promise<RedFlagsPageDto> {
    return this.interop.buyerRedFlags(auth, q, redFlagLangOf(lang));
  }
}

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('api/v1/red-flag-thresholds')
export class RedFlagThresholdsController {
  constructor(private readonly interop: InteropService) {}

  @Get()
  @Allow('reference.manage')
  @ApiOperation({ operationId: 'getRedFlagThresholds', summary: 'The active red-flag thresholds; ETag "v<version>"' })
  @ApiOkResponse({ type: RedFlagThresholdVersionDto })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<RedFlagThresholdVersionDto> {
    const v = await this.interop.activeThresholds();
    void reply.header('ETag', etagOf(v.version));
    return v;
  }

  @Get('versions')
  @Allow('reference.manage')
  @ApiOperation({ operationId: 'listRedFlagThresholdVersions', summary: 'Every red-flag threshold version, newest first' })
  @ApiOkResponse({ type: [RedFlagThresholdVersionDto] })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  versions(): Promise<RedFlagThresholdVersionDto[]> {
    return this.interop.thresholdVersions();
  }

  @Put()
  @Allow('reference.manage')
  @ApiOperation({
    operationId: 'putRedFlagThresholds',
    summary: 'Store the thresholds as a new version and make it the active one (422 names every bad field)',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional ETag of the active version; 412 when another version became active meanwhile' })
  @ApiOkResponse({ type: RedFlagThresholdVersionDto })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 412, description: 'If-Match names a version that is no longer active (problem+json)' })
  @ApiResponse({ status: 422, description: 'A threshold is invalid; errors name thresholds.<field> (problem+json)' })
  async put(
    @Auth() auth: AuthContext,
    @Body() dto: PutRedFlagThresholdsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedFlagThresholdVersionDto> {
    const v = await this.interop.replaceThresholds(auth, dto, ifMatch ? expectedVersion(ifMatch) : undefined);
    void reply.header('ETag', etagOf(v.version));
    return v;
  }
}
