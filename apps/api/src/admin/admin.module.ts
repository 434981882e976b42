import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AlertsModule } from '../alerts/alerts.module';
import { CriteriaTemplatesController } from './criteria-templates.controller';
import { CriteriaTemplatesService } from './criteria-templates.service';
import { ReferenceDataService } from './reference-data.service';
import { RiskDatasetsController } from './risk-datasets.controller';
import { RiskDatasetImportJobs } from './risk-datasets.jobs';
import { RiskDatasetsService } from './risk-datasets.service';
import { RiskModelController } from './risk-model.controller';
import { RiskModelService } from './risk-model.service';

const CSV_TYPES = ['text/csv', 'application/csv'];

/** Configuration (ADMIN): criteria templates, the risk model and the risk datasets, plus their defaults at setup. */
@Module({
  imports: [AlertsModule],
  controllers: [CriteriaTemplatesController, RiskModelController, RiskDatasetsController],
  providers: [CriteriaTemplatesService, RiskModelService, RiskDatasetsService, ReferenceDataService, RiskDatasetImportJobs],
  exports: [CriteriaTemplatesService, RiskModelService, RiskDatasetsService, ReferenceDataService],
})
export class AdminModule implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  /**
   * A dataset can be uploaded as a raw text/csv body. Fastify answers 415 to
   * a type it has no parser for, so one is added here, keeping the bytes as
   * they came (parseDataset decodes strictly and hashes them) and subject to
   * the instance's body limit (BODY_LIMIT). There is no HTTP adapter in a
   * CLI application context.
   */
  onModuleInit(): void {
    const adapter = this.host?.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyInstance>();
    for (const type of CSV_TYPES) {
      if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    }
  }
}
