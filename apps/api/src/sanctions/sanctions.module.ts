import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { SanctionListsController } from './sanction-lists.controller';
import { SanctionListsService } from './sanction-lists.service';
import { SanctionsController } from './sanctions.controller';
import { SanctionsService } from './sanctions.service';
import { SanctionRepository } from './sanction.repository';
import { SanctionListRepository } from './sanction-list.repository';

@Module({
  imports: [AlertsModule],
  controllers: [SanctionsController, SanctionListsController],
  providers: [SanctionsService, SanctionListsService, SanctionRepository, SanctionListRepository],
  exports: [SanctionsService],
})
export class SanctionsModule {}
