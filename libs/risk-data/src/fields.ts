/**
 * Cell validators. Each takes a trimmed cell and returns the normalised value
 * or a message; the caller attaches line and column.
 */
import type { DecimalString, RatificationStatus, TipTier } from '../../evaluation/src/types';

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(message: string): Check<T> => ({ ok: false, message });

/** Shown in messages so that an admin sees what a cell actually held. */
export function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `'${shown}'`;
}

const ISO2 = /^[A-Z]{2}$/;

/**
 * Format only: the files use user-assigned codes too (XK for Kosovo), so no
 * list of assigned codes is enforced.
 */
export function checkIso2(cell: string): Check<string> {
  if (cell === '') return fail('iso2 is required');
  if (!ISO2.test(cell)) {
    return fail(`iso2 ${quote(cell)} must be two uppercase letters A–Z (ISO 3166-1 alpha-2, e.g. CH; XK for Kosovo)`);
  }
  return ok(cell);
}

const TIERS: Record<string, TipTier> = { '1': '1', '2': '2', '2wl': '2WL', '3': '3', special: 'special' };

/** Only the five tokens of the format; prose such as "Tier 2 Watch List" is refused, not guessed. */
export function checkTier(cell: string): Check<TipTier> {
  if (cell === '') return fail('tier is required');
  const tier = TIERS[cell.toLowerCase()];
  return tier ? ok(tier) : fail(`tier ${quote(cell)} is not one of 1, 2, 2WL, 3, special`);
}

/** Case-insensitive so that spreadsheet exports (TRUE/FALSE) import unchanged. */
export function checkBoolean(column: string, cell: string): Check<boolean> {
  const lower = cell.toLowerCase();
  if (lower === 'true') return ok(true);
  if (lower === 'false') return ok(false);
  if (cell === '') return fail(`${column} is required (true or false)`);
  return fail(`${column} ${quote(cell)} must be true or false`);
}

/** Plain non-negative decimal: no sign, exponent, leading zeros, thousands separators or decimal comma. */
const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const NEGATIVE = /^-(0|[1-9]\d*)(\.\d+)?$/;

function checkDecimal(column: string, cell: string): Check<DecimalString> {
  if (cell === '') return fail(`${column} is required`);
  if (NEGATIVE.test(cell)) return fail(`${column} ${quote(cell)} must not be negative`);
  if (!DECIMAL.test(cell)) {
    return fail(
      `${column} ${quote(cell)} is not a plain decimal number (digits with an optional '.' part, e.g. 0.65; no sign, exponent, thousands separator or decimal comma)`,
    );
  }
  return ok(cell);
}

const isZero = (decimal: DecimalString): boolean => !/[1-9]/.test(decimal);

/** Compared as text: the values are kept as strings and never become JS numbers. */
function exceeds1000(decimal: DecimalString): boolean {
  const [whole, fraction = ''] = decimal.split('.');
  if (whole.length !== 4) return whole.length > 4;
  return whole > '1000' || (whole === '1000' && /[1-9]/.test(fraction));
}

/** Prevalence per 1,000 people: 0 is a legitimate estimate, more than 1,000 is impossible. */
export function checkPer1000(cell: string): Check<DecimalString> {
  const checked = checkDecimal('per1000', cell);
  if (!checked.ok) return checked;
  if (exceeds1000(checked.value)) return fail(`per1000 ${quote(cell)} cannot exceed 1000 (it counts per 1,000 people)`);
  return checked;
}

/** A price level ratio of 0 would divide the adjusted price by zero. */
export function checkPositiveRatio(column: string, cell: string): Check<DecimalString> {
  const checked = checkDecimal(column, cell);
  if (!checked.ok) return checked;
  if (isZero(checked.value)) return fail(`${column} ${quote(cell)} must be greater than 0`);
  return checked;
}

/** The ILO was founded in 1919; an earlier ratification year is a typo. */
const FIRST_ILO_YEAR = 1919;

/**
 * Year or `yes` → ratified, `no` → not ratified, empty → unknown. Empty is
 * deliberately not "not ratified": the method adds risk only for `no`.
 */
export function checkRatification(column: string, cell: string): Check<RatificationStatus> {
  if (cell === '') return ok('unknown');
  const lower = cell.toLowerCase();
  if (lower === 'yes') return ok('ratified');
  if (lower === 'no') return ok('not_ratified');
  if (/^\d{4}$/.test(cell)) {
    if (Number(cell) < FIRST_ILO_YEAR) return fail(`${column} year ${quote(cell)} is before ${FIRST_ILO_YEAR}, when the ILO was founded`);
    return ok('ratified');
  }
  return fail(`${column} ${quote(cell)} must be a ratification year (4 digits), yes, no, or empty for unknown`);
}

/** Goods are matched by name, so a name must be one line of visible text. */
export function checkGood(cell: string): Check<string> {
  if (cell === '') return fail('good is required');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(cell)) return fail(`good ${quote(cell)} contains a line break or control character`);
  return ok(cell);
}
