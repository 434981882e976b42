import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { IdempotencyService } from './idempotency.service';

@Global()
@Module({ providers: [IdempotencyService, Clock], exports: [IdempotencyService, Clock] })
export class CommonModule {}
