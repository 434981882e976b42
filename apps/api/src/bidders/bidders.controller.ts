import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { Page } from '../common/paging';
import { BidderDto, BidderQueryDto, CreateBidderDto } from './bidders.dto';
import { BiddersService } from './bidders.service';

@ApiTags('bidders')
@ApiBearerAuth()
@Controller('api/v1/bidders')
export class BiddersController {
  constructor(private readonly bidders: BiddersService) {}

  @Post()
  @Roles('OFFICER')
  create(@Auth() auth: AuthContext, @Body() dto: CreateBidderDto): Promise<BidderDto> {
    return this.bidders.create(auth, dto);
  }

  @Get()
  @Roles('OFFICER', 'AUDITOR')
  list(@Auth() auth: AuthContext, @Query() q: BidderQueryDto): Promise<Page<BidderDto>> {
    return this.bidders.list(auth, q);
  }

  @Get(':id')
  @Roles('OFFICER', 'AUDITOR')
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<BidderDto> {
    return this.bidders.get(auth, id);
  }
}
