import { Module } from '@nestjs/common';
import { BiddersController } from './bidders.controller';
import { BiddersService } from './bidders.service';
import { BidderRepository } from './bidder.repository';

@Module({ controllers: [BiddersController], providers: [BiddersService, BidderRepository], exports: [BiddersService, BidderRepository] })
export class BiddersModule {}
