/**
 * Strict CSV reading shared by the screening imports: UTF-8 only, records
 * with their 1-based starting line, syntax errors on the line they start.
 */
import { parse as parseCsv } from 'csv-parse/sync';

/** Enough to fix a file in one go without flooding a response. */
export const MAX_REPORTED_ERRORS = 200;

export interface ImportError {
  /** 1-based line of the file (CSV; the header is line 1) or 1-based position of the entry (JSON). */
  line: number;
  /** The column (CSV header name, before any mapping) or JSON field; null for a whole row or the file. */
  column: string | null;
  message: string;
}

export interface CsvRecord {
  line: number;
  fields: string[];
}

export class ErrorList {
  readonly items: ImportError[] = [];
  count = 0;

  add(line: number, column: string | null, message: string): void {
    this.count += 1;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push({ line, column, message });
  }

  get truncated(): boolean {
    return this.count > this.items.length;
  }
}

/** Strict UTF-8 (a Latin-1 export would import mangled names); a byte order mark is dropped. */
export function decodeUtf8(content: string | Buffer, errors: ErrorList): string | null {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      errors.add(1, null, 'The file is not valid UTF-8: save it as "CSV UTF-8" (or UTF-8 JSON)');
      return null;
    }
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  if (text.includes('\u0000')) {
    errors.add(1, null, 'The file contains NUL characters (UTF-16?): save it as UTF-8');
    return null;
  }
  return text;
}

const newlinesIn = (fields: string[]): number => fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);

/** Every non-blank record with the line it starts on; null (and one error) on a syntax error. */
export function readCsvRecords(text: string, errors: ErrorList, delimiter = ','): CsvRecord[] | null {
  // csv-parse miscounts lines on CRLF inside quoted fields; with LF only its count is exact.
  const normalised = text.replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let lastLine = 0;
  try {
    parseCsv(normalised, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      on_record: (record: string[], context) => {
        lastLine = context.lines;
        records.push({ line: context.lines - newlinesIn(record), fields: record });
        return null;
      },
    });
  } catch (error: unknown) {
    const e = error as { code?: string; message: string };
    errors.add(lastLine + 1, null, `CSV syntax error (${e.code ?? 'unknown'}): ${e.message}`);
    return null;
  }
  return records;
}

/** "a; b ;; c" → ["a", "b", "c"]: lists inside a cell are semicolon-separated. */
export function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}
