import { Module } from '@nestjs/common';
import { CriteriaTemplateRepository } from '../admin/criteria-template.repository';
import { TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';
import { TenderRepository } from './tender.repository';

@Module({
  controllers: [TendersController],
  providers: [TendersService, TenderRepository, CriteriaTemplateRepository],
  exports: [TendersService, TenderRepository],
})
export class TendersModule {}
