import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** Background jobs on PostgreSQL (pg-boss); global, like the database. */
@Global()
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
