import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { PrismaService } from './prisma.service';

/** Bounded transactions: a stuck lock fails the request (and rolls back) instead of hanging it. */
export const TX_DEFAULTS = { timeout: 30_000, maxWait: 10_000 };

export type PrismaTxHost = TransactionHost<TransactionalAdapterPrisma<PrismaService>>;

/**
 * Base of every repository: `this.db` is the transaction of the current
 * async context when one is open (@Transactional), else the plain client.
 * Only repositories (and this folder) import Prisma; a lint rule enforces it.
 */
@Injectable()
export abstract class Repository {
  constructor(protected readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  protected get db(): PrismaTxHost['tx'] {
    return this.txHost.tx;
  }
}

export { Transactional, TransactionHost, Propagation } from '@nestjs-cls/transactional';
