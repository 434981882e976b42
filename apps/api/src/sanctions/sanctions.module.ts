import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { SanctionListsController } from './sanction-lists.controller';
import { SanctionListsService } from './sanction-lists.service';
import { SanctionsController } from './sanctions.controller';
import { SanctionsService } from './sanctions.service';

@Module({
  imports: [AlertsModule],
  controllers: [SanctionsController, SanctionListsController],
  providers: [SanctionsService, SanctionListsService],
  exports: [SanctionsService],
})
export class SanctionsModule {}
