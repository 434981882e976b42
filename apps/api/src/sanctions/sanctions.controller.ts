import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { CreateSanctionDto, SanctionDto, SanctionQueryDto } from './sanctions.dto';
import { SanctionsService } from './sanctions.service';
import { PageOf } from '../common/openapi';
import { Page } from '../common/paging';
import { Allow } from '../auth/access';

/** The Art. 45 sanctions list is not public: ADMIN only. */
@ApiTags('configuration')
@ApiBearerAuth()
@Controller('api/v1/sanctions')
export class SanctionsController {
  constructor(private readonly sanctions: SanctionsService) {}

  @Get()
  @Allow('reference.manage')
  @ApiOperation({ summary: 'Every sanctions entry with its status as of today (ACTIVE, EXPIRED, UPCOMING); filter by status' })
  @ApiOkResponse({ type: PageOf(SanctionDto) })
  list(@Query() q: SanctionQueryDto): Promise<Page<SanctionDto>> {
    return this.sanctions.list(q);
  }

  @Post()
  @Allow('reference.manage')
  @ApiOperation({ summary: 'Add an Art. 45 sanction: ground, period (at most 5 years) and scope (one buyer, or all federal buyers)' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateSanctionDto): Promise<SanctionDto> {
    return this.sanctions.create(auth, dto);
  }

  @Get(':id')
  @Allow('reference.manage')
  @ApiOperation({ summary: 'One sanctions entry with its status as of today' })
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<SanctionDto> {
    return this.sanctions.get(auth, id);
  }

  @Delete(':id')
  @Allow('reference.manage')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOperation({ summary: 'Delete an entry (e.g. once expired); later evaluations no longer match it, earlier ones keep their recorded inputs' })
  async remove(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<void> {
    await this.sanctions.remove(auth, id);
  }
}
