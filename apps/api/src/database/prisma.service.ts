import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '@generated/prisma';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export type Tx = Prisma.TransactionClient;

/**
 * The one Prisma client. Multi-row writes go through `transaction()` so that a
 * failed request changes nothing.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A bounded connect: with the database host gone, requests fail (503) within seconds instead of hanging.
    super({ adapter: new PrismaPg({ connectionString: config.databaseUrl!, max: 20, connectionTimeoutMillis: 5000 }) });
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { isolationLevel?: Prisma.TransactionIsolationLevel; timeout?: number }): Promise<T> {
    return this.$transaction(fn, { timeout: options?.timeout ?? 30_000, maxWait: 10_000, isolationLevel: options?.isolationLevel });
  }

  /**
   * After the HTTP server has drained (app.close() runs destroy hooks, then closes the server and waits
   * for in-flight requests, then shutdown hooks): a running evaluation still has its database.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
