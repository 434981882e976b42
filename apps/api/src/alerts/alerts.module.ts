import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { RescreeningService } from './rescreening.service';

/** Re-screening of active awards during execution (a job) and the alerts it raises. */
@Module({ controllers: [AlertsController], providers: [AlertsService, RescreeningService], exports: [RescreeningService] })
export class AlertsModule {}
