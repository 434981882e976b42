import { Injectable } from '@nestjs/common';
import { Repository } from '../database/transaction';

/** The readiness probe's database ping. */
@Injectable()
export class HealthRepository extends Repository {
  async ping(): Promise<void> {
    await this.db.$queryRaw`SELECT 1`;
  }
}
