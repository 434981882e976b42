import { KIND_SPECS } from './kinds';
import type { DatasetKind } from './types';

const csvCell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * Header line (required columns, then optional ones) and one example row,
 * for admins preparing an import. The example parses as a valid file; its
 * values come from the shipped files, except PREVALENCE's, which is only
 * illustrative (no prevalence data is shipped) and must be replaced.
 */
export function datasetTemplateCsv(kind: DatasetKind): string {
  const spec = KIND_SPECS[kind];
  const columns = [...spec.required, ...spec.optional];
  const example = columns.map((column) => csvCell(spec.example[column] ?? ''));
  return `${columns.map(csvCell).join(',')}\n${example.join(',')}\n`;
}
