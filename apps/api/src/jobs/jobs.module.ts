import { Global, Module } from '@nestjs/common';
import { TendersModule } from '../tenders/tenders.module';
import { EvaluationJobsService } from './evaluation-jobs.service';
import { JobRecordsService } from './job-records.service';
import { JobRepository } from './job.repository';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

/** Background jobs on PostgreSQL (pg-boss) and the job resource; global, like the database. */
@Global()
@Module({
  imports: [TendersModule],
  controllers: [JobsController],
  providers: [JobsService, JobRepository, JobRecordsService, EvaluationJobsService],
  exports: [JobsService, JobRepository, JobRecordsService, EvaluationJobsService],
})
export class JobsModule {}
