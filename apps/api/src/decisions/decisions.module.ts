import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { TendersModule } from '../tenders/tenders.module';
import { AwardsService } from './awards.service';
import { DecisionRepository } from './decision.repository';
import { DecisionsController } from './decisions.controller';
import { ExclusionsService } from './exclusions.service';
import { FindingsService } from './findings.service';

@Module({
  imports: [TendersModule, EvaluationsModule, AuthModule],
  controllers: [DecisionsController],
  providers: [DecisionRepository, FindingsService, ExclusionsService, AwardsService],
  exports: [FindingsService, ExclusionsService, AwardsService],
})
export class DecisionsModule {}
