import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseDataset, parseDatasetAsync } from './parse';
import { DATASET_KINDS, type DatasetKind } from './types';

/**
 * parseDatasetAsync (csv-parse's stream API, fed in slices, yielding between
 * them) must give exactly parseDataset's result: same rows, same errors with
 * the same lines, same digest — the sync parse is the reference.
 */
describe('parseDatasetAsync gives parseDataset’s result', () => {
  const shipped: [DatasetKind, string][] = [
    ['TIP_TIERS', 'tip-tiers-2025.csv'],
    ['ILO_RATIFICATIONS', 'ilo-ratifications.csv'],
    ['GOODS_LIST', 'goods-list-2022.csv'],
    ['PRICE_LEVELS', 'price-levels-2023.csv'],
  ];
  it.each(shipped)('on the shipped %s file', async (kind, file) => {
    const bytes = readFileSync(path.join(__dirname, '../../../data/risk', file));
    const sync = parseDataset(kind, bytes);
    expect(sync.ok).toBe(true);
    expect(await parseDatasetAsync(kind, bytes)).toEqual(sync);
  });

  it('on random files of each kind (quotes, CR/LF, blank and ",,," lines, bad bytes)', async () => {
    const headers: Record<DatasetKind, string> = {
      TIP_TIERS: 'country,iso2,tier',
      ILO_RATIFICATIONS: 'iso2,C029,C087,C098,C100,C105,C111,C138,C182',
      GOODS_LIST: 'iso2,good,child_labor,forced_labor',
      PREVALENCE: 'iso2,per1000',
      PRICE_LEVELS: 'iso2,price_level_ratio',
    };
    const cell = fc.constantFrom(
      'CH',
      'BD',
      'IN',
      'ch',
      '1',
      '2wl',
      'true',
      'false',
      'yes',
      '1954',
      '0.5',
      '"a,b"',
      '"x""y"',
      '"open',
      '',
      ' ',
      'Cotton',
      'x"y',
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 10 }).map((cells) => cells.join(','));
    const sep = fc.constantFrom('\n', '\r\n', '\r');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DATASET_KINDS), fc.array(fc.tuple(line, sep), { maxLength: 12 }), fc.boolean(), async (kind, rows, badByte) => {
        const text = headers[kind] + '\n' + rows.map(([l, s]) => l + s).join('');
        const bytes = badByte ? Buffer.concat([Buffer.from(text), Buffer.from([0xff])]) : Buffer.from(text);
        expect(await parseDatasetAsync(kind, bytes)).toEqual(parseDataset(kind, bytes));
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('on a file much larger than one slice, with a quoted field across a slice boundary and a syntax error after it', async () => {
    const rows = ['iso2,good,child_labor,forced_labor'];
    for (let i = 0; i < 14_000; i++) rows.push(`C${String.fromCharCode(65 + (i % 26))},"Good ${i}\nsecond line",true,false`);
    const valid = rows.join('\n') + '\n';
    expect(valid.length).toBeGreaterThan(2 * 256 * 1024);
    const sync = parseDataset('GOODS_LIST', valid);
    expect(sync.ok).toBe(false); // a good with a line break is refused on every row: the errors must agree line by line
    expect(await parseDatasetAsync('GOODS_LIST', valid)).toEqual(sync);
    const broken = valid + 'CH,"never closed,true,false\n';
    expect(await parseDatasetAsync('GOODS_LIST', broken)).toEqual(parseDataset('GOODS_LIST', broken));
    const plain = rows.map((r) => r.replace('\nsecond line', '')).join('\n') + '\n';
    const ok = parseDataset('GOODS_LIST', plain);
    expect(ok.ok).toBe(true);
    expect(await parseDatasetAsync('GOODS_LIST', plain)).toEqual(ok);
  }, 60_000);
});
