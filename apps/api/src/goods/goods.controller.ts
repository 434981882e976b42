import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {} from '../auth/auth-context';
import { GoodsPageDto, GoodsQueryDto } from './goods.dto';
import { GoodsService } from './goods.service';
import { Allow } from '../auth/access';

@ApiTags('goods')
@ApiBearerAuth()
@Controller('api/v1/goods')
export class GoodsController {
  constructor(private readonly goods: GoodsService) {}

  @Get()
  @Allow('reference.read')
  @ApiOperation({ operationId: 'listGoods', summary: 'Known good names of the active goods list (US DOL ILAB), paged, filtered by `q`' })
  @ApiOkResponse({ type: GoodsPageDto })
  @ApiUnauthorizedResponse({ description: 'No or an invalid bearer token (problem+json)' })
  @ApiForbiddenResponse({ description: 'Role not allowed (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid page, pageSize or q; the fields are named (problem+json)' })
  list(@Query() q: GoodsQueryDto): Promise<GoodsPageDto> {
    return this.goods.list(q);
  }
}
