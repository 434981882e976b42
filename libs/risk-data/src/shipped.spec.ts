import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadShippedDatasets, SHIPPED_DATASETS } from './shipped';
import { parseDataset } from './parse';
import { toRiskDatasets } from './convert';
import type { GoodsListRow, IloRatificationRow, PriceLevelRow, TipTierRow } from './types';

const DATA_DIR = join(__dirname, '../../../data/risk');

describe('shipped datasets (data/risk)', () => {
  const loaded = loadShippedDatasets(DATA_DIR);
  const rowsOf = <R>(kind: string): R[] => loaded.find((d) => d.kind === kind)!.rows as R[];

  it('loads the four shipped files, in SHIPPED_DATASETS order', () => {
    expect(loaded.map((d) => [d.kind, d.fileName])).toEqual([
      ['TIP_TIERS', 'tip-tiers-2025.csv'],
      ['ILO_RATIFICATIONS', 'ilo-ratifications.csv'],
      ['GOODS_LIST', 'goods-list-2022.csv'],
      ['PRICE_LEVELS', 'price-levels-2023.csv'],
    ]);
    expect(loaded.map((d) => d.rowCount)).toEqual([188, 187, 467, 196]);
    for (const d of loaded) {
      expect(d.rows).toHaveLength(d.rowCount);
      // The shipped price file omits economies without a 2023 value instead of leaving cells empty.
      expect(d.skipped).toEqual([]);
    }
  });

  it('records the digest of the file bytes', () => {
    for (const d of loaded) {
      const expected = createHash('sha256')
        .update(readFileSync(join(DATA_DIR, d.fileName)))
        .digest('hex');
      expect(d.contentDigest).toBe(expected);
    }
  });

  it('TIP tiers: 33 Tier 1, 106 Tier 2, 25 Tier 2 Watch List, 20 Tier 3, 4 special cases', () => {
    const rows = rowsOf<TipTierRow>('TIP_TIERS');
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.tier] = (counts[r.tier] ?? 0) + 1;
    expect(counts).toEqual({ '1': 33, '2': 106, '2WL': 25, '3': 20, special: 4 });
    expect(
      rows
        .filter((r) => r.tier === 'special')
        .map((r) => r.iso2)
        .sort(),
    ).toEqual(['HT', 'LY', 'SO', 'YE']);
  });

  it('TIP spot checks (the file places CH in Tier 2, not Tier 1)', () => {
    const tierOf = (iso2: string) => rowsOf<TipTierRow>('TIP_TIERS').find((r) => r.iso2 === iso2)?.tier;
    expect(tierOf('CH')).toBe('2');
    expect(tierOf('AF')).toBe('3');
    expect(tierOf('DZ')).toBe('2WL');
    expect(tierOf('HT')).toBe('special');
  });

  it('ILO spot checks: IN has not ratified C087/C098, CH has unknowns, C155 kept as a further column', () => {
    const byIso = (iso2: string) => rowsOf<IloRatificationRow>('ILO_RATIFICATIONS').find((r) => r.iso2 === iso2)!;
    expect(byIso('IN').conventions).toEqual({
      C029: 'ratified',
      C087: 'not_ratified',
      C098: 'not_ratified',
      C100: 'ratified',
      C105: 'ratified',
      C111: 'ratified',
      C138: 'ratified',
      C182: 'ratified',
      C155: 'not_ratified',
      C187: 'not_ratified',
      P029: 'unknown',
    });
    expect(byIso('CH').conventions.C029).toBe('ratified'); // "1940"
    expect(byIso('CH').conventions.C087).toBe('unknown'); // empty cell: unknown, not "not ratified"
    // C182 is the one convention the file has for every member.
    expect(rowsOf<IloRatificationRow>('ILO_RATIFICATIONS').every((r) => r.conventions.C182 === 'ratified')).toBe(true);
  });

  it('goods spot checks: (Cotton, IN) is a child-labour listing only; (Cottonseed (hybrid), IN) also forced labour', () => {
    const goods = rowsOf<GoodsListRow>('GOODS_LIST');
    const find = (iso2: string, good: string) => goods.find((r) => r.iso2 === iso2 && r.good === good);
    expect(find('IN', 'Cotton')).toMatchObject({ childLabour: true, forcedLabour: false, downstream: false });
    expect(find('IN', 'Cottonseed (hybrid)')).toMatchObject({ childLabour: true, forcedLabour: true, downstream: false });
    expect(find('IN', 'Tea')).toMatchObject({ childLabour: false, forcedLabour: true });
    expect(find('CN', 'Solar Cells')).toMatchObject({ childLabour: false, forcedLabour: false, downstream: true });
    expect(goods.filter((r) => r.downstream)).toHaveLength(10);
    expect(new Set(goods.map((r) => r.iso2)).size).toBe(78);
  });

  it('price levels: US = 1, values kept as the file spells them', () => {
    const ratioOf = (iso2: string) => rowsOf<PriceLevelRow>('PRICE_LEVELS').find((r) => r.iso2 === iso2)?.ratio;
    expect(ratioOf('US')).toBe('1');
    expect(ratioOf('CH')).toBe('1.11187993188572');
    expect(ratioOf('CU')).toBeUndefined(); // no 2023 value: absent from the file
  });

  it('metadata carries the README provenance', () => {
    expect(SHIPPED_DATASETS.map((d) => [d.kind, d.retrievedAt])).toEqual([
      ['TIP_TIERS', '2025-09-29'],
      ['ILO_RATIFICATIONS', null],
      ['GOODS_LIST', '2023-08-23'],
      ['PRICE_LEVELS', '2025-10-07'],
    ]);
    for (const d of SHIPPED_DATASETS) {
      expect(d.name).not.toBe('');
      expect(d.source).not.toBe('');
      expect(d.licence).not.toBe('');
    }
    expect(SHIPPED_DATASETS.find((d) => d.kind === 'PRICE_LEVELS')!.licence).toContain('CC BY 4.0');
  });

  it('converts the shipped rows to the engine shape', () => {
    const datasets = toRiskDatasets({
      TIP_TIERS: rowsOf<TipTierRow>('TIP_TIERS'),
      ILO_RATIFICATIONS: rowsOf<IloRatificationRow>('ILO_RATIFICATIONS'),
      GOODS_LIST: rowsOf<GoodsListRow>('GOODS_LIST'),
      PRICE_LEVELS: rowsOf<PriceLevelRow>('PRICE_LEVELS'),
    });
    expect(datasets.tipTiers).toHaveLength(188);
    expect(datasets.iloRatifications).toHaveLength(187);
    expect(datasets.goodsList).toHaveLength(467);
    expect(datasets.priceLevels).toHaveLength(196);
    expect(datasets.prevalence).toBeNull();
    expect(datasets.tipTiers.find((t) => t.iso2 === 'CH')).toEqual({ iso2: 'CH', tier: '2' });
  });

  it('throws, naming file and errors, when a shipped file does not parse', () => {
    // A copy of the real TIP file with one corrupted tier, read through a temporary directory.
    const dir = mkdtempSync(join(tmpdir(), 'risk-data-'));
    try {
      for (const d of SHIPPED_DATASETS) copyFileSync(join(DATA_DIR, d.fileName), join(dir, d.fileName));
      const tip = readFileSync(join(DATA_DIR, 'tip-tiers-2025.csv'), 'utf8').replace('Afghanistan,AF,3,', 'Afghanistan,AF,4,');
      writeFileSync(join(dir, 'tip-tiers-2025.csv'), tip);
      expect(() => loadShippedDatasets(dir)).toThrow(
        "Shipped dataset tip-tiers-2025.csv (TIP_TIERS) does not parse: line 2 [tier]: tier '4' is not one of 1, 2, 2WL, 3, special",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses a shipped file the same from a string as from its bytes', () => {
    const bytes = readFileSync(join(DATA_DIR, 'goods-list-2022.csv'));
    const fromBytes = parseDataset('GOODS_LIST', bytes);
    const fromString = parseDataset('GOODS_LIST', bytes.toString('utf8'));
    expect(fromString).toEqual(fromBytes);
  });
});
