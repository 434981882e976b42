import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { BuyerDto, CreateBuyerDto, UpdateBuyerDto } from './buyers.dto';
import { BuyersService } from './buyers.service';

@ApiTags('buyers')
@ApiBearerAuth()
@Controller('api/v1/buyers')
export class BuyersController {
  constructor(private readonly buyers: BuyersService) {}

  @Post()
  @Roles('ADMIN')
  create(@Auth() auth: AuthContext, @Body() dto: CreateBuyerDto): Promise<BuyerDto> {
    return this.buyers.create(auth, dto);
  }

  @Get()
  @Roles('ADMIN')
  list(): Promise<BuyerDto[]> {
    return this.buyers.list();
  }

  @Get(':id')
  @Roles('ADMIN', 'OFFICER', 'AUDITOR')
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<BuyerDto> {
    return this.buyers.get(auth, id);
  }

  @Patch(':id')
  @Roles('ADMIN')
  update(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: UpdateBuyerDto): Promise<BuyerDto> {
    return this.buyers.update(auth, id, dto);
  }
}
