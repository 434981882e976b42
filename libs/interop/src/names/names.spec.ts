import { atLeast, formatScore, nameSimilarity, nameTokens, parseThreshold, possibleMatches, screeningKey } from './index';

/**
 * Expected values by hand: the normalised, token-sorted forms are written out,
 * the Levenshtein distance counted edit by edit, score = (L − d) / L with L the
 * longer form's length, reported with 4 places rounded down.
 */
describe('name normalisation', () => {
  it.each([
    ['Müller Textil AG', 'mueller tekstil'],
    ['MUELLER TEXTIL', 'mueller tekstil'],
    ['Textil Müller GmbH', 'mueller tekstil'],
    ['Дальтекс ООО', 'dalteks'],
    ['ООО «Дальтекс»', 'dalteks'],
    ['Daltex LLC', 'dalteks'],
    ['Ελληνικά Υφάσματα Α.Ε.', 'ellinika yfasmata'],
    ['Ellinika Yfasmata', 'ellinika yfasmata'],
    ['Tessitura Rossi S.p.A.', 'rossi tessitura'],
    ['Atelier Dupont Sàrl', 'atelier dupont'],
    ['Dupont & Co. Ltd', 'dupont'],
    ['Stitching Ltd.', 'stitching'],
    ['Acme Inc', 'acme'],
    ['Straße Bau SA', 'bau strasse'],
  ])('%s → %s', (name, key) => {
    expect(screeningKey(name)).toBe(key);
  });

  it('never removes the last token, and keeps token order in nameTokens', () => {
    expect(screeningKey('AG')).toBe('ag');
    expect(screeningKey('OOO')).toBe('ooo');
    expect(nameTokens('Textil Müller GmbH')).toEqual(['tekstil', 'mueller']);
    expect(screeningKey('  ...  ')).toBe('');
  });
});

describe('name similarity', () => {
  it.each([
    // same key after normalisation: d = 0
    ['Müller Textil AG', 'MUELLER TEXTIL', 0, 15, '1.0000'],
    ['Müller Textil AG', 'Textil Müller GmbH', 0, 15, '1.0000'],
    ['Дальтекс ООО', 'Daltex', 0, 7, '1.0000'],
    ['Ελληνικά Υφάσματα Α.Ε.', 'Ellinika Yfasmata', 0, 17, '1.0000'],
    // "mueller tekstil" / "muller tekstil": one deletion, 14/15
    ['Müller Textil AG', 'Muller Textil SA', 1, 15, '0.9333'],
    // "mueller tekstil" / "moeller tekstil": u → o, 14/15 (a different surname: a person must look)
    ['Müller Textil AG', 'Möller Textil AG', 1, 15, '0.9333'],
    // "mueller tekstil" / "mueller tekstilien": three insertions, 15/18
    ['Müller Textil AG', 'Müller Textilien AG', 3, 18, '0.8333'],
    // "dalteks" / "dalton": e → o, k → n, delete s; 4/7 = 0.571428…
    ['Daltex', 'Dalton', 3, 7, '0.5714'],
    // "alfa" / "alfa beta": five insertions; 4/9 = 0.4444…
    ['Alpha AG', 'Alpha Beta AG', 5, 9, '0.4444'],
  ])('%s ~ %s: distance %i of %i, score %s', (a, b, d, len, score) => {
    const s = nameSimilarity(a, b);
    expect(s.distance).toBe(d);
    expect(s.length).toBe(len);
    expect(s.ratio).toEqual({ numerator: len - d, denominator: len });
    expect(s.score).toBe(score);
    // symmetric
    expect(nameSimilarity(b, a).score).toBe(score);
  });

  it('two names without letters or digits score 0', () => {
    expect(nameSimilarity('---', 'Alpha').score).toBe('0.0000');
    expect(nameSimilarity('', '').ratio).toEqual({ numerator: 0, denominator: 1 });
  });

  it('threshold parsing and exact comparison (no float)', () => {
    expect(parseThreshold('0.85')).toEqual({ numerator: 85, denominator: 100 });
    expect(parseThreshold('1')).toEqual({ numerator: 1, denominator: 1 });
    expect(parseThreshold('0')).toEqual({ numerator: 0, denominator: 1 });
    for (const bad of ['1.5', '-0.1', '.85', '0.85x', '', '85%']) expect(() => parseThreshold(bad)).toThrow(RangeError);
    // 17/20 = 0.85 exactly: at the threshold
    expect(atLeast({ numerator: 17, denominator: 20 }, parseThreshold('0.85'))).toBe(true);
    // 0.8499999… just below, where a float rounding could tip it
    expect(atLeast({ numerator: 849999999, denominator: 1000000000 }, parseThreshold('0.85'))).toBe(false);
    expect(formatScore({ numerator: 2, denominator: 3 })).toBe('0.6666');
    expect(formatScore({ numerator: 1, denominator: 1 })).toBe('1.0000');
  });
});

describe('possible matches', () => {
  const entries = [
    { id: 'e1', name: 'Müller Textil AG', aliases: [], country: 'CH' },
    { id: 'e2', name: 'Дальтекс ООО', aliases: ['Daltex Trading'], country: 'RU' },
    { id: 'e3', name: 'Ελληνικά Υφάσματα Α.Ε.', aliases: [], country: 'GR' },
    { id: 'e4', name: 'Other Name GmbH', aliases: ['Textil Mueller'], country: 'DE' },
  ];

  it('same country or unknown country; name or alias; best first', () => {
    expect(possibleMatches({ name: 'MUELLER TEXTIL', country: 'CH' }, entries).map((m) => [m.entry.id, m.matchedName, m.similarity.score])).toEqual([
      ['e1', 'Müller Textil AG', '1.0000'],
    ]);
    // Country unknown: the DE alias "Textil Mueller" also scores 1.
    expect(possibleMatches({ name: 'Mueller Textil', country: null }, entries).map((m) => [m.entry.id, m.matchedName])).toEqual([
      ['e1', 'Müller Textil AG'],
      ['e4', 'Textil Mueller'],
    ]);
    expect(possibleMatches({ name: 'Daltex', country: 'RU' }, entries).map((m) => [m.entry.id, m.matchedName, m.similarity.score])).toEqual([
      ['e2', 'Дальтекс ООО', '1.0000'],
    ]);
    expect(possibleMatches({ name: 'Ellinika Yfasmata', country: 'GR' }, entries).map((m) => m.entry.id)).toEqual(['e3']);
  });

  it('near-misses and other countries do not match', () => {
    expect(possibleMatches({ name: 'Müller Textilien AG', country: 'CH' }, entries)).toEqual([]);
    expect(possibleMatches({ name: 'Dalton', country: 'RU' }, entries)).toEqual([]);
    expect(possibleMatches({ name: 'Ellinika Trofima', country: 'GR' }, entries)).toEqual([]);
    expect(possibleMatches({ name: 'Müller Textil AG', country: 'AT' }, entries)).toEqual([]);
  });

  it('the threshold decides exactly: 14/15 = 0.9333… matches at 0.9333, not at 0.9334', () => {
    const one = [{ id: 'x', name: 'Muller Textil', country: 'CH' }];
    expect(possibleMatches({ name: 'Müller Textil', country: 'CH' }, one, '0.9333')).toHaveLength(1);
    expect(possibleMatches({ name: 'Müller Textil', country: 'CH' }, one, '0.9334')).toHaveLength(0);
  });
});
