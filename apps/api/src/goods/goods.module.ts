import { Module } from '@nestjs/common';
import { GoodsController } from './goods.controller';
import { GoodsService } from './goods.service';
import { GoodsRepository } from './goods.repository';

@Module({ controllers: [GoodsController], providers: [GoodsService, GoodsRepository] })
export class GoodsModule {}
