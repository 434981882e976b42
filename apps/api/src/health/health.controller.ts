import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { DomainError } from '../common/problem';

/** A readiness probe must answer quickly even when the database host does not answer at all. */
const READY_TIMEOUT_MS = 3000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /** Liveness: the process answers. */
  @Get()
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers (503 with Retry-After when it does not). */
  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'healthReady', summary: 'Readiness: 200 when the database answers, 503 problem+json with Retry-After when not' })
  @ApiOkResponse({ description: 'The database answers' })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable (Retry-After says when to ask again)' })
  async ready(): Promise<{ status: 'ok'; database: 'ok' }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DomainError('DATABASE_UNAVAILABLE', `The database did not answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.prisma.$queryRaw`SELECT 1`, timeout]);
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw new DomainError('DATABASE_UNAVAILABLE', 'The database is not reachable');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'ok' };
  }
}
