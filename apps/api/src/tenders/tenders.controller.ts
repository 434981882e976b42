import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { etagOf, expectedVersion } from '../common/etag';
import { IdPipe } from '../common/id.pipe';
import { Page } from '../common/paging';
import { CreateTenderDto, TenderDto, TenderQueryDto, UpdateTenderDto } from './tenders.dto';
import { TendersService } from './tenders.service';

const optionalVersion = (ifMatch?: string) => (ifMatch ? expectedVersion(ifMatch) : undefined);

@ApiTags('tenders')
@ApiBearerAuth()
@Controller('api/v1/tenders')
export class TendersController {
  constructor(private readonly tenders: TendersService) {}

  @Post()
  @Roles('OFFICER')
  async create(@Auth() auth: AuthContext, @Body() dto: CreateTenderDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenderDto> {
    const t = await this.tenders.create(auth, dto);
    void reply.header('ETag', etagOf(t.version));
    return t;
  }

  @Get()
  @Roles('OFFICER', 'AUDITOR')
  list(@Auth() auth: AuthContext, @Query() q: TenderQueryDto): Promise<Page<TenderDto>> {
    return this.tenders.list(auth, q);
  }

  @Get(':id')
  @Roles('OFFICER', 'AUDITOR')
  async get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenderDto> {
    const t = await this.tenders.get(auth, id);
    void reply.header('ETag', etagOf(t.version));
    return t;
  }

  @Patch(':id')
  @Roles('OFFICER')
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag from the latest GET' })
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
  @Roles('OFFICER')
  @HttpCode(200)
  publish(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.tenders.transition(auth, id, 'publish', optionalVersion(ifMatch));
  }

  @Post(':id/close')
  @Roles('OFFICER')
  @HttpCode(200)
  close(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.tenders.transition(auth, id, 'close', optionalVersion(ifMatch));
  }

  @Post(':id/cancel')
  @Roles('OFFICER')
  @HttpCode(200)
  cancel(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.tenders.transition(auth, id, 'cancel', optionalVersion(ifMatch));
  }
}
