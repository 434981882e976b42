import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { BidDto, CreateBidDto } from './bids.dto';
import { BidsService } from './bids.service';

@ApiTags('bids')
@ApiBearerAuth()
@Controller('api/v1/tenders/:id/bids')
export class BidsController {
  constructor(private readonly bids: BidsService) {}

  @Post()
  @Roles('OFFICER')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the first answer again; same key, other body: 422' })
  async submit(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) tenderId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: CreateBidDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BidDto> {
    const r = await this.bids.submit(auth, tenderId, dto, key);
    void reply.status(r.status);
    if (r.replayed) void reply.header('Idempotent-Replayed', 'true');
    return r.body;
  }

  @Get()
  @Roles('OFFICER', 'AUDITOR')
  list(@Auth() auth: AuthContext, @Param('id', IdPipe) tenderId: string): Promise<BidDto[]> {
    return this.bids.list(auth, tenderId);
  }

  @Get(':bidId')
  @Roles('OFFICER', 'AUDITOR')
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) tenderId: string, @Param('bidId', IdPipe) bidId: string): Promise<BidDto> {
    return this.bids.get(auth, tenderId, bidId);
  }
}
