export {
  columnOfField,
  DECLARATION_COLUMNS,
  locateField,
  parseSupplyChainCsv,
  SUPPLY_CHAIN_COLUMNS,
  supplyChainTemplateCsv,
  type CsvNode,
  type SupplyChainColumn,
  type SupplyChainCsvResult,
} from './parse';
