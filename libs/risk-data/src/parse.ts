/**
 * parseDataset: one dataset file → validated, normalised rows, or the full
 * list of what is wrong with it. All-or-nothing: a file with any error
 * yields no rows, so a half-imported edition can never become active.
 */
import { createHash } from 'node:crypto';
import { parse as parseCsvStream, type Options as CsvOptions } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import { KIND_SPECS, type DuplicateKey, type KindSpec, type RowContext } from './kinds';
import { isDatasetKind, type DatasetError, type DatasetKind, type ParsedRow, type ParseFailure, type ParseResult, type RowOf, type SkippedRow } from './types';

/** Enough to fix a file in one go without flooding a response. */
export const MAX_REPORTED_ERRORS = 200;

class ErrorList {
  readonly items: DatasetError[] = [];
  count = 0;
  private firstOmittedLine: number | null = null;

  add(line: number, column: string | null, message: string): void {
    this.count += 1;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push({ line, column, message });
    else this.firstOmittedLine ??= line;
  }

  failure(kind: DatasetKind): ParseFailure {
    const errors = [...this.items];
    const omitted = this.count - this.items.length;
    if (omitted > 0 && this.firstOmittedLine !== null) {
      errors.push({
        line: this.firstOmittedLine,
        column: null,
        message: `Too many errors: only the first ${MAX_REPORTED_ERRORS} are listed; ${omitted} more from line ${this.firstOmittedLine} on are not`,
      });
    }
    return { ok: false, kind, errors, errorCount: this.count, truncated: omitted > 0 };
  }
}

/** Decodes strictly: a Latin-1 or UTF-16 export would otherwise import mangled names. */
function decode(content: string | Buffer, errors: ErrorList): string | null {
  let text: string;
  if (typeof content === 'string') {
    text = content.startsWith('\ufeff') ? content.slice(1) : content;
  } else {
    try {
      // TextDecoder drops a UTF-8 byte order mark by itself.
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      const lossy = new TextDecoder('utf-8').decode(content);
      const at = lossy.indexOf('\ufffd');
      errors.add(lineAt(lossy, at), null, 'The file is not valid UTF-8: save it as "CSV UTF-8"');
      return null;
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    errors.add(lineAt(text, nul), null, 'The file contains NUL characters (UTF-16?): save it as "CSV UTF-8"');
    return null;
  }
  return text;
}

function lineAt(text: string, index: number): number {
  if (index < 0) return 1;
  return text.slice(0, index).split(/\r\n|\r|\n/).length;
}

interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

interface CsvParseError {
  code?: string;
  message: string;
}

/** csv-parse's own wording names the line where it gave up, which for an unclosed quote is the end of the file. */
const SYNTAX_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field starting in this row is never closed',
  INVALID_OPENING_QUOTE: 'a quote (") inside an unquoted field: quote the whole field and double the inner quotes ("")',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a field: double quotes inside a quoted field ("")',
};

const newlinesIn = (fields: string[]): number => fields.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);

/** csv-parse's options for a dataset file; `collect` receives every record with its 1-based starting line. */
function csvOptions(collect: (r: CsvRecord, lastLine: number) => void): CsvOptions {
  return {
    record_delimiter: '\n',
    relax_column_count: true, // field counts are checked per row below, with a clearer message
    skip_empty_lines: true,
    skip_records_with_empty_values: true, // ",,," rows that spreadsheets leave at the end
    on_record: (record: string[], context) => {
      // `context.lines` is the record's last line; a quoted field may span lines.
      collect({ line: context.lines - newlinesIn(record), fields: record }, context.lines);
      return null; // collected here, nothing for the parser to accumulate
    },
  };
}

/** csv-parse stops at the first syntax error and what follows cannot be trusted: report that one. */
function reportSyntaxError(error: unknown, normalised: string, lastLine: number, errors: ErrorList): void {
  // On the first line with content after the last good record (blank and ",,," lines are skipped).
  const csvError = error as CsvParseError;
  const lines = normalised.split('\n');
  let line = lastLine + 1;
  while (line < lines.length && /^[\s,]*$/.test(lines[line - 1])) line += 1;
  const code = csvError.code ?? 'unknown';
  errors.add(line, null, `CSV syntax error (${code}): ${SYNTAX_MESSAGES[code] ?? csvError.message}`);
}

// csv-parse miscounts lines on CRLF inside quoted fields; with LF only, its line count is exact.
const normalise = (text: string): string => text.replace(/\r\n?/g, '\n');

function readRecords(text: string, errors: ErrorList): CsvRecord[] | null {
  const normalised = normalise(text);
  const records: CsvRecord[] = [];
  let lastLine = 0;
  try {
    parseCsv(
      normalised,
      csvOptions((r, last) => {
        records.push(r);
        lastLine = last;
      }),
    );
  } catch (error: unknown) {
    reportSyntaxError(error, normalised, lastLine, errors);
    return null;
  }
  return records;
}

/** Characters handed to csv-parse's stream between two yields to the event loop. */
const SLICE_CHARS = 32 * 1024;
/** Data rows checked between two yields to the event loop. */
const SLICE_ROWS = 1000;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** readRecords over csv-parse's stream API, fed in slices with a yield after each: a large file never blocks the process. */
async function readRecordsAsync(text: string, errors: ErrorList): Promise<CsvRecord[] | null> {
  const normalised = normalise(text);
  const records: CsvRecord[] = [];
  let lastLine = 0;
  let failure: unknown = null;
  const parser = parseCsvStream(
    csvOptions((r, last) => {
      records.push(r);
      lastLine = last;
    }),
  );
  parser.on('error', (e) => (failure = e));
  parser.resume(); // records are collected in on_record; nothing is read from the stream side
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let i = 0; i < normalised.length && failure === null; i += SLICE_CHARS) {
    parser.write(normalised.slice(i, i + SLICE_CHARS));
    await yieldToEventLoop();
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) {
    reportSyntaxError(failure, normalised, lastLine, errors);
    return null;
  }
  return records;
}

interface HeaderMap {
  /** Canonical column name → field index. */
  index: Map<string, number>;
  extraColumns: string[];
}

function readHeader(spec: KindSpec<ParsedRow>, header: CsvRecord, errors: ErrorList): HeaderMap | null {
  const byLowerName = new Map<string, number[]>();
  header.fields.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    byLowerName.set(key, [...(byLowerName.get(key) ?? []), i]);
  });
  const index = new Map<string, number>();
  const extraColumns: string[] = [];
  const take = (canonical: string, positions: number[]): void => {
    if (positions.length > 1) {
      errors.add(
        header.line,
        canonical,
        `Column '${canonical}' appears ${positions.length} times in the header (fields ${positions.map((p) => p + 1).join(', ')})`,
      );
    }
    index.set(canonical, positions[0]);
  };
  const missing: string[] = [];
  for (const column of spec.required) {
    const positions = byLowerName.get(column.toLowerCase());
    if (positions) take(column, positions);
    else missing.push(column);
  }
  for (const column of spec.optional) {
    const positions = byLowerName.get(column.toLowerCase());
    if (positions) take(column, positions);
  }
  if (spec.extra) {
    for (const [lower, positions] of byLowerName) {
      if (!spec.extra.pattern.test(lower)) continue;
      const canonical = spec.extra.canonical(lower);
      if (index.has(canonical)) continue;
      take(canonical, positions);
      extraColumns.push(canonical);
    }
  }
  // A semicolon-separated export (Swiss/German spreadsheet default) reads as one column.
  const hint = header.fields.length === 1 && header.fields[0].includes(';') ? ' (the file looks semicolon-separated: save it comma-separated)' : '';
  for (const column of missing) {
    errors.add(header.line, column, `Required column '${column}' is missing from the header${hint}`);
  }
  return errors.count > 0 ? null : { index, extraColumns };
}

/** The file read up to its records: either a result already (an empty, undecodable or badly headed file) or the rows to check. */
type Prepared<K extends DatasetKind> =
  { done: ParseResult<RowOf<K>> } | { done?: undefined; check: (from: number, to: number) => void; count: number; finish: () => ParseResult<RowOf<K>> };

function prepare<K extends DatasetKind>(kind: K, content: string | Buffer, records: CsvRecord[] | null, errors: ErrorList, contentDigest: string): Prepared<K> {
  const spec = KIND_SPECS[kind] as KindSpec<RowOf<K>>;
  if (records === null) return { done: errors.failure(kind) };
  if (records.length === 0) {
    errors.add(1, null, 'The file is empty: expected a header line and data rows');
    return { done: errors.failure(kind) };
  }
  const [headerRecord, ...dataRecords] = records;
  const header = readHeader(spec as KindSpec<ParsedRow>, headerRecord, errors);
  if (header === null) return { done: errors.failure(kind) };
  if (dataRecords.length === 0) {
    errors.add(headerRecord.line, null, 'The file has a header but no data rows');
    return { done: errors.failure(kind) };
  }

  const rows: RowOf<K>[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Map<string, number>();
  const noteKey = (key: DuplicateKey, line: number): void => {
    const first = seen.get(key.key);
    if (first === undefined) seen.set(key.key, line);
    else errors.add(line, key.column, `Duplicate ${key.label}: also on line ${first}`);
  };

  const check = (from: number, to: number): void => {
    for (const record of dataRecords.slice(from, to)) {
      if (record.fields.length !== headerRecord.fields.length) {
        errors.add(record.line, null, `The row has ${record.fields.length} fields, the header has ${headerRecord.fields.length}`);
        continue;
      }
      const ctx: RowContext = {
        line: record.line,
        cell: (column) => {
          const i = header.index.get(column);
          return i === undefined ? '' : record.fields[i].trim();
        },
        extraColumns: header.extraColumns,
        check: (column, result) => {
          if (result.ok) return result.value;
          errors.add(record.line, column, result.message);
          return undefined;
        },
        error: (column, message) => errors.add(record.line, column, message),
      };
      const outcome = spec.parseRow(ctx);
      if (outcome.identity) noteKey(spec.duplicateKey(outcome.identity), record.line);
      if (outcome.row) rows.push(outcome.row);
      else if (outcome.skip !== undefined && outcome.identity) skipped.push({ line: record.line, iso2: outcome.identity.iso2, reason: outcome.skip });
    }
  };
  const finish = (): ParseResult<RowOf<K>> => {
    if (errors.count === 0 && rows.length === 0) {
      errors.add(headerRecord.line, null, `No row of the file has a value (${skipped.length} rows skipped)`);
    }
    if (errors.count > 0) return errors.failure(kind);
    return { ok: true, kind, rows, rowCount: rows.length, skipped, contentDigest };
  };
  return { check, count: dataRecords.length, finish };
}

function begin(kind: DatasetKind, content: string | Buffer): { errors: ErrorList; contentDigest: string; text: string | null } {
  if (!isDatasetKind(kind)) throw new TypeError(`Unknown dataset kind: ${String(kind)}`);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const contentDigest = createHash('sha256').update(bytes).digest('hex');
  const errors = new ErrorList();
  return { errors, contentDigest, text: decode(content, errors) };
}

/**
 * Parses and validates one dataset file of `kind`. Errors name the 1-based
 * file line and the column; up to MAX_REPORTED_ERRORS are listed. Extra
 * columns are ignored (ILO: further C###/P### columns are kept).
 */
export function parseDataset<K extends DatasetKind>(kind: K, content: string | Buffer): ParseResult<RowOf<K>> {
  const { errors, contentDigest, text } = begin(kind, content);
  if (text === null) return errors.failure(kind);
  const p = prepare(kind, content, readRecords(text, errors), errors, contentDigest);
  if (p.done) return p.done;
  p.check(0, p.count);
  return p.finish();
}

/**
 * The same parse and the same result as parseDataset, in slices (csv-parse's
 * stream API for the records, SLICE_ROWS rows per check) with a yield to the
 * event loop after each: a 10 MB file does not hold up other requests.
 */
export async function parseDatasetAsync<K extends DatasetKind>(kind: K, content: string | Buffer): Promise<ParseResult<RowOf<K>>> {
  const { errors, contentDigest, text } = begin(kind, content);
  if (text === null) return errors.failure(kind);
  const p = prepare(kind, content, await readRecordsAsync(text, errors), errors, contentDigest);
  if (p.done) return p.done;
  for (let from = 0; from < p.count; from += SLICE_ROWS) {
    p.check(from, Math.min(p.count, from + SLICE_ROWS));
    await yieldToEventLoop();
  }
  return p.finish();
}
