import { Module } from '@nestjs/common';
import { InteropModule } from '../interop/interop.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ imports: [InteropModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
