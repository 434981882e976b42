import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders/tenders.module';
import { BidsController } from './bids.controller';
import { BidsService } from './bids.service';
import { BidRepository } from './bid.repository';

@Module({ imports: [TendersModule], controllers: [BidsController], providers: [BidsService, BidRepository], exports: [BidsService] })
export class BidsModule {}
