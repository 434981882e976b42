import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { Page } from '../common/paging';
import { BidderDto, BidderQueryDto, CreateBidderDto } from './bidders.dto';
import { BiddersService } from './bidders.service';
import { PageOf } from '../common/openapi';
import { Allow } from '../auth/access';

@ApiTags('bidders')
@ApiBearerAuth()
@Controller('api/v1/bidders')
export class BiddersController {
  constructor(private readonly bidders: BiddersService) {}

  @Post()
  @Allow('bidder.manage')
  @ApiOperation({ summary: "Register a bidder in the caller's buyer's register" })
  create(@Auth() auth: AuthContext, @Body() dto: CreateBidderDto): Promise<BidderDto> {
    return this.bidders.create(auth, dto);
  }

  @Get()
  @Allow('bidder.read')
  @ApiOperation({ summary: "The buyer's bidders, by name; filter by part of the name" })
  @ApiOkResponse({ type: PageOf(BidderDto) })
  list(@Auth() auth: AuthContext, @Query() q: BidderQueryDto): Promise<Page<BidderDto>> {
    return this.bidders.list(auth, q);
  }

  @Get(':id')
  @Allow('bidder.read')
  @ApiOperation({ summary: 'One bidder' })
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<BidderDto> {
    return this.bidders.get(auth, id);
  }
}
