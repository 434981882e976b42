import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { RescreeningService } from './rescreening.service';
import { RescreeningRepository } from './rescreening.repository';
import { AlertRepository } from './alert.repository';

/** Re-screening of active awards during execution (a job) and the alerts it raises. */
@Module({
  controllers: [AlertsController],
  providers: [AlertsService, RescreeningService, RescreeningRepository, AlertRepository],
  exports: [RescreeningService],
})
export class AlertsModule {}
