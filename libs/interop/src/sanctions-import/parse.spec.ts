import { parseSanctionList, sanctionListTemplateCsv } from './index';

const BUYER = '0b6f2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('sanctions list files', () => {
  it('the template parses: two entries, lists split on semicolons, digest of the bytes', () => {
    const r = parseSanctionList(sanctionListTemplateCsv(), { format: 'CSV' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.entries).toEqual([
      {
        line: 2,
        name: 'Müller Textil AG',
        aliases: ['Mueller Textil', 'Textil Müller GmbH'],
        country: 'CH',
        identifiers: ['CHE-123.456.789'],
        ground: '44-1-e',
        from: '2026-01-15',
        until: '2030-01-14',
        source: 'Decision 2025-17 of the Federal Office',
        scope: 'ALL_FEDERAL',
        buyerId: null,
        reasons: 'Bribery of a procurement officer',
      },
      expect.objectContaining({ line: 3, name: 'Дальтекс ООО', aliases: ['Daltex LLC'], country: 'RU', identifiers: [], until: '2027-02-28' }),
    ]);
    expect(r.contentDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a foreign layout through a mapping, with defaults for what the file lacks', () => {
    const csv = [
      'Firm,Other names,ISO,Start,End',
      'Acme Trading Ltd,Acme Ltd; ACME,gb,2026-02-01,2028-01-31',
      `"Rossi, Tessitura S.p.A.",,IT,2026-02-01,2027-01-31`,
    ].join('\r\n');
    const r = parseSanctionList(csv, {
      format: 'CSV',
      mapping: { name: 'Firm', aliases: 'Other names', country: 'ISO', from: 'Start', until: 'End' },
      defaults: { ground: '44-1-e', scope: 'BUYER', buyerId: BUYER, source: 'World Bank debarred firms 2026-01' },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.entries.map((e) => [e.line, e.name, e.aliases, e.country, e.scope, e.buyerId, e.ground, e.source])).toEqual([
      [2, 'Acme Trading Ltd', ['Acme Ltd', 'ACME'], 'GB', 'BUYER', BUYER, '44-1-e', 'World Bank debarred firms 2026-01'],
      [3, 'Rossi, Tessitura S.p.A.', [], 'IT', 'BUYER', BUYER, '44-1-e', 'World Bank debarred firms 2026-01'],
    ]);
  });

  it('one bad row refuses the file; every error names its line and column (as in the file)', () => {
    const csv = [
      'name,country,ground,from,until,scope',
      'Good AG,CH,44-1-e,2026-01-01,2026-12-31,ALL_FEDERAL',
      'Bad AG,XX,44-3-a,2026-02-30,2026-12-31,ALL_FEDERAL',
      ',CH,44-1-e,2026-01-01,2032-01-01,BUYER',
      'Short,CH',
    ].join('\n');
    const r = parseSanctionList(csv, { format: 'CSV' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'country'],
      [3, 'ground'],
      [3, 'from'],
      [4, 'name'],
      [4, 'until'],
      [4, 'buyerId'],
      [5, null],
    ]);
    expect(r.errors[4].message).toBe('a sanction lasts at most 5 years (Art. 45(1)): until at most 2030-12-31');
    expect(r.errorCount).toBe(7);
  });

  it('header problems: a mapped column missing, an unknown column, a required column missing', () => {
    const r = parseSanctionList('Firm,country,ground,from,until,extra\nA,CH,44-1-e,2026-01-01,2026-02-01,x\n', { format: 'CSV', mapping: { name: 'Name' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [1, 'Name', 'mapped column "Name" (for name) is not in the header'],
      [1, 'scope', 'required column "scope" is missing (map it, or give a default)'],
      [1, 'Firm', 'unknown column "Firm": map it to a field or remove it'],
      [1, 'extra', 'unknown column "extra": map it to a field or remove it'],
    ]);
  });

  it('JSON: an array (or {entries}); lists as arrays; errors name the entry position and field', () => {
    const ok = parseSanctionList(
      JSON.stringify({
        entries: [
          {
            name: 'Ελληνικά Υφάσματα Α.Ε.',
            aliases: ['Ellinika Yfasmata'],
            country: 'GR',
            identifiers: ['EL094012345'],
            ground: '44-1-a',
            from: '2026-01-01',
            until: '2026-12-31',
            scope: 'ALL_FEDERAL',
          },
        ],
      }),
      { format: 'JSON' },
    );
    expect(ok.ok && ok.entries[0]).toMatchObject({ line: 1, aliases: ['Ellinika Yfasmata'], identifiers: ['EL094012345'] });
    const bad = parseSanctionList(
      JSON.stringify([
        { name: 'A', country: 'CH', ground: '44-1-a', from: '2026-01-01', until: '2026-12-31', scope: 'ALL_FEDERAL' },
        { name: 'B', colour: 'red' },
      ]),
      {
        format: 'JSON',
      },
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'colour'],
      [2, 'country'],
      [2, 'ground'],
      [2, 'from'],
      [2, 'until'],
      [2, 'scope'],
    ]);
    expect(parseSanctionList('{not json', { format: 'JSON' }).ok).toBe(false);
  });

  it('refuses a non-UTF-8 file and unknown mapping fields', () => {
    const latin1 = Buffer.from('name,country\nM\xfcller,CH\n', 'latin1');
    const r = parseSanctionList(latin1, { format: 'CSV' });
    expect(r.ok === false && r.errors[0].message).toMatch(/not valid UTF-8/);
    const m = parseSanctionList('x', { format: 'CSV', mapping: { colour: 'x' } as never });
    expect(m.ok === false && m.errors.map((e) => e.column)).toEqual(['mapping.colour']);
  });
});
