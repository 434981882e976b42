import { Global, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaModule } from './prisma.module';
import { PrismaService } from './prisma.service';
import { TX_DEFAULTS } from './transaction';

/**
 * The database edge. Transactions propagate through the async context
 * (nestjs-cls): a service method marked @Transactional() (or run in
 * `TransactionHost.withTransaction`) makes every repository call inside it use
 * the same transaction, without a client passed around.
 */
@Global()
@Module({
  imports: [
    PrismaModule,
    ClsModule.forRoot({
      global: true,
      plugins: [
        new ClsPluginTransactional({
          imports: [PrismaModule],
          adapter: new TransactionalAdapterPrisma({ prismaInjectionToken: PrismaService, sqlFlavor: 'postgresql', defaultTxOptions: TX_DEFAULTS }),
        }),
      ],
    }),
  ],
  exports: [PrismaModule],
})
export class DatabaseModule {}
