import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext } from '../auth/auth-context';
import { etagOf, expectedVersion } from '../common/etag';
import { IdPipe } from '../common/id.pipe';
import { Page } from '../common/paging';
import { CreateTenderDto, TenderDto, TenderQueryDto, UpdateTenderDto } from './tenders.dto';
import { TendersService } from './tenders.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Allow } from '../auth/access';
import { CallerInRead } from '../auth/caller-in-read';

const optionalVersion = (ifMatch?: string) => (ifMatch ? expectedVersion(ifMatch) : undefined);

@ApiTags('tenders')
@ApiBearerAuth()
@Controller('api/v1/tenders')
export class TendersController {
  constructor(private readonly tenders: TendersService) {}

  @Post()
  @Allow('tender.manage')
  @ApiOperation({ summary: 'Create a DRAFT tender with its criteria (or a criteria template); ETag "v<version>"' })
  @ApiProblems('DUPLICATE')
  async create(@Auth() auth: AuthContext, @Body() dto: CreateTenderDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenderDto> {
    const t = await this.tenders.create(auth, dto);
    void reply.header('ETag', etagOf(t.version));
    return t;
  }

  @Get()
  @Allow('tender.read')
  @ApiOperation({ summary: "The caller's buyer's tenders, newest first; filter by status or text" })
  @ApiOkResponse({ type: PageOf(TenderDto) })
  list(@Auth() auth: AuthContext, @Query() q: TenderQueryDto): Promise<Page<TenderDto>> {
    return this.tenders.list(auth, q);
  }

  @Get(':id')
  @Allow('tender.read')
  @CallerInRead()
  @ApiOperation({ summary: 'One tender with its criteria; ETag "v<version>"' })
  async get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenderDto> {
    const t = await this.tenders.getJson(auth, id);
    void reply.header('ETag', etagOf(t.version)).header('content-type', 'application/json; charset=utf-8');
    // The TenderDto's JSON text as PostgreSQL assembled it (sent as is, since the content type is set); typed as the DTO for the contract.
    return t.json as unknown as TenderDto;
  }

  @Patch(':id')
  @Allow('tender.manage')
  @ApiOperation({ summary: 'Change a DRAFT tender (If-Match required); criteria are frozen at publication' })
  @ApiHeader({ name: 'if-match', required: true, description: 'ETag from the latest GET' })
  @ApiProblems('CRITERIA_FROZEN', 'DUPLICATE', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED')
  async update(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateTenderDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TenderDto> {
    const t = await this.tenders.update(auth, id, expectedVersion(ifMatch), dto);
    void reply.header('ETag', etagOf(t.version));
    return t;
  }

  @Post(':id/publish')
  @Allow('tender.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a DRAFT tender: criteria frozen, bids accepted' })
  @ApiHeader({ name: 'if-match', required: false, description: 'Optional ETag; 412 when the tender changed meanwhile' })
  @ApiProblems('TENDER_NOT_DRAFT', 'CONFLICT', 'PRECONDITION_FAILED')
  publish(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.tenders.transition(auth, id, 'publish', optionalVersion(ifMatch));
  }

  @Post(':id/close')
  @Allow('tender.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a PUBLISHED tender: no more bids; it can be evaluated' })
  @ApiHeader({ name: 'if-match', required: false, description: 'Optional ETag; 412 when the tender changed meanwhile' })
  @ApiProblems('TENDER_NOT_PUBLISHED', 'CONFLICT', 'PRECONDITION_FAILED')
  close(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.tenders.transition(auth, id, 'close', optionalVersion(ifMatch));
  }

  @Post(':id/cancel')
  @Allow('tender.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a tender that is not yet awarded' })
  @ApiHeader({ name: 'if-match', required: false, description: 'Optional ETag; 412 when the tender changed meanwhile' })
  @ApiProblems('INVALID_TRANSITION', 'CONFLICT', 'PRECONDITION_FAILED')
  cancel(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.tenders.transition(auth, id, 'cancel', optionalVersion(ifMatch));
  }
}
