import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TendersModule } from '../tenders/tenders.module';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationPool } from './evaluation-pool';
import { EvaluationsService } from './evaluations.service';
import { GradingService } from './grading.service';
import { ImpartialityGate } from './impartiality.service';

@Module({
  imports: [TendersModule, AuthModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService, GradingService, ImpartialityGate, EvaluationPool],
  exports: [EvaluationsService, ImpartialityGate],
})
export class EvaluationsModule {}
