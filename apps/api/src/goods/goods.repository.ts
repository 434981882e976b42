import { Injectable } from '@nestjs/common';
import { Repository } from '../database/transaction';

/** The active goods-list dataset version, as the goods look-up reads it. */
@Injectable()
export class GoodsRepository extends Repository {
  async activeGoodsList(): Promise<{ version: number; rows: unknown } | null> {
    return this.db.riskDataset.findFirst({ where: { kind: 'GOODS_LIST', active: true }, select: { version: true, rows: true } });
  }
}
