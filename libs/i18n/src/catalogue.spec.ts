import { checkParticipation, findingParams, type Finding } from '../../evaluation/src';
import { ALL_TRUE, bid, input, node, sanction, tender } from '../../evaluation/src/testing/builders';
import { dataGapNote, displayedFindingMessage, findingMessage, groundLabel, legalBasisLabel } from './findings';
import { LANGS, negotiateLang } from './languages';
import { MESSAGES, message, placeholdersOf, type Entry } from './messages';
import { DICTIONARIES } from './report-words';
import { PROBLEM_TITLES } from './problems';

describe('message catalogue', () => {
  it.each(Object.keys(MESSAGES))('%s has a text in every language with the same placeholders', (key) => {
    const entry = (MESSAGES as Record<string, Entry>)[key];
    expect(Object.keys(entry).sort()).toEqual([...LANGS].sort());
    for (const l of LANGS) expect(typeof entry[l] === 'string' && entry[l].length > 0).toBe(true);
    const expected = placeholdersOf(entry.en);
    for (const l of LANGS) expect({ lang: l, placeholders: placeholdersOf(entry[l]) }).toEqual({ lang: l, placeholders: expected });
  });

  it('placeholdersOf sees every {name}', () => {
    expect(placeholdersOf('{b} and {a}, {b} again')).toEqual(['a', 'b']);
    expect(placeholdersOf('none')).toEqual([]);
  });

  it('refuses to print a message with a missing parameter', () => {
    expect(() => message('finding.where.BIDDER', 'it', {})).toThrow(/needs the parameter node/);
    expect(message('finding.where.BIDDER', 'it', { node: 'Alfa SA' })).toBe('Offerente Alfa SA');
  });
});

/** Every leaf of the report dictionary: strings non-empty; functions take the same arguments and print each of them. */
function leaves(o: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

describe('report words', () => {
  const en = leaves(DICTIONARIES.en);
  it.each(LANGS.filter((l) => l !== 'en'))('%s has exactly the English keys', (lang) => {
    expect([...leaves(DICTIONARIES[lang]).keys()].sort()).toEqual([...en.keys()].sort());
  });
  it.each(LANGS)('%s: no empty word, and every argument of a phrase is printed', (lang) => {
    for (const [key, v] of leaves(DICTIONARIES[lang])) {
      if (typeof v === 'function') {
        const f = v as (...a: string[]) => string;
        expect({ key, arity: f.length }).toEqual({ key, arity: (en.get(key) as (...a: string[]) => string).length });
        const args = Array.from({ length: f.length }, (_, i) => `⟨${i}⟩`);
        const text = f(...args);
        for (const a of args) expect({ key, has: text.includes(a) }).toEqual({ key, has: true });
      } else {
        expect({ key, ok: typeof v === 'string' && v.length > 0 }).toEqual({ key, ok: true });
      }
    }
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de-CH', 'de'],
    ['fr-CH', 'fr'],
    ['it-CH', 'it'],
    ['IT', 'it'],
    ['rm-CH, it-CH;q=0.8, de;q=0.9', 'de'],
    ['de;q=0.5, fr;q=0.7', 'fr'],
    ['es, it;q=0.1', 'it'],
    ['es, pt', 'en'],
    ['*', 'en'],
    ['fr;q=0, it', 'it'],
    ['de;q=abc, fr', 'fr'],
    ['fr;q=2, de;q=0.3', 'de'],
    ['de-CH;q=0.9, fr-CH;q=0.9', 'de'],
    [['fr;q=0.2', 'it;q=0.4'], 'it'],
  ] as const)('%j → %s', (header, lang) => {
    expect(negotiateLang(header as string | string[] | undefined)).toBe(lang);
  });
});

describe('finding messages', () => {
  // One tender whose bids raise every §2 finding the engine knows.
  const chain = node('Alpha AG', {
    country: 'CH',
    declarations: { ...ALL_TRUE, labourProtection: false, workingConditions: false, equalPay: false, subcontractClause: false },
    subcontractors: [
      node('Dhaka Sewing', {
        country: 'BD',
        sharePercent: '60',
        declarations: { ...ALL_TRUE, iloCoreConventions: false, additionalConventions: [], environmentalLaw: false },
        violations: [
          { ground: '44-2-f', standard: 'INDICATION', occurredAt: '2024-03-01', source: 'NGO report', description: 'overtime' },
          { ground: '44-2-g', standard: 'INDICATION', occurredAt: '2024-05-01', source: 'press', description: 'undeclared workers' },
        ],
      }),
      node('Cotton Mill', { country: 'IN', sharePercent: '20', goods: ['Cotton'], declarations: { ...ALL_TRUE, taxesAndSocialSecurityPaid: false } }),
      node('Unknown Weaver', {
        country: null,
        sharePercent: '10',
        violations: [{ ground: '44-1-c', standard: 'ESTABLISHED', occurredAt: '2023-01-10', source: 'court', description: 'conviction' }],
      }),
      node('Bad Company AG', { country: 'CH', sharePercent: '10' }),
    ],
  });
  const evalInput = input({
    tender: tender({ additionalConventions: ['C155'] }),
    bids: [
      bid('b1', '100', { supplyChain: chain, bidderName: 'Alpha AG' }),
      bid('b2', '1000', { receivedAt: '2025-07-01T09:00:00+02:00' }),
      bid('b3', '1000'),
      bid('b4', '1000'),
    ],
    sanctions: [sanction()],
  });
  const all: Finding[] = Object.values(checkParticipation(evalInput)).flat();
  const codes = new Set(all.map((f) => f.code));

  it('the fixture raises every finding code of the engine', () => {
    expect([...codes].sort()).toEqual(
      [
        'ABNORMALLY_LOW',
        'CH_EQUAL_PAY',
        'CH_LABOUR_CONDITIONS',
        'ENVIRONMENTAL_LAW',
        'FORCED_LABOUR_GOODS',
        'ILO_ADDITIONAL_CONVENTIONS',
        'ILO_CORE_CONVENTIONS',
        'LATE_SUBMISSION',
        'SANCTIONED',
        'SUBCONTRACT_CLAUSE',
        'TAXES_SOCIAL_SECURITY',
        'UNDISCLOSED_COUNTRY',
        'VIOLATION_ESTABLISHED',
        'VIOLATION_INDICATION',
      ].sort(),
    );
  });

  it('the English text from code and parameters is exactly the engine’s recorded message', () => {
    for (const f of all) {
      const params = findingParams(f);
      expect(params).toBeDefined();
      expect(findingMessage({ ...f, params }, 'en')).toBe(f.message);
    }
  });

  it('every other language renders every finding with no placeholder left and the node named', () => {
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      for (const f of all) {
        const params = findingParams(f)!;
        const text = findingMessage({ ...f, params }, lang);
        expect(text).not.toMatch(/\{[A-Za-z]+\}/);
        expect(text).not.toBe(f.message);
        if (params.node) expect(text).toContain(params.node);
      }
    }
  });

  it('says the Italian messages as written by hand', () => {
    const it = (code: string) => {
      const f = all.find((x) => x.code === code)!;
      return findingMessage({ ...f, params: findingParams(f) }, 'it');
    };
    expect(it('CH_EQUAL_PAY')).toBe('Offerente Alpha AG (lavoro in Svizzera): parità salariale tra donna e uomo non dichiarata.');
    expect(it('ILO_CORE_CONVENTIONS')).toBe(
      'Subappaltatore Dhaka Sewing (lavoro in BD): rispetto delle convenzioni fondamentali dell’OIL dell’allegato 6 non dichiarato.',
    );
    expect(it('FORCED_LABOUR_GOODS')).toBe('Subappaltatore Cotton Mill: Cotton nell’elenco del lavoro forzato per IN.');
    expect(it('LATE_SUBMISSION')).toBe('Ricevuta il 2025-07-01T09:00:00+02:00, dopo il termine di inoltro del 2025-06-30T12:00:00+02:00.');
    expect(it('SANCTIONED')).toBe(
      'Subappaltatore Bad Company AG figura nell’elenco delle sanzioni: S1 (Bad Company AG, motivo 44-1-e, dal 2024-01-01 al 2026-12-31, trovato tramite nome e paese).',
    );
    expect(it('VIOLATION_INDICATION')).toBe(
      'Subappaltatore Dhaka Sewing: indizi di violazioni dal 2020-06-30: 2024-03-01 44-2-f: overtime (fonte: NGO report); 2024-05-01 44-2-g: undeclared workers (fonte: press).',
    );
    // ABNORMALLY_LOW: b2 is late, so the others are b3 and b4 (1000, 1000): median 1000; 0.8 × 1000 = 800 > 100.
    expect(it('ABNORMALLY_LOW')).toBe(
      'Il prezzo 100 è inferiore a 0.8 × 1000 (mediana di 2 altre offerte ammissibili senza motivo di esclusione) = 800; chiedere spiegazioni all’offerente (art. 38 cpv. 3).',
    );
  });

  it('displays the recorded message in English, the catalogue’s rendering in the other languages', () => {
    const f = { code: 'CH_EQUAL_PAY', message: 'as recorded', params: { role: 'BIDDER' as const, node: 'Alpha AG' } };
    expect(displayedFindingMessage(f, 'en')).toBe('as recorded');
    expect(displayedFindingMessage(f, 'de')).toBe('Anbieterin Alpha AG (Arbeit in der Schweiz): Lohngleichheit von Frau und Mann nicht erklärt.');
  });

  it('falls back to the recorded text without parameters or for an unknown code', () => {
    expect(findingMessage({ code: 'CH_EQUAL_PAY', message: 'as recorded' }, 'de')).toBe('as recorded');
    expect(findingMessage({ code: 'SOMETHING_NEW', message: 'as recorded', params: { node: 'x' } }, 'fr')).toBe('as recorded');
  });

  it('renders the codes other engines add, from their parameters', () => {
    const p = { role: 'SUBCONTRACTOR' as const, node: 'Weberei Süd' };
    expect(findingMessage({ code: 'UNKNOWN_GOOD', message: '', params: { ...p, good: 'Linen' } }, 'de')).toBe(
      'Subunternehmer Weberei Süd: Linen entspricht keinem Eintrag der Güterliste; Produktrisiko 0 dafür. Bitte den Namen prüfen.',
    );
    expect(
      findingMessage({ code: 'SANCTIONED_POSSIBLE_MATCH', message: '', params: { ...p, entryName: 'Weberei Sued GmbH', country: 'DE', score: '0.92' } }, 'fr'),
    ).toBe('Sous-traitant Weberei Süd : le nom ressemble à l’entrée de la liste des sanctions Weberei Sued GmbH (DE, similarité 0.92) ; vérifier l’identité.');
    expect(findingMessage({ code: 'DURING_EXECUTION', message: '', params: { ...p, matched: 'S9 (sanctions list)' } }, 'it')).toBe(
      'Subappaltatore Weberei Süd: nuovo riscontro dopo l’aggiudicazione: S9 (sanctions list).',
    );
  });
});

describe('data gaps, legal bases, grounds', () => {
  it.each([
    ['country undisclosed', 'de', 'Land nicht angegeben'],
    ['TIP tier of XK not in the dataset', 'fr', 'catégorie TIP de XK absente des données'],
    ['ILO ratifications of XK not in the dataset', 'it', 'ratifiche OIL di XK assenti dai dati'],
    ['ILO ratification status of IN unknown for C155, P029', 'de', 'ILO-Ratifikationsstand von IN unbekannt für C155, P029'],
    ['prevalence of BD not in the table', 'it', 'prevalenza di BD assente dalla tabella'],
    ['something else', 'fr', 'something else'],
  ] as const)('%s in %s', (note, lang, expected) => {
    expect(dataGapNote(note, lang)).toBe(expected);
    expect(dataGapNote(note, 'en')).toBe(note);
  });

  it.each([
    ['Art. 12(2), Annex 6, 44(1)(a)', 'de', 'Art. 12 Abs. 2, Anhang 6, Art. 44 Abs. 1 Bst. a'],
    ['Art. 12(2), VöB 4(2), 44(1)(a)', 'fr', 'art. 12, al. 2 ; art. 4, al. 2, OMP ; art. 44, al. 1, let. a'],
    ['Art. 12(2), VöB 4(2), 44(1)(a)', 'it', 'art. 12 cpv. 2, art. 4 cpv. 2 OAPub, art. 44 cpv. 1 lett. a'],
    ['Art. 44(1)(j), 45', 'de', 'Art. 44 Abs. 1 Bst. j, Art. 45'],
    ['Art. 44(2)', 'it', 'art. 44 cpv. 2'],
    ['Art. 12(2), VöB 4(2), 44(1)(a)', 'en', 'Art. 12(2), VöB 4(2), 44(1)(a)'],
    ['§ 7 something', 'de', '§ 7 something'],
  ] as const)('%s in %s', (basis, lang, expected) => {
    expect(legalBasisLabel(basis, lang)).toBe(expected);
  });

  it('labels all 18 Art. 44 grounds in every language, and no other', () => {
    const grounds = [...'abcdefghij'].map((x) => `44-1-${x}`).concat([...'abcdefgh'].map((x) => `44-2-${x}`));
    for (const lang of LANGS) for (const g of grounds) expect(groundLabel(g, lang)).toMatch(/\S/);
    expect(groundLabel('44-2-i', 'de')).toBeUndefined();
    expect(groundLabel('44-2-e', 'it')).toBe('è insolvente');
  });
});

describe('problem titles', () => {
  it.each(Object.keys(PROBLEM_TITLES))('%s has a title in every language, and only English is the v1 text', (family) => {
    const entry = (PROBLEM_TITLES as Record<string, Entry>)[family];
    expect(Object.keys(entry).sort()).toEqual([...LANGS].sort());
    for (const l of LANGS) expect(entry[l].trim().length).toBeGreaterThan(0);
    expect(new Set(LANGS.map((l) => entry[l])).size).toBe(LANGS.length);
  });
});
