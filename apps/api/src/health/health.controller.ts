import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { Public } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { DomainError } from '../common/problem';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

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
  @ApiOperation({ summary: 'Readiness: the database answers (503 with Retry-After when it does not)' })
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
    try {
      await this.prisma.$queryRaw`SELECT 1`;
    } catch {
      throw new DomainError('DATABASE_UNAVAILABLE', 'The database is not reachable');
    }
    return { status: 'ok', database: 'ok' };
  }
}
