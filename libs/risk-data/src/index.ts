/**
 * Risk-data library: parses and validates the risk dataset files of
 * evaluation-method.md §4 and converts them to the engine's RiskDatasets.
 * Pure TypeScript: no Nest, no Prisma.
 */
export * from './types';
export { parseDataset, parseDatasetAsync, MAX_REPORTED_ERRORS } from './parse';
export { toRiskDatasets, type RiskDatasetParts } from './convert';
export { datasetTemplateCsv } from './template';
export {
  SHIPPED_DATASETS,
  loadShippedDatasets,
  ShippedDatasetError,
  type ShippedDataset,
  type LoadedDataset,
  type ShippedKind,
  type AnyShippedDataset,
  type AnyLoadedDataset,
} from './shipped';
export { riskModelErrors, type RiskModelFieldError } from './risk-model';
export { checkDecimal, DECIMAL_RE, type DecimalRule } from './decimal-string';
