import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { BuyerDto, CreateBuyerDto, UpdateBuyerDto } from './buyers.dto';
import { BuyersService } from './buyers.service';
import { PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';

@ApiTags('buyers')
@ApiBearerAuth()
@Controller('api/v1/buyers')
export class BuyersController {
  constructor(private readonly buyers: BuyersService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a buyer (contracting authority)' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateBuyerDto): Promise<BuyerDto> {
    return this.buyers.create(auth, dto);
  }

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Every buyer, by name' })
  @ApiOkResponse({ type: PageOf(BuyerDto) })
  list(@Query() q: PageQueryDto): Promise<Page<BuyerDto>> {
    return this.buyers.list(q);
  }

  @Get(':id')
  @Roles('ADMIN', 'OFFICER', 'AUDITOR')
  @ApiOperation({ summary: 'One buyer (officers and auditors: their own)' })
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<BuyerDto> {
    return this.buyers.get(auth, id);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Rename a buyer or set its public holidays (used for the appeal deadline)' })
  update(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: UpdateBuyerDto): Promise<BuyerDto> {
    return this.buyers.update(auth, id, dto);
  }
}
