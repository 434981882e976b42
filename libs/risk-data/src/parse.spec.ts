import { MAX_REPORTED_ERRORS, parseDataset } from './parse';
import type { DatasetKind, ParseFailure, ParseResult, ParseSuccess, ParsedRow } from './types';

function failure(result: ParseResult): ParseFailure {
  if (result.ok) throw new Error(`expected a failure, got ${result.rowCount} rows`);
  return result;
}

function success<R extends ParsedRow>(result: ParseResult<R>): ParseSuccess<R> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result;
}

/** Lines of a CSV file, joined with LF. */
const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('parseDataset — TIP_TIERS', () => {
  it('normalises tiers case-insensitively and trims cells', () => {
    const result = success(parseDataset('TIP_TIERS', csv('country,iso2,tier', 'A,CH, 1 ', 'B,DZ,2wl', 'C,HT,Special', 'D,XK,2')));
    expect(result.rows).toEqual([
      { line: 2, iso2: 'CH', tier: '1' },
      { line: 3, iso2: 'DZ', tier: '2WL' },
      { line: 4, iso2: 'HT', tier: 'special' },
      { line: 5, iso2: 'XK', tier: '2' },
    ]);
    expect(result.rowCount).toBe(4);
    expect(result.skipped).toEqual([]);
  });

  it('rejects a bad tier and a bad iso2, naming line and column, and keeps no rows', () => {
    const result = failure(parseDataset('TIP_TIERS', csv('iso2,tier', 'CH,1', 'DE,Tier 2 Watch List', 'ch,2', 'FR,', 'USA,1', ',3')));
    expect(result.errors).toEqual([
      { line: 3, column: 'tier', message: "tier 'Tier 2 Watch List' is not one of 1, 2, 2WL, 3, special" },
      { line: 4, column: 'iso2', message: "iso2 'ch' must be two uppercase letters A–Z (ISO 3166-1 alpha-2, e.g. CH; XK for Kosovo)" },
      { line: 5, column: 'tier', message: 'tier is required' },
      { line: 6, column: 'iso2', message: "iso2 'USA' must be two uppercase letters A–Z (ISO 3166-1 alpha-2, e.g. CH; XK for Kosovo)" },
      { line: 7, column: 'iso2', message: 'iso2 is required' },
    ]);
    expect(result.errorCount).toBe(5);
    expect(result.truncated).toBe(false);
    expect('rows' in result).toBe(false);
  });

  it('reports a duplicate iso2 with both lines, also when the duplicate row has other errors', () => {
    const result = failure(parseDataset('TIP_TIERS', csv('iso2,tier', 'CH,1', 'DE,2', 'CH,2', 'CH,9')));
    expect(result.errors).toEqual([
      { line: 4, column: 'iso2', message: "Duplicate iso2 'CH': also on line 2" },
      { line: 5, column: 'tier', message: "tier '9' is not one of 1, 2, 2WL, 3, special" },
      { line: 5, column: 'iso2', message: "Duplicate iso2 'CH': also on line 2" },
    ]);
  });

  it('names every missing header column on line 1 and checks no rows', () => {
    const result = failure(parseDataset('TIP_TIERS', csv('country,ISO', 'Switzerland,CH')));
    expect(result.errors).toEqual([
      { line: 1, column: 'iso2', message: "Required column 'iso2' is missing from the header" },
      { line: 1, column: 'tier', message: "Required column 'tier' is missing from the header" },
    ]);
  });

  it('matches header names case-insensitively and ignores extra columns', () => {
    const result = success(parseDataset('TIP_TIERS', csv(' ISO2 ,Tier,notes', 'CH,1,anything at all')));
    expect(result.rows).toEqual([{ line: 2, iso2: 'CH', tier: '1' }]);
  });

  it('hints at a semicolon-separated export', () => {
    const result = failure(parseDataset('TIP_TIERS', csv('iso2;tier', 'CH;1')));
    expect(result.errors[0]).toEqual({
      line: 1,
      column: 'iso2',
      message: "Required column 'iso2' is missing from the header (the file looks semicolon-separated: save it comma-separated)",
    });
  });

  it('rejects a header column that appears twice', () => {
    const result = failure(parseDataset('TIP_TIERS', csv('iso2,tier,Tier', 'CH,1,2')));
    expect(result.errors).toEqual([{ line: 1, column: 'tier', message: "Column 'tier' appears 2 times in the header (fields 2, 3)" }]);
  });
});

describe('parseDataset — file-level problems', () => {
  it.each<[string, string | Buffer]>([
    ['an empty string', ''],
    ['an empty buffer', Buffer.alloc(0)],
    ['blank lines only', '\n\n  \n'],
    ['a byte order mark only', '\ufeff'],
  ])('rejects %s as an empty file', (_label, content) => {
    const result = failure(parseDataset('GOODS_LIST', content));
    expect(result.errors).toEqual([{ line: 1, column: null, message: 'The file is empty: expected a header line and data rows' }]);
  });

  it('rejects a header without data rows', () => {
    const result = failure(parseDataset('PREVALENCE', csv('iso2,per1000')));
    expect(result.errors).toEqual([{ line: 1, column: null, message: 'The file has a header but no data rows' }]);
  });

  it('rejects a row with the wrong number of fields', () => {
    const result = failure(parseDataset('TIP_TIERS', csv('iso2,tier', 'CH,1,', 'DE')));
    expect(result.errors).toEqual([
      { line: 2, column: null, message: 'The row has 3 fields, the header has 2' },
      { line: 3, column: null, message: 'The row has 1 fields, the header has 2' },
    ]);
  });

  it('reports a CSV syntax error on the line of the record that breaks', () => {
    const unclosed = failure(parseDataset('TIP_TIERS', csv('iso2,tier', 'CH,1', '', ',', 'DE,"2', 'FR,1')));
    expect(unclosed.errors).toEqual([
      { line: 5, column: null, message: 'CSV syntax error (CSV_QUOTE_NOT_CLOSED): a quoted field starting in this row is never closed' },
    ]);
    const stray = failure(parseDataset('TIP_TIERS', csv('iso2,tier', 'CH,1', 'DE,2"', 'FR,1')));
    expect(stray.errors).toEqual([
      {
        line: 3,
        column: null,
        message: 'CSV syntax error (INVALID_OPENING_QUOTE): a quote (") inside an unquoted field: quote the whole field and double the inner quotes ("")',
      },
    ]);
    const trailing = failure(parseDataset('TIP_TIERS', csv('iso2,tier', '"CH"x,1')));
    expect(trailing.errors).toEqual([
      {
        line: 2,
        column: null,
        message: 'CSV syntax error (CSV_INVALID_CLOSING_QUOTE): text after the closing quote of a field: double quotes inside a quoted field ("")',
      },
    ]);
  });

  it('rejects bytes that are not UTF-8, naming the line', () => {
    const latin1 = Buffer.concat([
      Buffer.from('iso2,good,child_labor,forced_labor\nCI,Cocoa,true,true\nCI,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(',true,false\n'),
    ]);
    const result = failure(parseDataset('GOODS_LIST', latin1));
    expect(result.errors).toEqual([{ line: 3, column: null, message: 'The file is not valid UTF-8: save it as "CSV UTF-8"' }]);
  });

  it('rejects UTF-16 text', () => {
    const utf16 = Buffer.from('iso2,tier\nCH,1\n', 'utf16le');
    const result = failure(parseDataset('TIP_TIERS', utf16));
    expect(result.errors).toEqual([{ line: 1, column: null, message: 'The file contains NUL characters (UTF-16?): save it as "CSV UTF-8"' }]);
  });

  it('accepts a UTF-8 byte order mark, CRLF line ends, blank and all-empty lines, and reports true line numbers', () => {
    const content = Buffer.from('\ufeffiso2,tier\r\n\r\nCH,1\r\n,\r\n"D\r\nE",2\r\nXX,9\r\n', 'utf8');
    const result = failure(parseDataset('TIP_TIERS', content));
    expect(result.errors).toEqual([
      { line: 5, column: 'iso2', message: "iso2 'D\nE' must be two uppercase letters A–Z (ISO 3166-1 alpha-2, e.g. CH; XK for Kosovo)" },
      { line: 7, column: 'tier', message: "tier '9' is not one of 1, 2, 2WL, 3, special" },
    ]);
    const clean = success(parseDataset('TIP_TIERS', Buffer.from('\ufeffiso2,tier\r\n\r\nCH,1\r\n,\r\nDE,2\r\n', 'utf8')));
    expect(clean.rows).toEqual([
      { line: 3, iso2: 'CH', tier: '1' },
      { line: 5, iso2: 'DE', tier: '2' },
    ]);
  });

  it('digests the bytes: a string is hashed as its UTF-8 encoding, a BOM included', () => {
    const text = 'iso2,tier\nCH,1\n';
    // Expected values from `printf ... | sha256sum`.
    expect(success(parseDataset('TIP_TIERS', text)).contentDigest).toBe('68b5fa7b95495c734ec1a8809ce6a5345d5819395a4be98fee81855c17649460');
    expect(success(parseDataset('TIP_TIERS', Buffer.from(text))).contentDigest).toBe('68b5fa7b95495c734ec1a8809ce6a5345d5819395a4be98fee81855c17649460');
    expect(success(parseDataset('TIP_TIERS', `\ufeff${text}`)).contentDigest).toBe('c293f8aec3e89deb721fdab18a3ef8153a9533ff6a747add85f3cc217d26d7ea');
  });

  it('lists at most MAX_REPORTED_ERRORS errors and says how many more there were', () => {
    const lines = ['iso2,tier'];
    for (let i = 0; i < 250; i++) lines.push(`C${i % 10},1`); // 250 bad iso2 codes
    const result = failure(parseDataset('TIP_TIERS', csv(...lines)));
    expect(result.errorCount).toBe(250);
    expect(result.truncated).toBe(true);
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(result.errors[MAX_REPORTED_ERRORS - 1].line).toBe(201);
    expect(result.errors[MAX_REPORTED_ERRORS]).toEqual({
      line: 202,
      column: null,
      message: 'Too many errors: only the first 200 are listed; 50 more from line 202 on are not',
    });
  });

  it('throws on an unknown kind (a programming error, not a file error)', () => {
    expect(() => parseDataset('SANCTIONS' as DatasetKind, 'iso2\nCH\n')).toThrow('Unknown dataset kind: SANCTIONS');
  });
});

describe('parseDataset — ILO_RATIFICATIONS', () => {
  const header = 'iso2,country,C029,C087,C098,C100,C105,C111,C138,C182,c155,P029,ilo_member,C29';

  it('maps years and yes to ratified, no to not ratified, empty to unknown; keeps further C/P columns', () => {
    const result = success(parseDataset('ILO_RATIFICATIONS', csv(header, 'IN,India,1954,no,NO,yes,2000,Yes,2017,yes,no,,true,junk')));
    expect(result.rows).toEqual([
      {
        line: 2,
        iso2: 'IN',
        conventions: {
          C029: 'ratified',
          C087: 'not_ratified',
          C098: 'not_ratified',
          C100: 'ratified',
          C105: 'ratified',
          C111: 'ratified',
          C138: 'ratified',
          C182: 'ratified',
          C155: 'not_ratified',
          P029: 'unknown',
        },
      },
    ]);
  });

  it('rejects any other cell value, naming the convention column', () => {
    const result = failure(parseDataset('ILO_RATIFICATIONS', csv(header, 'IN,India,1954,n,no,yes,1900,yes,17,yes,ratified,,true,')));
    expect(result.errors).toEqual([
      { line: 2, column: 'C087', message: "C087 'n' must be a ratification year (4 digits), yes, no, or empty for unknown" },
      { line: 2, column: 'C105', message: "C105 year '1900' is before 1919, when the ILO was founded" },
      { line: 2, column: 'C138', message: "C138 '17' must be a ratification year (4 digits), yes, no, or empty for unknown" },
      { line: 2, column: 'C155', message: "C155 'ratified' must be a ratification year (4 digits), yes, no, or empty for unknown" },
    ]);
  });

  it('requires all eight Annex-6 convention columns', () => {
    const result = failure(parseDataset('ILO_RATIFICATIONS', csv('iso2,C029,C087,C098,C100,C105,C111,C182', 'CH,,,,,,,')));
    expect(result.errors).toEqual([{ line: 1, column: 'C138', message: "Required column 'C138' is missing from the header" }]);
  });
});

describe('parseDataset — GOODS_LIST', () => {
  const header = 'country,good,child_labor,forced_labor,iso2,downstream_good';

  it('reads booleans case-insensitively; downstream_good is optional and defaults to false', () => {
    const withColumn = success(parseDataset('GOODS_LIST', csv(header, 'India, Cotton ,TRUE,False,IN,', 'China,Solar Cells,false,false,CN,true')));
    expect(withColumn.rows).toEqual([
      { line: 2, iso2: 'IN', good: 'Cotton', childLabour: true, forcedLabour: false, downstream: false },
      { line: 3, iso2: 'CN', good: 'Solar Cells', childLabour: false, forcedLabour: false, downstream: true },
    ]);
    const without = success(parseDataset('GOODS_LIST', csv('iso2,good,child_labor,forced_labor', 'IN,Cotton,true,true')));
    expect(without.rows).toEqual([{ line: 2, iso2: 'IN', good: 'Cotton', childLabour: true, forcedLabour: true, downstream: false }]);
  });

  it('rejects bad booleans, a missing good and a row listed for nothing', () => {
    const result = failure(
      parseDataset(
        'GOODS_LIST',
        csv(header, 'India,Cotton,yes,false,IN,false', 'India,,true,1,IN,false', 'India,Tea,false,,IN,no', 'Peru,Gold,false,false,PE,false'),
      ),
    );
    expect(result.errors).toEqual([
      { line: 2, column: 'child_labor', message: "child_labor 'yes' must be true or false" },
      { line: 3, column: 'good', message: 'good is required' },
      { line: 3, column: 'forced_labor', message: "forced_labor '1' must be true or false" },
      { line: 4, column: 'forced_labor', message: 'forced_labor is required (true or false)' },
      { line: 4, column: 'downstream_good', message: "downstream_good 'no' must be true or false" },
      { line: 5, column: null, message: "good 'Gold' is listed for neither child_labor, forced_labor nor downstream_good: at least one must be true" },
    ]);
  });

  it('treats the same good for the same country as a duplicate, ignoring case; the same good elsewhere is fine', () => {
    const result = failure(
      parseDataset('GOODS_LIST', csv(header, 'India,Cotton,true,false,IN,false', 'China,Cotton,true,true,CN,false', 'India,COTTON,false,true,IN,false')),
    );
    expect(result.errors).toEqual([{ line: 4, column: 'good', message: "Duplicate good 'COTTON' for iso2 'IN': also on line 2" }]);
  });

  it('stores nothing when one row of an otherwise valid file is bad', () => {
    const good = Array.from({ length: 50 }, (_, i) => `X,Good ${i},true,false,IN,false`);
    const result = parseDataset('GOODS_LIST', csv(header, ...good, 'X,Bad,maybe,false,IN,false'));
    expect(result).toEqual({
      ok: false,
      kind: 'GOODS_LIST',
      errors: [{ line: 52, column: 'child_labor', message: "child_labor 'maybe' must be true or false" }],
      errorCount: 1,
      truncated: false,
    });
  });

  it('rejects a good name with a line break', () => {
    const result = failure(parseDataset('GOODS_LIST', csv(header, 'India,"Cot\nton",true,false,IN,false')));
    expect(result.errors).toEqual([{ line: 2, column: 'good', message: "good 'Cot\nton' contains a line break or control character" }]);
  });
});

describe('parseDataset — PREVALENCE', () => {
  it('keeps per1000 as the trimmed text, 0 included', () => {
    const result = success(parseDataset('PREVALENCE', csv('iso2,per1000,vulnerability', 'KP, 104.6 ,x', 'CH,0.5,', 'IS,0,', 'ER,90.30,')));
    expect(result.rows.map((r) => [r.iso2, r.per1000])).toEqual([
      ['KP', '104.6'],
      ['CH', '0.5'],
      ['IS', '0'],
      ['ER', '90.30'],
    ]);
  });

  it('rejects negative, malformed, empty and impossible values', () => {
    const result = failure(
      parseDataset(
        'PREVALENCE',
        csv('iso2,per1000', 'AA,-1.5', 'AB,+2', 'AC,1e3', 'AD,"2,5"', 'AE,.5', 'AF,007', 'AG,', 'AH,1000', 'AI,1000.01', 'AJ,12.', 'AK,1 000'),
      ),
    );
    const plain = (cell: string) =>
      `per1000 '${cell}' is not a plain decimal number (digits with an optional '.' part, e.g. 0.65; no sign, exponent, thousands separator or decimal comma)`;
    expect(result.errors).toEqual([
      { line: 2, column: 'per1000', message: "per1000 '-1.5' must not be negative" },
      { line: 3, column: 'per1000', message: plain('+2') },
      { line: 4, column: 'per1000', message: plain('1e3') },
      { line: 5, column: 'per1000', message: plain('2,5') },
      { line: 6, column: 'per1000', message: plain('.5') },
      { line: 7, column: 'per1000', message: plain('007') },
      { line: 8, column: 'per1000', message: 'per1000 is required' },
      { line: 10, column: 'per1000', message: "per1000 '1000.01' cannot exceed 1000 (it counts per 1,000 people)" },
      { line: 11, column: 'per1000', message: plain('12.') },
      { line: 12, column: 'per1000', message: plain('1 000') },
    ]);
  });
});

describe('parseDataset — PRICE_LEVELS', () => {
  const header = 'iso2,country,year,price_level_ratio,source';

  it('skips a row with an empty ratio and lists it, keeping the others', () => {
    const result = success(
      parseDataset('PRICE_LEVELS', csv(header, 'CH,Switzerland,2023,1.11187993188572,WB', 'CU,Cuba,2023,,WB', 'US,United States,2023,1,WB')),
    );
    expect(result.rows).toEqual([
      { line: 2, iso2: 'CH', ratio: '1.11187993188572' },
      { line: 4, iso2: 'US', ratio: '1' },
    ]);
    expect(result.rowCount).toBe(2);
    expect(result.skipped).toEqual([{ line: 3, iso2: 'CU', reason: 'price_level_ratio is empty: no value for this country' }]);
  });

  it('rejects zero, negative and malformed ratios, and a duplicate even of a skipped row', () => {
    const result = failure(
      parseDataset('PRICE_LEVELS', csv(header, 'AA,,2023,0.000,WB', 'AB,,2023,-0.5,WB', 'AC,,2023,0.5x,WB', 'AD,,2023,,WB', 'AD,,2023,0.4,WB')),
    );
    expect(result.errors).toEqual([
      { line: 2, column: 'price_level_ratio', message: "price_level_ratio '0.000' must be greater than 0" },
      { line: 3, column: 'price_level_ratio', message: "price_level_ratio '-0.5' must not be negative" },
      {
        line: 4,
        column: 'price_level_ratio',
        message:
          "price_level_ratio '0.5x' is not a plain decimal number (digits with an optional '.' part, e.g. 0.65; no sign, exponent, thousands separator or decimal comma)",
      },
      { line: 6, column: 'iso2', message: "Duplicate iso2 'AD': also on line 5" },
    ]);
  });

  it('fails when every row is skipped', () => {
    const result = failure(parseDataset('PRICE_LEVELS', csv(header, 'CU,Cuba,2023,,WB', 'ER,Eritrea,2023,,WB')));
    expect(result.errors).toEqual([{ line: 1, column: null, message: 'No row of the file has a value (2 rows skipped)' }]);
  });
});
