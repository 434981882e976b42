import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TendersModule } from '../tenders/tenders.module';
import { DeclarationRepository } from './declaration.repository';
import { EvaluationInputsRepository } from './evaluation-inputs.repository';
import { EvaluationPool } from './evaluation-pool';
import { EvaluationRepository } from './evaluation.repository';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { GradeRepository } from './grade.repository';
import { GradingService } from './grading.service';
import { JsonTextInterceptor } from './json-text.interceptor';

@Module({
  imports: [TendersModule, AuthModule],
  controllers: [EvaluationsController],
  providers: [
    EvaluationsService,
    GradingService,
    EvaluationPool,
    EvaluationRepository,
    EvaluationInputsRepository,
    DeclarationRepository,
    GradeRepository,
    JsonTextInterceptor,
    // Until the decisions services no longer use it (the impartiality gate is in the permission table now).
  ],
  exports: [EvaluationsService, EvaluationRepository],
})
export class EvaluationsModule {}
