import { toRiskDatasets } from './convert';
import { datasetTemplateCsv } from './template';
import { parseDataset } from './parse';
import { DATASET_KINDS, isDatasetKind } from './types';

describe('toRiskDatasets', () => {
  it('maps every part to the engine shape and drops line numbers', () => {
    const ilo = { line: 7, iso2: 'IN', conventions: { C087: 'not_ratified' as const, C182: 'ratified' as const } };
    const datasets = toRiskDatasets({
      TIP_TIERS: [{ line: 2, iso2: 'CH', tier: '2' }],
      ILO_RATIFICATIONS: [ilo],
      GOODS_LIST: [{ line: 3, iso2: 'IN', good: 'Cotton', childLabour: true, forcedLabour: false, downstream: false }],
      PREVALENCE: [{ line: 4, iso2: 'KP', per1000: '104.6' }],
      PRICE_LEVELS: [{ line: 5, iso2: 'CH', ratio: '1.11187993188572' }],
    });
    expect(datasets).toEqual({
      tipTiers: [{ iso2: 'CH', tier: '2' }],
      iloRatifications: [{ iso2: 'IN', conventions: { C087: 'not_ratified', C182: 'ratified' } }],
      goodsList: [{ iso2: 'IN', good: 'Cotton', childLabour: true, forcedLabour: false, downstream: false }],
      prevalence: [{ iso2: 'KP', per1000: '104.6' }],
      priceLevels: [{ iso2: 'CH', ratio: '1.11187993188572' }],
    });
    // A fresh object: the engine's input cannot alter a stored row.
    expect(datasets.iloRatifications[0].conventions).not.toBe(ilo.conventions);
  });

  it('accepts rows without line (as read back from storage)', () => {
    expect(toRiskDatasets({ TIP_TIERS: [{ iso2: 'DE', tier: '1' }] }).tipTiers).toEqual([{ iso2: 'DE', tier: '1' }]);
  });

  it('gives empty lists for missing TIP, ILO and goods parts, null for missing prevalence and price levels', () => {
    expect(toRiskDatasets({})).toEqual({ tipTiers: [], iloRatifications: [], goodsList: [], prevalence: null, priceLevels: null });
  });
});

describe('datasetTemplateCsv', () => {
  it('gives the header and one example row of each kind', () => {
    expect(datasetTemplateCsv('TIP_TIERS')).toBe('iso2,tier\nCH,2\n');
    expect(datasetTemplateCsv('ILO_RATIFICATIONS')).toBe('iso2,C029,C087,C098,C100,C105,C111,C138,C182\nIN,1954,no,no,yes,2000,yes,2017,yes\n');
    expect(datasetTemplateCsv('GOODS_LIST')).toBe('iso2,good,child_labor,forced_labor,downstream_good\nIN,Cotton,true,false,false\n');
    expect(datasetTemplateCsv('PREVALENCE')).toBe('iso2,per1000\nCH,0.5\n');
    expect(datasetTemplateCsv('PRICE_LEVELS')).toBe('iso2,price_level_ratio\nCH,1.11187993188572\n');
  });

  it.each(DATASET_KINDS)('the %s template parses as a valid one-row file', (kind) => {
    const result = parseDataset(kind, datasetTemplateCsv(kind));
    expect(result.ok && result.rowCount).toBe(1);
  });
});

describe('isDatasetKind', () => {
  it('accepts the five kinds only', () => {
    expect(DATASET_KINDS.every(isDatasetKind)).toBe(true);
    expect(isDatasetKind('tip_tiers')).toBe(false);
    expect(isDatasetKind(undefined)).toBe(false);
  });
});
