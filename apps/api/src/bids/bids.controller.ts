import { Body, Controller, Get, Headers, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblems, PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext } from '../auth/auth-context';
import { Consumes } from '../common/http-hardening';
import { IdPipe } from '../common/id.pipe';
import { BidDto, BidSummaryDto, CreateBidDto } from './bids.dto';
import { BidsService } from './bids.service';
import { SUPPLY_CHAIN_PART, SupplyChainCsvInterceptor } from './supply-chain-csv.interceptor';
import { Allow } from '../auth/access';
import { CallerInRead } from '../auth/caller-in-read';

@ApiTags('bids')
@ApiBearerAuth()
@Controller('api/v1/tenders/:id/bids')
export class BidsController {
  constructor(private readonly bids: BidsService) {}

  @Post()
  @Allow('bid.submit')
  // A supply chain may also come as CSV (GET /api/v1/templates/supply-chain.csv); turned into this JSON body before validation.
  @UseInterceptors(SupplyChainCsvInterceptor)
  @ApiExtraModels(CreateBidDto)
  @Consumes('application/json', 'text/csv', 'multipart/form-data')
  @ApiBody({
    description:
      'JSON (CreateBidDto); or the supply chain as CSV, one row per node (template: GET /api/v1/templates/supply-chain.csv): a text/csv body with bidderId, receivedAt, price and figures (JSON) as query parameters, or multipart/form-data with those fields and the CSV as the part "supplyChain". CSV errors name `line <n>, column <name>`.',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CreateBidDto) },
        {
          title: 'multipart/form-data',
          type: 'object',
          required: ['bidderId', 'receivedAt', 'price', SUPPLY_CHAIN_PART],
          properties: {
            bidderId: { type: 'string', format: 'uuid' },
            receivedAt: { type: 'string', format: 'date-time' },
            price: { type: 'string', description: 'decimal' },
            figures: { type: 'string', description: 'JSON object {"CODE": "decimal"}' },
            [SUPPLY_CHAIN_PART]: { type: 'string', format: 'binary' },
          },
        },
        { title: 'text/csv (bid fields in the query)', type: 'string', format: 'binary' },
      ],
    },
  })
  @ApiQuery({ name: 'bidderId', required: false, description: 'text/csv bids: required' })
  @ApiQuery({ name: 'receivedAt', required: false, description: 'text/csv bids: required (ISO 8601 with offset)' })
  @ApiQuery({ name: 'price', required: false, description: 'text/csv bids: required (decimal)' })
  @ApiQuery({ name: 'figures', required: false, description: 'text/csv bids: JSON object {"CODE": "decimal"}' })
  @ApiOperation({
    summary:
      'Submit a bid with its supply chain while the tender is PUBLISHED; 201, also when an Idempotency-Key replays the first answer (header Idempotent-Replayed)',
  })
  @ApiCreatedResponse({ type: BidDto })
  @ApiProblems('TENDER_NOT_PUBLISHED', 'DUPLICATE', 'IDEMPOTENCY_KEY_REUSED')
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'Same key and body: the first answer again; same key, other body: 422' })
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
  @Allow('tender.read')
  @CallerInRead()
  @ApiOperation({ summary: 'The bids of a tender as summaries (bidder, price, received, node count), oldest first; the supply chain is on GET …/bids/{bidId}' })
  @ApiOkResponse({ type: PageOf(BidSummaryDto) })
  async list(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) tenderId: string,
    @Query() q: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<BidSummaryDto>> {
    const json = await this.bids.listJson(auth, tenderId, q);
    void reply.header('content-type', 'application/json; charset=utf-8');
    // The page's JSON text as written (sent as is, since the content type is set); typed as the page for the contract.
    return json as unknown as Page<BidSummaryDto>;
  }

  @Get(':bidId')
  @Allow('tender.read')
  @CallerInRead()
  @ApiOperation({ summary: 'One bid with its whole supply chain' })
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) tenderId: string, @Param('bidId', IdPipe) bidId: string): Promise<BidDto> {
    return this.bids.get(auth, tenderId, bidId);
  }
}
