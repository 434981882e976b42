import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { Public } from '../auth/auth-context';
import { HealthRepository } from './health.repository';
import { DomainError } from '../common/problem';

/** A readiness probe must answer quickly even when the database host does not answer at all. */
const READY_TIMEOUT_MS = 3000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: HealthRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'string', enum: ['ok'] } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'healthReady', summary: 'Readiness: 200 when the database answers, 503 problem+json with Retry-After when not' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['status', 'database'],
      additionalProperties: false,
      properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['ok'] } },
    },
  })
  @ApiProblems('DATABASE_UNAVAILABLE')
  async ready(): Promise<{ status: 'ok'; database: 'ok' }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DomainError('DATABASE_UNAVAILABLE', `The database did not answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.db.ping(), timeout]);
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw new DomainError('DATABASE_UNAVAILABLE', 'The database is not reachable');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'ok' };
  }
}
