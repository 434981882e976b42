/**
 * Shapes of the risk-data library: what a dataset file parses into, and how
 * a parse reports failure. Plain data only (rows are stored as JSON).
 */
import type { DecimalString, RatificationStatus, TipTier } from '../../evaluation/src/types';

/** Mirrors the Prisma enum `DatasetKind` (prisma/schema.prisma). */
export type DatasetKind = 'TIP_TIERS' | 'ILO_RATIFICATIONS' | 'GOODS_LIST' | 'PREVALENCE' | 'PRICE_LEVELS';

export const DATASET_KINDS: readonly DatasetKind[] = ['TIP_TIERS', 'ILO_RATIFICATIONS', 'GOODS_LIST', 'PREVALENCE', 'PRICE_LEVELS'];

export function isDatasetKind(value: unknown): value is DatasetKind {
  return typeof value === 'string' && (DATASET_KINDS as readonly string[]).includes(value);
}

/**
 * Every row keeps the 1-based file line it came from, so that a stored
 * dataset can still point an admin at the line of the imported file.
 */
export interface TipTierRow {
  line: number;
  iso2: string;
  tier: TipTier;
}

export interface IloRatificationRow {
  line: number;
  iso2: string;
  /** The 8 Annex-6 conventions plus any further C###/P### columns of the file. */
  conventions: Record<string, RatificationStatus>;
}

export interface GoodsListRow {
  line: number;
  iso2: string;
  good: string;
  childLabour: boolean;
  forcedLabour: boolean;
  downstream: boolean;
}

export interface PrevalenceRow {
  line: number;
  iso2: string;
  per1000: DecimalString;
}

export interface PriceLevelRow {
  line: number;
  iso2: string;
  ratio: DecimalString;
}

export interface RowsByKind {
  TIP_TIERS: TipTierRow;
  ILO_RATIFICATIONS: IloRatificationRow;
  GOODS_LIST: GoodsListRow;
  PREVALENCE: PrevalenceRow;
  PRICE_LEVELS: PriceLevelRow;
}

export type RowOf<K extends DatasetKind> = RowsByKind[K];
export type ParsedRow = RowsByKind[DatasetKind];

export interface DatasetError {
  /** 1-based line of the file (the first line of a record that spans lines). */
  line: number;
  /** Column name as the format defines it; null for file- or row-level problems. */
  column: string | null;
  message: string;
}

/** A row that is valid but carries no value (PRICE_LEVELS with an empty ratio). */
export interface SkippedRow {
  line: number;
  iso2: string;
  reason: string;
}

export interface ParseSuccess<R extends ParsedRow = ParsedRow> {
  ok: true;
  kind: DatasetKind;
  rows: R[];
  rowCount: number;
  skipped: SkippedRow[];
  /** SHA-256 (hex) of the file's bytes; a string input is hashed as UTF-8. */
  contentDigest: string;
}

export interface ParseFailure {
  ok: false;
  kind: DatasetKind;
  /** At most MAX_REPORTED_ERRORS entries, plus one closing entry saying how many were left out. */
  errors: DatasetError[];
  /** All errors found, including those not listed. */
  errorCount: number;
  truncated: boolean;
}

export type ParseResult<R extends ParsedRow = ParsedRow> = ParseSuccess<R> | ParseFailure;
