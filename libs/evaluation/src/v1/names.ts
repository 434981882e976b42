/**
 * Name and identifier normalisation for sanctions matching (Art. 45 list).
 */

/**
 * Legal-form suffixes dropped from the end of a name, as token sequences after
 * punctuation became spaces ("S.A." → ["s", "a"], "S.p.A." → ["s", "p", "a"]).
 * Longer sequences first so that "s p a" is not read as "…s" + "p a".
 */
const LEGAL_FORMS: readonly string[][] = [
  ['s', 'p', 'a'],
  ['s', 'a', 'r', 'l'],
  ['s', 'a'],
  ['b', 'v'],
  ['n', 'v'],
  ['ag'],
  ['sa'],
  ['gmbh'],
  ['sarl'],
  ['ltd'],
  ['inc'],
  ['llc'],
  ['plc'],
  ['spa'],
  ['bv'],
  ['nv'],
  ['co'],
  ['corp'],
  ['limited'],
];

/**
 * Normalise a company name for matching: lower case, accents stripped (NFD),
 * every run of punctuation and blanks collapsed to one space, and legal-form
 * suffixes (AG, SA, GmbH, Sàrl/Sarl, Ltd, Inc, LLC, plc, S.A., S.p.A., BV, NV,
 * Co, Corp, Limited) dropped while they are whole trailing tokens — repeatedly
 * ("Foo & Co. Ltd" → "foo"), but never the last remaining token ("AG" stays "ag").
 */
export function normaliseName(name: string): string {
  const tokens = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (tokens.length > form.length && form.every((t, i) => tokens[tokens.length - form.length + i] === t)) {
        tokens.length -= form.length;
        changed = true;
        break;
      }
    }
  }
  return tokens.join(' ');
}

/**
 * Normalise an identifier (UID, LEI, VAT number) for comparison: case and
 * blanks do not matter, nor the separators "." "-" "/" that registers print
 * differently (CHE-123.456.789 = CHE123456789).
 */
export function normaliseIdentifier(id: string): string {
  return id.toUpperCase().replace(/[\s.\-/]+/g, '');
}
