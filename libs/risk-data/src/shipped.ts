/**
 * The open datasets the project ships in data/risk/, with the provenance of
 * data/risk/README.md. They seed the first dataset version of each kind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset } from './parse';
import type { DatasetError, DatasetKind, RowOf, SkippedRow } from './types';

export interface ShippedDataset<K extends DatasetKind = DatasetKind> {
  kind: K;
  fileName: string;
  name: string;
  source: string;
  licence: string;
  /**
   * YYYY-MM-DD of the snapshot the README documents (the project did not
   * record the download day itself); null where the README gives no date.
   * Matches the nullable `RiskDataset.retrievedAt`.
   */
  retrievedAt: string | null;
}

export type LoadedDataset<K extends DatasetKind = DatasetKind> = ShippedDataset<K> & {
  rows: RowOf<K>[];
  rowCount: number;
  skipped: SkippedRow[];
  contentDigest: string;
};

export type ShippedKind = Exclude<DatasetKind, 'PREVALENCE'>;
/** One entry per kind, so that checking `kind` narrows `rows`. */
export type AnyShippedDataset = { [K in ShippedKind]: ShippedDataset<K> }[ShippedKind];
export type AnyLoadedDataset = { [K in ShippedKind]: LoadedDataset<K> }[ShippedKind];

// PREVALENCE is absent on purpose: the Global Slavery Index has no open licence.
export const SHIPPED_DATASETS: readonly AnyShippedDataset[] = [
  {
    kind: 'TIP_TIERS',
    fileName: 'tip-tiers-2025.csv',
    name: 'US TIP Report 2025 — tier placements',
    source:
      'US Department of State, 2025 Trafficking in Persons Report (published 2025-09-29), tier placements; ' +
      'Tier 1 checked against a complete published list, Tier 2 Watch List, Tier 3 and special cases against the CIA World Factbook (CC0)',
    licence: 'Public domain (US federal government work; public-domain facts)',
    retrievedAt: '2025-09-29',
  },
  {
    kind: 'ILO_RATIFICATIONS',
    fileName: 'ilo-ratifications.csv',
    name: 'ILO fundamental conventions — ratifications (partial)',
    source:
      'ILO NORMLEX pages, US Department of Labor child-labour findings and published statements, per value; ' +
      'complete only for C182 and C100 (as of 2017), empty cells are unknown',
    licence: 'ILO data CC BY 4.0; US Department of Labor findings public domain',
    retrievedAt: null,
  },
  {
    kind: 'GOODS_LIST',
    fileName: 'goods-list-2022.csv',
    name: 'US DOL List of Goods Produced by Child Labor or Forced Labor, 2022',
    source:
      'US Department of Labor, Bureau of International Labor Affairs, TVPRA list 2022 (Federal Register notice 2022-21462), ' +
      'from USDepartmentofLabor/Child-Labor-Android app/src/main/assets/goods_2021.xml, commit 52f4b8f2 (2023-08-23)',
    licence: 'Public domain (US federal government work)',
    retrievedAt: '2023-08-23',
  },
  {
    kind: 'PRICE_LEVELS',
    fileName: 'price-levels-2023.csv',
    name: 'World Bank price level ratio (PA.NUS.PPPC.RF), 2023',
    source:
      'World Bank, World Development Indicators, PA.NUS.PPPC.RF "Price level ratio of PPP conversion factor (GDP) to market exchange rate", ' +
      '2023 values, WDI last updated 2025-10-07 (API_PA.NUS.PPPC.RF_DS2_en_csv_v2_6595.csv via iitslamaa/travel-scorer commit 3884a705)',
    licence: 'CC BY 4.0 — The World Bank: World Development Indicators, PA.NUS.PPPC.RF',
    retrievedAt: '2025-10-07',
  },
];

/** Thrown when a shipped file does not parse: a packaging bug, never user input. */
export class ShippedDatasetError extends Error {
  constructor(
    public readonly fileName: string,
    public readonly kind: DatasetKind,
    public readonly errors: DatasetError[],
  ) {
    const listed = errors
      .slice(0, 10)
      .map((e) => `line ${e.line}${e.column ? ` [${e.column}]` : ''}: ${e.message}`)
      .join('; ');
    super(`Shipped dataset ${fileName} (${kind}) does not parse: ${listed}${errors.length > 10 ? `; … ${errors.length - 10} more` : ''}`);
    this.name = 'ShippedDatasetError';
  }
}

/** Reads and parses every shipped file from `dataDir` (normally data/risk), in SHIPPED_DATASETS order. */
export function loadShippedDatasets(dataDir: string): AnyLoadedDataset[] {
  return SHIPPED_DATASETS.map((meta) => {
    const result = parseDataset(meta.kind, readFileSync(join(dataDir, meta.fileName)));
    if (!result.ok) throw new ShippedDatasetError(meta.fileName, meta.kind, result.errors);
    const { rows, rowCount, skipped, contentDigest } = result;
    // parseDataset(meta.kind) returns the rows of meta.kind; TypeScript cannot correlate the two unions.
    return { ...meta, rows, rowCount, skipped, contentDigest } as AnyLoadedDataset;
  });
}
