import { Module } from '@nestjs/common';
import { BuyersController } from './buyers.controller';
import { BuyersService } from './buyers.service';
import { BuyerRepository } from './buyer.repository';

@Module({ controllers: [BuyersController], providers: [BuyersService, BuyerRepository], exports: [BuyersService, BuyerRepository] })
export class BuyersModule {}
