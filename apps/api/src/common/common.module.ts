import { Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Clock } from './clock';
import { registerCsvBodyParser } from './csv-body';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';

@Global()
@Module({ providers: [IdempotencyService, IdempotencyRepository, Clock], exports: [IdempotencyService, Clock] })
export class CommonModule implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  /** text/csv bodies (datasets, sanctions lists, supply chains): csv-body.ts. */
  onModuleInit(): void {
    registerCsvBodyParser(this.host);
  }
}
