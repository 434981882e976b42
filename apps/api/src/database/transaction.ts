import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { LeanStatement, PrismaService } from './prisma.service';

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

  /**
   * A read of one statement on the pg pool directly when no transaction is
   * open (the hot reads: the guard's user row, a tender, a bid page), else on
   * the transaction through Prisma, so a read inside @Transactional still sees
   * its own writes and locks. The statement's columns must parse alike both
   * ways (see PrismaService.leanQuery).
   */
  protected lean<T>(statement: LeanStatement, ...values: unknown[]): Promise<T[]> {
    const db = this.txHost.tx;
    // Outside a transaction the host hands out the client itself (a type import only: this file is loaded
    // by tools and the test set-up that do not resolve @generated/prisma).
    if ('leanQuery' in db) return (db as PrismaService).leanQuery<T>(statement, values);
    return db.$queryRawUnsafe<T[]>(statement.text, ...values);
  }
}

export { Transactional, TransactionHost, Propagation } from '@nestjs-cls/transactional';
