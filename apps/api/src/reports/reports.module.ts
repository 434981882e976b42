import { Module } from '@nestjs/common';
import { InteropModule } from '../interop/interop.module';
import { TendersModule } from '../tenders/tenders.module';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ imports: [InteropModule, TendersModule], controllers: [ReportsController], providers: [ReportsService, ReportRepository] })
export class ReportsModule {}
