/**
 * The file format of each dataset kind: its columns, how a row becomes a
 * typed row, what makes two rows duplicates, and an example row for the
 * admin template.
 */
import { ANNEX6_CONVENTIONS, type RatificationStatus } from '../../evaluation/src/types';
import { checkBoolean, checkGood, checkIso2, checkPer1000, checkPositiveRatio, checkRatification, checkTier, quote, type Check } from './fields';
import type { DatasetKind, GoodsListRow, IloRatificationRow, PrevalenceRow, PriceLevelRow, RowOf, TipTierRow } from './types';

/** What a row parser sees of one CSV record. */
export interface RowContext {
  line: number;
  /** Trimmed cell of a column the kind declares; '' when an optional column is absent. */
  cell(column: string): string;
  /** Further kept columns found in the header (ILO: conventions beyond Annex 6), canonical names. */
  extraColumns: readonly string[];
  /** The value, or undefined after recording the failure against the column. */
  check<T>(column: string | null, result: Check<T>): T | undefined;
  error(column: string | null, message: string): void;
}

/** What makes a row unique; present whenever those cells are valid, even if others are not. */
export interface RowIdentity {
  iso2: string;
  good?: string;
}

/**
 * `identity` lets duplicates be reported in the same pass as other errors;
 * `row` is absent when the row had errors (already recorded), `skip` when
 * it is valid but carries no value.
 */
export interface RowOutcome<R> {
  identity?: RowIdentity;
  row?: R;
  skip?: string;
}

export interface DuplicateKey {
  key: string;
  column: string;
  /** How the message names the duplicate, e.g. "iso2 'CH'". */
  label: string;
}

export interface KindSpec<R> {
  /** Canonical column names; the header is matched case-insensitively. */
  required: readonly string[];
  optional: readonly string[];
  /** Further header columns to keep, canonicalised by `canonical`. */
  extra?: { pattern: RegExp; canonical(name: string): string };
  parseRow(ctx: RowContext): RowOutcome<R>;
  duplicateKey(identity: RowIdentity): DuplicateKey;
  /** One illustrative row for the template, keyed by column. */
  example: Record<string, string>;
}

const byIso2 = ({ iso2 }: { iso2: string }): DuplicateKey => ({ key: iso2, column: 'iso2', label: `iso2 '${iso2}'` });

const iso2Of = (ctx: RowContext): string | undefined => ctx.check('iso2', checkIso2(ctx.cell('iso2')));

const tipTiers: KindSpec<TipTierRow> = {
  required: ['iso2', 'tier'],
  optional: [],
  parseRow(ctx) {
    const iso2 = iso2Of(ctx);
    const tier = ctx.check('tier', checkTier(ctx.cell('tier')));
    if (iso2 === undefined) return {};
    return { identity: { iso2 }, row: tier === undefined ? undefined : { line: ctx.line, iso2, tier } };
  },
  duplicateKey: byIso2,
  example: { iso2: 'CH', tier: '2' },
};

const iloRatifications: KindSpec<IloRatificationRow> = {
  required: ['iso2', ...ANNEX6_CONVENTIONS],
  optional: [],
  extra: { pattern: /^[CP]\d{3}$/i, canonical: (name) => name.toUpperCase() },
  parseRow(ctx) {
    const iso2 = iso2Of(ctx);
    const conventions: Record<string, RatificationStatus> = {};
    let valid = true;
    for (const code of [...ANNEX6_CONVENTIONS, ...ctx.extraColumns]) {
      const status = ctx.check(code, checkRatification(code, ctx.cell(code)));
      if (status === undefined) valid = false;
      else conventions[code] = status;
    }
    if (iso2 === undefined) return {};
    return { identity: { iso2 }, row: valid ? { line: ctx.line, iso2, conventions } : undefined };
  },
  duplicateKey: byIso2,
  // India's row of the shipped file: shows a year, yes and no.
  example: { iso2: 'IN', C029: '1954', C087: 'no', C098: 'no', C100: 'yes', C105: '2000', C111: 'yes', C138: '2017', C182: 'yes' },
};

const goodsList: KindSpec<GoodsListRow> = {
  required: ['iso2', 'good', 'child_labor', 'forced_labor'],
  optional: ['downstream_good'],
  parseRow(ctx) {
    const iso2 = iso2Of(ctx);
    const good = ctx.check('good', checkGood(ctx.cell('good')));
    const childLabour = ctx.check('child_labor', checkBoolean('child_labor', ctx.cell('child_labor')));
    const forcedLabour = ctx.check('forced_labor', checkBoolean('forced_labor', ctx.cell('forced_labor')));
    // Optional column: absent or empty means "not a downstream good".
    const downstreamCell = ctx.cell('downstream_good');
    const downstream = downstreamCell === '' ? false : ctx.check('downstream_good', checkBoolean('downstream_good', downstreamCell));
    const identity = iso2 !== undefined && good !== undefined ? { iso2, good } : undefined;
    if (identity === undefined || childLabour === undefined || forcedLabour === undefined || downstream === undefined) {
      return { identity };
    }
    // Such a row would still count as "listed elsewhere" (0.3) in the method: refuse it rather than invent a risk.
    if (!childLabour && !forcedLabour && !downstream) {
      ctx.error(null, `good ${quote(identity.good)} is listed for neither child_labor, forced_labor nor downstream_good: at least one must be true`);
      return { identity };
    }
    return { identity, row: { line: ctx.line, ...identity, childLabour, forcedLabour, downstream } };
  },
  // The engine matches goods case-insensitively, so "Cotton" and "cotton" are the same listing.
  duplicateKey: ({ iso2, good = '' }) => ({
    key: `${iso2}\u0000${good.toLowerCase()}`,
    column: 'good',
    label: `good ${quote(good)} for iso2 '${iso2}'`,
  }),
  example: { iso2: 'IN', good: 'Cotton', child_labor: 'true', forced_labor: 'false', downstream_good: 'false' },
};

const prevalence: KindSpec<PrevalenceRow> = {
  required: ['iso2', 'per1000'],
  optional: [],
  parseRow(ctx) {
    const iso2 = iso2Of(ctx);
    const per1000 = ctx.check('per1000', checkPer1000(ctx.cell('per1000')));
    if (iso2 === undefined) return {};
    return { identity: { iso2 }, row: per1000 === undefined ? undefined : { line: ctx.line, iso2, per1000 } };
  },
  duplicateKey: byIso2,
  // Illustrative only: prevalence data is imported by the admin, never shipped.
  example: { iso2: 'CH', per1000: '0.5' },
};

const priceLevels: KindSpec<PriceLevelRow> = {
  required: ['iso2', 'price_level_ratio'],
  optional: [],
  parseRow(ctx) {
    const iso2 = iso2Of(ctx);
    const cell = ctx.cell('price_level_ratio');
    // World Bank extracts leave a cell empty where an economy has no value for the year;
    // the method then uses the buyer's own level, exactly as for a country absent from the file.
    if (cell === '') return iso2 === undefined ? {} : { identity: { iso2 }, skip: 'price_level_ratio is empty: no value for this country' };
    const ratio = ctx.check('price_level_ratio', checkPositiveRatio('price_level_ratio', cell));
    if (iso2 === undefined) return {};
    return { identity: { iso2 }, row: ratio === undefined ? undefined : { line: ctx.line, iso2, ratio } };
  },
  duplicateKey: byIso2,
  // Switzerland's value in the shipped 2023 file.
  example: { iso2: 'CH', price_level_ratio: '1.11187993188572' },
};

export const KIND_SPECS: { [K in DatasetKind]: KindSpec<RowOf<K>> } = {
  TIP_TIERS: tipTiers,
  ILO_RATIFICATIONS: iloRatifications,
  GOODS_LIST: goodsList,
  PREVALENCE: prevalence,
  PRICE_LEVELS: priceLevels,
};
