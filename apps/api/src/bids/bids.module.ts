import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders/tenders.module';
import { BidsController } from './bids.controller';
import { BidsService } from './bids.service';

@Module({ imports: [TendersModule], controllers: [BidsController], providers: [BidsService], exports: [BidsService] })
export class BidsModule {}
