import { Module } from '@nestjs/common';
import { TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';
import { TenderRepository } from './tender.repository';

@Module({ controllers: [TendersController], providers: [TendersService, TenderRepository], exports: [TendersService, TenderRepository] })
export class TendersModule {}
