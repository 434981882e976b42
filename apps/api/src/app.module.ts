import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AdminModule } from './admin/admin.module';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BiddersModule } from './bidders/bidders.module';
import { BidsModule } from './bids/bids.module';
import { BuyersModule } from './buyers/buyers.module';
import { CommonModule } from './common/common.module';
import { ProblemFilter } from './common/problem.filter';
import { DatabaseModule } from './database/database.module';
import { DecisionsModule } from './decisions/decisions.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { GoodsModule } from './goods/goods.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { InteropModule } from './interop/interop.module';
import { SanctionsModule } from './sanctions/sanctions.module';
import { ReportsModule } from './reports/reports.module';
import { TemplatesModule } from './templates/templates.module';
import { TendersModule } from './tenders/tenders.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** The configuration is loaded (and the database resolved) before Nest starts. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // No Express-style middleware per request (pino-http's child logger, redaction and finish listener
          // through middie, ~40 µs even when the level drops the line): the request line is a Fastify
          // onResponse hook (common/request-log.ts), added only when LOG_LEVEL lets info lines through.
          forRoutes: [],
          pinoHttp: {
            level: config.logLevel,
            // The request id is assigned by Fastify (genReqId) on the raw request.
            genReqId: (req) => (req as { id?: string }).id ?? '',
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
            customProps: () => ({ service: 'tender-evaluation' }),
          },
        }),
        DatabaseModule,
        JobsModule,
        CommonModule,
        AuditModule,
        AuthModule,
        HealthModule,
        GoodsModule,
        BuyersModule,
        UsersModule,
        BiddersModule,
        TendersModule,
        BidsModule,
        EvaluationsModule,
        ReportsModule,
        DecisionsModule,
        AdminModule,
        SanctionsModule,
        AlertsModule,
        TemplatesModule,
        InteropModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
