import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { BuyerDto, CreateBuyerDto, UpdateBuyerDto } from './buyers.dto';
import { BuyersService } from './buyers.service';
import { PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';
import { Allow } from '../auth/access';

@ApiTags('buyers')
@ApiBearerAuth()
@Controller('api/v1/buyers')
export class BuyersController {
  constructor(private readonly buyers: BuyersService) {}

  @Post()
  @Allow('buyer.manage')
  @ApiOperation({ summary: 'Create a buyer (contracting authority)' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateBuyerDto): Promise<BuyerDto> {
    return this.buyers.create(auth, dto);
  }

  @Get()
  @Allow('buyer.manage')
  @ApiOperation({ summary: 'Every buyer, by name' })
  @ApiOkResponse({ type: PageOf(BuyerDto) })
  list(@Query() q: PageQueryDto): Promise<Page<BuyerDto>> {
    return this.buyers.list(q);
  }

  @Get(':id')
  @Allow('buyer.read')
  @ApiOperation({ summary: 'One buyer (officers and auditors: their own)' })
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<BuyerDto> {
    return this.buyers.get(auth, id);
  }

  @Patch(':id')
  @Allow('buyer.manage')
  @ApiOperation({ summary: 'Rename a buyer or set its public holidays (used for the appeal deadline)' })
  update(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: UpdateBuyerDto): Promise<BuyerDto> {
    return this.buyers.update(auth, id, dto);
  }
}
