export { decodeUtf8, ErrorList, MAX_REPORTED_ERRORS, readCsvRecords, splitList, type CsvRecord, type ImportError } from './csv';
export {
  ART44_GROUND,
  lastDayWithin,
  MAX_SANCTION_YEARS,
  optionErrors,
  parseSanctionList,
  SANCTION_FIELDS,
  sanctionListTemplateCsv,
  type SanctionField,
  type SanctionListEntry,
  type SanctionListFormat,
  type SanctionListOptions,
  type SanctionListResult,
  type SanctionScope,
  SANCTION_LIST_FORMATS,
  SANCTION_SCOPES,
} from './parse';
