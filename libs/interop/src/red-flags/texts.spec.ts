import { redFlagLangOf, redFlagTexts, RED_FLAG_LANGS } from './texts';
import { RED_FLAG_CODES } from './types';

describe('red-flag texts', () => {
  it('every flag has a title and a definition in en, fr, de and it, each language its own', () => {
    for (const code of RED_FLAG_CODES) {
      const titles = RED_FLAG_LANGS.map((l) => redFlagTexts(l).titles[code]);
      const definitions = RED_FLAG_LANGS.map((l) => redFlagTexts(l).definitions[code]);
      expect(titles.every((t) => t.length > 0)).toBe(true);
      expect(new Set(titles).size).toBe(4);
      expect(new Set(definitions).size).toBe(4);
    }
    for (const l of RED_FLAG_LANGS) expect(Object.keys(redFlagTexts(l).titles).sort()).toEqual([...RED_FLAG_CODES].sort());
  });

  it('Swiss spelling: no ß in German', () => {
    expect(JSON.stringify(redFlagTexts('de'))).not.toContain('ß');
  });

  it('picks the language from Accept-Language by q-value, English otherwise', () => {
    expect(redFlagLangOf(undefined)).toBe('en');
    expect(redFlagLangOf('')).toBe('en');
    expect(redFlagLangOf('de-CH')).toBe('de');
    expect(redFlagLangOf('ja, it;q=0.4, fr;q=0.8')).toBe('fr');
    expect(redFlagLangOf('fr;q=0, it')).toBe('it');
    expect(redFlagLangOf('*, de;q=0.1')).toBe('de');
    expect(redFlagLangOf('xx;q=abc')).toBe('en');
    expect(redFlagTexts('es')).toBe(redFlagTexts('en'));
  });
});
