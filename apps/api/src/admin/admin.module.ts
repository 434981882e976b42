import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CriteriaTemplatesController } from './criteria-templates.controller';
import { CriteriaTemplatesService } from './criteria-templates.service';
import { CriteriaTemplateRepository } from './criteria-template.repository';
import { ReferenceDataService } from './reference-data.service';
import { RiskDatasetsController } from './risk-datasets.controller';
import { RiskDatasetImportJobs } from './risk-datasets.jobs';
import { RiskDatasetsService } from './risk-datasets.service';
import { RiskModelController } from './risk-model.controller';
import { RiskModelService } from './risk-model.service';
import { ReferenceDataRepository } from './reference-data.repository';
import { RiskModelRepository } from './risk-model.repository';
import { RiskDatasetRepository } from './risk-dataset.repository';

/** Configuration (ADMIN): criteria templates, the risk model and the risk datasets, plus their defaults at setup. */
@Module({
  imports: [AlertsModule],
  controllers: [CriteriaTemplatesController, RiskModelController, RiskDatasetsController],
  providers: [
    CriteriaTemplatesService,
    CriteriaTemplateRepository,
    RiskModelService,
    RiskDatasetsService,
    ReferenceDataService,
    ReferenceDataRepository,
    RiskModelRepository,
    RiskDatasetRepository,
    RiskDatasetImportJobs,
  ],
  exports: [CriteriaTemplatesService, RiskModelService, RiskDatasetsService, ReferenceDataService],
})
// text/csv bodies (datasets upload as CSV): registered once in common/csv-body.ts.
export class AdminModule {}
