import { screenDuringExecution, type ExecutionScreeningInput, type ExecutionSanction } from './rescreen';

const entry = (over: Partial<ExecutionSanction>): ExecutionSanction => ({
  id: 'S1',
  name: 'Nobody',
  aliases: [],
  identifiers: [],
  country: 'CH',
  ground: '44-1-e',
  from: '2026-01-01',
  until: '2030-12-31',
  scope: 'ALL_FEDERAL',
  buyerId: null,
  list: null,
  ...over,
});

const base = (over: Partial<ExecutionScreeningInput>): ExecutionScreeningInput => ({
  today: '2027-03-01',
  buyerId: 'b1',
  nodes: [
    { path: ['Alpha AG'], country: 'CH', identifiers: ['CHE-111.222.333'], goods: [] },
    { path: ['Alpha AG', 'Daltex'], country: 'RU', identifiers: [], goods: ['Garments', ' garments '] },
  ],
  sanctions: [],
  forcedLabour: [],
  evaluated: { deadlineDate: '2026-12-31', sanctions: [], forcedLabour: [] },
  ...over,
});

describe('screening during execution', () => {
  it('identifier (EXCLUSION_GROUND), exact name and country (EXCLUSION_GROUND), fuzzy (VERIFY with score)', () => {
    const out = screenDuringExecution(
      base({
        sanctions: [
          entry({ id: 'S1', identifiers: ['che111222333'], country: 'DE' }),
          entry({ id: 'S2', name: 'Alpha', country: 'CH' }),
          entry({ id: 'S3', name: 'Дальтекс ООО', country: 'RU' }),
        ],
      }),
    );
    expect(out.map((m) => [m.nodePath.join('/'), m.key, m.kind, m.severity, m.data.score])).toEqual([
      ['Alpha AG', 'sanction:S1', 'SANCTION_IDENTIFIER', 'EXCLUSION_GROUND', undefined],
      ['Alpha AG', 'sanction:S2', 'SANCTION_NAME', 'EXCLUSION_GROUND', undefined],
      ['Alpha AG/Daltex', 'sanction:S3', 'SANCTION_POSSIBLE_MATCH', 'VERIFY', '1.0000'],
    ]);
  });

  it('only what the award’s evaluation could not have reported, in force today, in scope', () => {
    const s = entry({ id: 'S1', identifiers: ['CHE111222333'] });
    // Known at the evaluation and in force at its deadline: not new.
    expect(screenDuringExecution(base({ sanctions: [s], evaluated: { deadlineDate: '2026-12-31', sanctions: [s], forcedLabour: [] } }))).toEqual([]);
    // Known but not yet in force at the deadline (begins later): new now.
    const later = entry({ id: 'S1', identifiers: ['CHE111222333'], from: '2027-01-01' });
    expect(screenDuringExecution(base({ sanctions: [later], evaluated: { deadlineDate: '2026-12-31', sanctions: [later], forcedLabour: [] } }))).toHaveLength(
      1,
    );
    // Not in force today; another buyer's entry.
    expect(screenDuringExecution(base({ sanctions: [entry({ identifiers: ['CHE111222333'], until: '2027-02-28' })] }))).toEqual([]);
    expect(screenDuringExecution(base({ sanctions: [entry({ identifiers: ['CHE111222333'], scope: 'BUYER', buyerId: 'b2' })] }))).toEqual([]);
    expect(screenDuringExecution(base({ sanctions: [entry({ identifiers: ['CHE111222333'], scope: 'BUYER', buyerId: 'b1' })] }))).toHaveLength(1);
  });

  it('a forced-labour listing of a node’s good and country that the evaluation’s goods list did not have; each good once', () => {
    const listed = [{ good: 'Garments', iso2: 'RU' }];
    expect(screenDuringExecution(base({ forcedLabour: listed })).map((m) => [m.key, m.severity, m.data])).toEqual([
      ['forced-labour:garments:RU', 'EXCLUSION_GROUND', { kind: 'FORCED_LABOUR_LISTING', good: 'garments', country: 'RU' }],
    ]);
    expect(
      screenDuringExecution(
        base({ forcedLabour: listed, evaluated: { deadlineDate: '2026-12-31', sanctions: [], forcedLabour: [{ good: 'garments', iso2: 'ru' }] } }),
      ),
    ).toEqual([]);
  });
});
