import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sanctionListTemplateCsv } from '@app/interop';
import { supplyChainTemplateCsv } from '@app/interop';
import {} from '../auth/auth-context';
import { Allow } from '../auth/access';

/** Downloadable file templates (docs/interoperability.md describes each column). */
@ApiTags('templates')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or an invalid bearer token' })
@Controller('api/v1/templates')
export class TemplatesController {
  @Get('supply-chain.csv')
  @Allow('reference.read')
  @ApiOperation({
    operationId: 'getSupplyChainTemplate',
    summary: 'The supply-chain CSV template for bids: the header row and an example 3-level chain (ref/parent rows; lists semicolon-separated)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; charset=utf-8', schema: { type: 'string' } })
  supplyChain(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="supply-chain.csv"');
    return supplyChainTemplateCsv();
  }

  @Get('sanctions-list.csv')
  @Allow('reference.manage')
  @ApiOperation({
    operationId: 'getSanctionsListTemplate',
    summary: 'The sanctions list CSV layout for POST /api/v1/sanctions/imports: the header row and two example entries',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; charset=utf-8', schema: { type: 'string' } })
  @ApiForbiddenResponse({ description: 'Only admins' })
  sanctionsList(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="sanctions-list.csv"');
    return sanctionListTemplateCsv();
  }
}
