import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/access';
import { Auth, AuthContext } from '../auth/auth-context';
import { IdPipe } from '../common/id.pipe';
import { JobDto } from './job.dto';
import { JobRecordsService } from './job-records.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly records: JobRecordsService) {}

  @Get(':id')
  @Allow('job.read')
  @ApiOperation({
    summary: 'A background job (large evaluation, report render, dataset import): status, progress, then the result’s location or the problem',
  })
  @ApiOkResponse({
    type: JobDto,
    description: 'Once succeeded, Location names the result (also in `location`)',
    headers: { Location: { description: 'The result, once succeeded', schema: { type: 'string' } } },
  })
  async get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<JobDto> {
    const job = await this.records.get(auth, id);
    if (job.location) void reply.header('location', job.location);
    return job;
  }
}
