import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaModule } from './prisma.module';
import { PrismaService } from './prisma.service';

/**
 * nestjs-cls without a per-request mount: a @Transactional method opens its own
 * context (the transaction needs one; a read outside a transaction does not).
 * ClsRootModule still registers a global guard and interceptor that are
 * pass-throughs when not mounted; the interceptor alone puts every request
 * through Nest's rxjs interceptor chain. They are left out.
 */
function clsWithoutRequestMount(module: DynamicModule): DynamicModule {
  const enhancer = (p: Provider) => typeof p === 'object' && 'provide' in p && (p.provide === APP_GUARD || p.provide === APP_INTERCEPTOR);
  for (const imported of module.imports ?? []) {
    const m = imported as DynamicModule;
    if (m && typeof m === 'object' && Array.isArray(m.providers)) m.providers = m.providers.filter((p) => !enhancer(p));
  }
  return module;
}

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
    clsWithoutRequestMount(
      ClsModule.forRoot({
        global: true,
        plugins: [
          new ClsPluginTransactional({
            imports: [PrismaModule],
            adapter: new TransactionalAdapterPrisma({ prismaInjectionToken: PrismaService, sqlFlavor: 'postgresql' }),
          }),
        ],
      }),
    ),
  ],
  exports: [PrismaModule],
})
export class DatabaseModule {}
