import { Module } from '@nestjs/common';
import { BiddersController } from './bidders.controller';
import { BiddersService } from './bidders.service';

@Module({ controllers: [BiddersController], providers: [BiddersService], exports: [BiddersService] })
export class BiddersModule {}
