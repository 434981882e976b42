import type { INestApplicationContext } from '@nestjs/common';
import { Repository, TransactionHost } from '../database/transaction';

/** What the demo seed asks of the database before it seeds: is this a fresh installation (no buyer yet)? */
export class SeedRepository extends Repository {
  static of(app: INestApplicationContext): SeedRepository {
    return new SeedRepository(app.get(TransactionHost));
  }

  async fresh(): Promise<boolean> {
    return (await this.db.buyer.count()) === 0;
  }
}
