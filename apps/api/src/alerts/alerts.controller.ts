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
import { Auth, AuthContext } from '../auth/auth-context';
import { AlertPageDto, AlertQueryDto } from './alerts.dto';
import { AlertsService } from './alerts.service';
import { Allow } from '../auth/access';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Allow('alert.read')
  @ApiOperation({
    operationId: 'listAlerts',
    summary: 'Matches found while contracts are executed (Art. 26(1)): newest first, with the finding to resolve, the tender, the award and the trigger',
  })
  @ApiOkResponse({ type: AlertPageDto })
  @ApiUnauthorizedResponse({ description: 'No or an invalid bearer token' })
  @ApiForbiddenResponse({ description: 'Only officers and auditors (of their own buyer)' })
  @ApiUnprocessableEntityResponse({ description: 'page or pageSize out of range' })
  list(@Auth() auth: AuthContext, @Query() q: AlertQueryDto): Promise<AlertPageDto> {
    return this.alerts.list(auth, q);
  }
}
