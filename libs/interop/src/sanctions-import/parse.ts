/**
 * A sanctions list file (CSV or JSON) → validated entries, or every problem
 * with line and column. All-or-nothing: a file with one bad row yields no
 * entries, so a half-imported list can never match.
 */
import { createHash } from 'node:crypto';
import isISO31661Alpha2 from 'validator/lib/isISO31661Alpha2';
import { addDays, isDate, isYearInRange, MAX_YEAR, MIN_YEAR } from '@app/procedure';
import { decodeUtf8, ErrorList, readCsvRecords, splitList, type ImportError } from './csv';

/** The fields of an entry, as the documented layout names its columns / JSON keys. */
export const SANCTION_FIELDS = ['name', 'aliases', 'country', 'identifiers', 'ground', 'from', 'until', 'source', 'scope', 'buyerId', 'reasons'] as const;
export type SanctionField = (typeof SANCTION_FIELDS)[number];
const REQUIRED: readonly SanctionField[] = ['name', 'country', 'ground', 'from', 'until', 'scope'];

export const SANCTION_LIST_FORMATS = ['CSV', 'JSON'] as const;
export type SanctionListFormat = (typeof SANCTION_LIST_FORMATS)[number];
/** BUYER: the one buyer named; ALL_FEDERAL: every federal buyer. */
export const SANCTION_SCOPES = ['BUYER', 'ALL_FEDERAL'] as const;
export type SanctionScope = (typeof SANCTION_SCOPES)[number];

/** Art. 44 ground codes: 44-1-a … 44-1-j, 44-2-a … 44-2-h. */
export const ART44_GROUND = /^44-(1-[a-j]|2-[a-h])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Art. 45(1): excluded for up to 5 years. */
export const MAX_SANCTION_YEARS = 5;

export interface SanctionListOptions {
  format: SanctionListFormat;
  /** A foreign layout: {ourField: theirColumn}, e.g. {"name": "Firm name", "country": "ISO"}. Unmapped fields keep their own name. */
  mapping?: Partial<Record<SanctionField, string>>;
  /** Values for fields the file does not have (or leaves empty), e.g. {"scope": "ALL_FEDERAL", "ground": "44-1-e"}. */
  defaults?: Partial<Record<SanctionField, string>>;
}

export interface SanctionListEntry {
  /** 1-based line (CSV) or position (JSON). */
  line: number;
  name: string;
  aliases: string[];
  country: string;
  identifiers: string[];
  ground: string;
  from: string;
  until: string;
  source: string | null;
  scope: SanctionScope;
  buyerId: string | null;
  reasons: string | null;
}

export type SanctionListResult =
  { ok: true; entries: SanctionListEntry[]; contentDigest: string } | { ok: false; errors: ImportError[]; errorCount: number; truncated: boolean };

/** The last day of a period of `years` years from `from` (inclusive); from 29 February the anniversary is 1 March. */
export function lastDayWithin(from: string, years: number): string {
  const [y, m, d] = from.split('-');
  const same = `${Number(y) + years}-${m}-${d}`;
  return addDays(isDate(same) ? same : `${Number(y) + years}-03-01`, -1);
}

/** Problems with the options themselves (reported as errors of line 1 / the mapping, before reading rows). */
export function optionErrors(opts: SanctionListOptions): ImportError[] {
  const out: ImportError[] = [];
  const fields: readonly string[] = SANCTION_FIELDS;
  for (const [what, o] of [
    ['mapping', opts.mapping],
    ['defaults', opts.defaults],
  ] as const) {
    if (o === undefined) continue;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      out.push({ line: 0, column: what, message: `${what} must be an object {field: string}` });
      continue;
    }
    for (const [k, v] of Object.entries(o)) {
      if (!fields.includes(k))
        out.push({ line: 0, column: `${what}.${k}`, message: `unknown field ${JSON.stringify(k)}; fields are ${SANCTION_FIELDS.join(', ')}` });
      else if (typeof v !== 'string' || (what === 'mapping' && v.trim() === '') || v.length > 300)
        out.push({
          line: 0,
          column: `${what}.${k}`,
          message: `${what}.${k} must be a ${what === 'mapping' ? 'column name' : 'value'} of at most 300 characters`,
        });
    }
  }
  if (opts.mapping) {
    const seen = new Map<string, string>();
    for (const [k, v] of Object.entries(opts.mapping)) {
      if (typeof v !== 'string') continue;
      const prev = seen.get(v);
      if (prev) out.push({ line: 0, column: `mapping.${k}`, message: `column ${JSON.stringify(v)} is already mapped to ${prev}` });
      seen.set(v, k);
    }
  }
  return out;
}

type Cell = { value: string | string[] | undefined; column: string };

function validateEntry(line: number, cell: (f: SanctionField) => Cell, errors: ErrorList): SanctionListEntry | null {
  const before = errors.count;
  const text = (f: SanctionField, max: number): string | null => {
    const { value, column } = cell(f);
    if (value === undefined) return null;
    if (Array.isArray(value)) {
      errors.add(line, column, `${f} must be text, not a list`);
      return null;
    }
    const v = value.trim();
    if (v.length > max) errors.add(line, column, `${f}: at most ${max} characters`);
    return v === '' ? null : v;
  };
  const list = (f: SanctionField, maxItems: number, maxLen: number): string[] => {
    const { value, column } = cell(f);
    if (value === undefined) return [];
    const items = Array.isArray(value) ? value.map((x) => (typeof x === 'string' ? x.trim() : '\u0000')) : splitList(value);
    if (items.some((x) => x === '\u0000')) errors.add(line, column, `${f} must be a list of strings`);
    if (items.length > maxItems) errors.add(line, column, `${f}: at most ${maxItems}`);
    if (items.some((x) => x.length > maxLen)) errors.add(line, column, `${f}: each at most ${maxLen} characters`);
    return [...new Set(items.filter((x) => x !== '' && x !== '\u0000'))];
  };
  const required = (f: SanctionField, v: string | null): void => {
    if (v === null) errors.add(line, cell(f).column, `${f} is required`);
  };

  const name = text('name', 300);
  required('name', name);
  if (name !== null && !/[\p{L}\p{N}]/u.test(name)) errors.add(line, cell('name').column, 'name must contain letters or digits');
  const aliases = list('aliases', 20, 300);
  const countryRaw = text('country', 2 + 100);
  required('country', countryRaw);
  const country = countryRaw?.toUpperCase() ?? '';
  if (countryRaw !== null && !isISO31661Alpha2(country))
    errors.add(line, cell('country').column, `country ${JSON.stringify(countryRaw)} is not an ISO 3166-1 alpha-2 code`);
  const identifiers = list('identifiers', 20, 64);
  const ground = text('ground', 20);
  required('ground', ground);
  if (ground !== null && !ART44_GROUND.test(ground))
    errors.add(line, cell('ground').column, `ground ${JSON.stringify(ground)} is not an Art. 44 code 44-1-a … 44-1-j or 44-2-a … 44-2-h`);
  const from = text('from', 20);
  required('from', from);
  const until = text('until', 20);
  required('until', until);
  const fromOk = from !== null && isDate(from) && isYearInRange(from);
  const untilOk = until !== null && isDate(until) && isYearInRange(until);
  const dateProblem = (f: string, v: string) =>
    isDate(v) ? `${f} ${JSON.stringify(v)} is outside the years ${MIN_YEAR} to ${MAX_YEAR}` : `${f} ${JSON.stringify(v)} is not a calendar date YYYY-MM-DD`;
  if (from !== null && !fromOk) errors.add(line, cell('from').column, dateProblem('from', from));
  if (until !== null && !untilOk) errors.add(line, cell('until').column, dateProblem('until', until));
  if (fromOk && untilOk) {
    if (until! < from!) errors.add(line, cell('until').column, 'until must not be before from');
    else {
      const last = lastDayWithin(from!, MAX_SANCTION_YEARS);
      if (until! > last) errors.add(line, cell('until').column, `a sanction lasts at most ${MAX_SANCTION_YEARS} years (Art. 45(1)): until at most ${last}`);
    }
  }
  const source = text('source', 2000);
  const scopeRaw = text('scope', 20);
  required('scope', scopeRaw);
  const scope = scopeRaw?.toUpperCase() ?? '';
  if (scopeRaw !== null && scope !== 'BUYER' && scope !== 'ALL_FEDERAL') errors.add(line, cell('scope').column, 'scope must be BUYER or ALL_FEDERAL');
  const buyerId = text('buyerId', 36);
  if (scope === 'BUYER' && buyerId === null) errors.add(line, cell('buyerId').column, 'a BUYER-scope sanction names the buyer concerned (buyerId)');
  if (scope === 'ALL_FEDERAL' && buyerId !== null)
    errors.add(line, cell('buyerId').column, 'an ALL_FEDERAL sanction applies to every federal buyer and names none');
  if (buyerId !== null && !UUID.test(buyerId)) errors.add(line, cell('buyerId').column, 'buyerId must be a UUID');
  const reasons = text('reasons', 5000);
  if (errors.count > before) return null;
  return {
    line,
    name: name!,
    aliases,
    country,
    identifiers,
    ground: ground!,
    from: from!,
    until: until!,
    source,
    scope: scope as SanctionScope,
    buyerId: scope === 'BUYER' ? buyerId!.toLowerCase() : null,
    reasons,
  };
}

function columnOf(f: SanctionField, opts: SanctionListOptions): string {
  return opts.mapping?.[f] ?? f;
}

function readCsv(text: string, opts: SanctionListOptions, errors: ErrorList): SanctionListEntry[] {
  const records = readCsvRecords(text, errors);
  if (!records) return [];
  if (records.length === 0) {
    errors.add(1, null, 'The file is empty: a header line is required');
    return [];
  }
  const [header, ...rows] = records;
  const names = header.fields.map((h) => h.trim());
  const index = new Map<string, number>();
  names.forEach((h, i) => {
    if (index.has(h)) errors.add(header.line, h, `column ${JSON.stringify(h)} appears twice`);
    else index.set(h, i);
  });
  const mappedColumns = new Set(SANCTION_FIELDS.map((f) => columnOf(f, opts)));
  for (const f of SANCTION_FIELDS) {
    const col = columnOf(f, opts);
    if (opts.mapping?.[f] !== undefined && !index.has(col))
      errors.add(header.line, col, `mapped column ${JSON.stringify(col)} (for ${f}) is not in the header`);
    else if (REQUIRED.includes(f) && !index.has(col) && opts.defaults?.[f] === undefined)
      errors.add(header.line, col, `required column ${JSON.stringify(col)} is missing (map it, or give a default)`);
  }
  for (const h of names)
    if (!mappedColumns.has(h) && h !== '') errors.add(header.line, h, `unknown column ${JSON.stringify(h)}: map it to a field or remove it`);
  if (errors.count > 0) return [];
  if (rows.length === 0) errors.add(header.line + 1, null, 'The list has no entries');
  const out: SanctionListEntry[] = [];
  for (const r of rows) {
    if (r.fields.length !== names.length) {
      errors.add(r.line, null, `${r.fields.length} fields, the header has ${names.length}`);
      continue;
    }
    const cell = (f: SanctionField): Cell => {
      const column = columnOf(f, opts);
      const i = index.get(column);
      const raw = i === undefined ? undefined : r.fields[i];
      const value = raw === undefined || raw.trim() === '' ? opts.defaults?.[f] : raw;
      return { value, column };
    };
    const e = validateEntry(r.line, cell, errors);
    if (e) out.push(e);
  }
  return out;
}

function readJson(text: string, opts: SanctionListOptions, errors: ErrorList): SanctionListEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    errors.add(1, null, `Not valid JSON: ${(e as Error).message}`);
    return [];
  }
  const list = Array.isArray(doc)
    ? doc
    : typeof doc === 'object' && doc !== null && Array.isArray((doc as { entries?: unknown }).entries)
      ? (doc as { entries: unknown[] }).entries
      : null;
  if (!list) {
    errors.add(1, null, 'A JSON list is an array of entries, or an object {"entries": [...]}');
    return [];
  }
  if (list.length === 0) errors.add(1, null, 'The list has no entries');
  const out: SanctionListEntry[] = [];
  const known = new Set(SANCTION_FIELDS.map((f) => columnOf(f, opts)));
  list.forEach((item, i) => {
    const line = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.add(line, null, 'an entry must be an object');
      return;
    }
    const o = item as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!known.has(k)) errors.add(line, k, `unknown field ${JSON.stringify(k)}: map it to a field or remove it`);
    const cell = (f: SanctionField): Cell => {
      const column = columnOf(f, opts);
      const raw = o[column];
      let value: Cell['value'];
      if (raw === undefined || raw === null || raw === '') value = opts.defaults?.[f];
      else if (typeof raw === 'string') value = raw;
      else if (Array.isArray(raw)) value = raw as string[];
      else if (typeof raw === 'number' || typeof raw === 'boolean') value = String(raw);
      else value = ['\u0000'];
      return { value, column };
    };
    const e = validateEntry(line, cell, errors);
    if (e) out.push(e);
  });
  return out;
}

/** Parses and validates the whole file. */
export function parseSanctionList(content: Buffer | string, opts: SanctionListOptions): SanctionListResult {
  const errors = new ErrorList();
  for (const e of optionErrors(opts)) errors.add(e.line, e.column, e.message);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const text = errors.count === 0 ? decodeUtf8(content, errors) : null;
  const entries = text === null ? [] : opts.format === 'CSV' ? readCsv(text, opts, errors) : readJson(text, opts, errors);
  if (errors.count > 0) return { ok: false, errors: errors.items, errorCount: errors.count, truncated: errors.truncated };
  return { ok: true, entries, contentDigest: createHash('sha256').update(bytes).digest('hex') };
}

/** The documented CSV layout: header and two example rows. */
export function sanctionListTemplateCsv(): string {
  return (
    [
      SANCTION_FIELDS.join(','),
      'Müller Textil AG,Mueller Textil; Textil Müller GmbH,CH,CHE-123.456.789,44-1-e,2026-01-15,2030-01-14,Decision 2025-17 of the Federal Office,ALL_FEDERAL,,Bribery of a procurement officer',
      'Дальтекс ООО,Daltex LLC,RU,,44-1-a,2026-03-01,2027-02-28,SECO list 2026-02,ALL_FEDERAL,,Forced labour in the supply chain',
    ].join('\n') + '\n'
  );
}
