/**
 * Numbers and dates for people (evaluation-method.md: "rounded only for people
 * to read — half-even, 2 decimals for points, 4 for risks"). Rounding is done
 * on the decimal strings with decimal.js, never through binary floats, and
 * nothing here depends on the machine's locale, ICU data or time zone.
 */
import Decimal from 'decimal.js';
import { zurichOffsetMs } from '../../procedure/src/zurich-time';
import type { ReportLang } from './model';

/** A private clone: other code configuring the global Decimal cannot change the report. */
const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

export const POINTS_DP = 2;
export const RISK_DP = 4;
export const SCORE_DP = 4;
export const MONEY_DP = 2;

interface Separators {
  group: string;
  decimal: string;
}

/** en 1,184,500.00 · de (Swiss) 1’184’500.00 · fr 1 184 500,00 (narrow no-break space, as Swiss French typesetting). */
const SEPARATORS: Record<ReportLang, Separators> = {
  en: { group: ',', decimal: '.' },
  de: { group: '\u2019', decimal: '.' },
  fr: { group: '\u202f', decimal: ',' },
  it: { group: '\u2019', decimal: '.' },
};

const FRACTION_RE = /^(-?\d+)\/(\d+)$/;

/**
 * Half-even to `dp` decimals, plain notation, "." as separator; never "-0.00".
 * `value` is a decimal string or an exact fraction "n/d" (method version 2
 * gives one beside every value that need not terminate): a fraction is rounded
 * exactly, in integers, so a 40-digit decimal is never rounded twice.
 */
export function roundHalfEven(value: string, dp: number): string {
  const f = FRACTION_RE.exec(value);
  if (!f) {
    const d = new Dec(value).toDecimalPlaces(dp, Decimal.ROUND_HALF_EVEN);
    return (d.isZero() ? new Dec(0) : d).toFixed(dp);
  }
  const n = BigInt(f[1]);
  const den = BigInt(f[2]);
  const negative = n < 0n;
  const scaled = (negative ? -n : n) * 10n ** BigInt(dp);
  let q = scaled / den;
  const twice = (scaled % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(dp + 1, '0');
  const plain = dp === 0 ? digits : `${digits.slice(0, digits.length - dp)}.${digits.slice(digits.length - dp)}`;
  return negative && q !== 0n ? `-${plain}` : plain;
}

/**
 * An exact fraction for people: "105/4 = 26.25", "-150/7 ≈ -21.43" (rounded
 * half-even to `dp`), "30" for an integer. A fraction too long to read (more
 * than 9 digits either side) is shown by its rounded decimal alone, "≈ 21.43".
 */
export function formatFraction(fraction: string, dp: number, lang: ReportLang): string {
  const f = FRACTION_RE.exec(fraction);
  const rounded = formatDecimal(fraction, dp, lang);
  if (!f) return rounded;
  const n = BigInt(f[1]);
  const d = BigInt(f[2]);
  const exact = (n * 10n ** BigInt(dp)) % d === 0n;
  if (f[1].replace('-', '').length > 9 || f[2].length > 9) return `≈ ${rounded}`;
  return `${fraction} ${exact ? '=' : '≈'} ${rounded}`;
}

/** A decimal string rounded half-even and written with the language's separators. */
export function formatDecimal(value: string, dp: number, lang: ReportLang, group = false): string {
  const plain = roundHalfEven(value, dp);
  const sep = SEPARATORS[lang];
  const negative = plain.startsWith('-');
  const [int, frac] = (negative ? plain.slice(1) : plain).split('.');
  const intPart = group ? int.replace(/\B(?=(\d{3})+(?!\d))/g, sep.group) : int;
  return (negative ? '-' : '') + intPart + (frac !== undefined ? sep.decimal + frac : '');
}

export const formatPoints = (v: string, lang: ReportLang): string => formatDecimal(v, POINTS_DP, lang);
export const formatRisk = (v: string, lang: ReportLang): string => formatDecimal(v, RISK_DP, lang);
export const formatScore = (v: string, lang: ReportLang): string => formatDecimal(v, SCORE_DP, lang);

/** Money with thousands separators and 2 decimals, e.g. "CHF 1’184’500.00". */
export function formatMoney(v: string, currency: string, lang: ReportLang): string {
  return `${currency} ${formatDecimal(v, MONEY_DP, lang, true)}`;
}

/** A share 0–1 as percent with 2 decimals ("0.2" → "20.00 %"). */
export function formatShare(v: string, lang: ReportLang): string {
  return `${formatDecimal(new Dec(v).times(100).toString(), 2, lang)} %`;
}

/** A decimal string (or "n/d") to a JS number, only for drawing coordinates (never for printed figures). */
export function toDrawNumber(v: string | null | undefined): number {
  if (v === null || v === undefined || v === '') return 0;
  const f = FRACTION_RE.exec(v);
  const n = f ? new Dec(f[1]).div(f[2]).toNumber() : new Dec(v).toNumber();
  return Number.isFinite(n) ? n : 0;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function datePart(y: number, m: number, d: number, lang: ReportLang): string {
  return lang === 'en' ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : `${pad(d)}.${pad(m)}.${pad(y, 4)}`;
}

/** A calendar date: en 2025-06-30, de/fr 30.06.2025. Timestamps are first taken to Zurich local time. */
export function formatDate(iso: string | null | undefined, lang: ReportLang): string {
  if (!iso) return '–';
  const m = DATE_ONLY.exec(iso);
  if (m) return datePart(Number(m[1]), Number(m[2]), Number(m[3]), lang);
  const local = zurichLocal(iso);
  return local ? datePart(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), lang) : iso;
}

function zurichLocal(iso: string): Date | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + zurichOffsetMs(new Date(ms)));
}

/** A timestamp in Zurich local time to the minute: en "2025-06-30 12:00", de/fr "30.06.2025 12:00". */
export function formatDateTime(iso: string | null | undefined, lang: ReportLang): string {
  if (!iso) return '–';
  if (DATE_ONLY.test(iso)) return formatDate(iso, lang);
  const local = zurichLocal(iso);
  if (!local) return iso;
  const date = datePart(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), lang);
  return `${date} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** Art. 44 ground code to its citation: "44-1-b" → "Art. 44(1)(b)"; anything else as given. */
export function groundCitation(ground: string): string {
  const m = /^44-([12])-([a-j])$/.exec(ground);
  return m ? `Art. 44(${m[1]})(${m[2]})` : ground;
}
