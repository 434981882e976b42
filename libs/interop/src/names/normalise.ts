/**
 * Name normalisation for screening (sanctions lists against supply-chain
 * nodes). Pure: no I/O. Names on debarment lists and in bids are spelled many
 * ways — case, accents, German umlauts written out, Cyrillic or Greek script,
 * legal-form suffixes, word order — and the comparison must not depend on any
 * of that.
 */
import anyAscii from 'any-ascii';

/**
 * Legal forms removed at the end of a name (as token sequences after
 * punctuation became spaces: "S.p.A." → s p a). Longer sequences first, so
 * that "s p a" is not read as "… s" + "p a".
 */
const SUFFIX_FORMS: readonly string[][] = [
  ['s', 'p', 'a'],
  ['s', 'a', 'r', 'l'],
  ['s', 'a', 's'],
  ['s', 'r', 'l'],
  ['s', 'a'],
  ['a', 'g'],
  ['a', 'e'],
  ['b', 'v'],
  ['n', 'v'],
  ['e', 'p', 'e'],
  ['ag'],
  ['sa'],
  ['gmbh'],
  ['sarl'],
  ['sas'],
  ['srl'],
  ['spa'],
  ['ltd'],
  ['limited'],
  ['llc'],
  ['inc'],
  ['corp'],
  ['co'],
  ['plc'],
  ['bv'],
  ['nv'],
  ['kg'],
  ['ohg'],
  ['ae'],
  ['epe'],
  ['ike'],
  ['ooo'],
  ['zao'],
  ['oao'],
  ['pao'],
];

/** Legal forms that stand before the name (Russian usage: ООО «Дальтекс»). */
const PREFIX_FORMS: readonly string[][] = [['ooo'], ['zao'], ['oao'], ['pao']];

/**
 * Spellings that transliteration and national habits produce for the same
 * sound, folded to one form on both sides: "x"/"ks" (Дальтекс → Dalteks,
 * Daltex), "ph"/"f".
 */
const FOLDS: readonly [RegExp, string][] = [
  [/x/g, 'ks'],
  [/ph/g, 'f'],
];

function endsWith(tokens: string[], form: readonly string[]): boolean {
  return tokens.length > form.length && form.every((t, i) => tokens[tokens.length - form.length + i] === t);
}

function startsWith(tokens: string[], form: readonly string[]): boolean {
  return tokens.length > form.length && form.every((t, i) => tokens[i] === t);
}

/**
 * The tokens of a name as screening compares them:
 * 1. German umlauts written out (ä → ae, ö → oe, ü → ue), so "Müller" = "MUELLER";
 * 2. everything else transliterated to ASCII (any-ascii: Cyrillic, Greek, accents; ß → ss);
 * 3. lower case; apostrophes dropped (Дальтекс → dal'teks → dalteks); every other run of punctuation or blanks splits tokens;
 * 4. x → ks and ph → f;
 * 5. legal forms removed at the end (AG, SA, S.A., SARL/Sàrl, GmbH, Ltd, LLC, Inc, Co, S.p.A., SRL, BV, NV, plc, A.E., OOO …)
 *    and at the start (OOO, ZAO, OAO, PAO), repeatedly, but never the last remaining token.
 * Token order is kept here; `screeningKey` sorts.
 */
export function nameTokens(name: string): string[] {
  const umlauts = name
    .normalize('NFC')
    .replace(/[äÄ]/g, (c) => (c === 'ä' ? 'ae' : 'Ae'))
    .replace(/[öÖ]/g, (c) => (c === 'ö' ? 'oe' : 'Oe'))
    .replace(/[üÜ]/g, (c) => (c === 'ü' ? 'ue' : 'Ue'));
  let ascii = anyAscii(umlauts)
    .toLowerCase()
    .replace(/['`’ʼ]/g, '');
  for (const [re, to] of FOLDS) ascii = ascii.replace(re, to);
  const tokens = ascii.split(/[^a-z0-9]+/).filter((t) => t !== '');
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of SUFFIX_FORMS) {
      if (endsWith(tokens, form)) {
        tokens.length -= form.length;
        changed = true;
        break;
      }
    }
    for (const form of PREFIX_FORMS) {
      if (startsWith(tokens, form)) {
        tokens.splice(0, form.length);
        changed = true;
        break;
      }
    }
  }
  return tokens;
}

/** The normalised name with its tokens sorted: "Textil Müller GmbH" and "Müller Textil AG" both give "mueller textil". */
export function screeningKey(name: string): string {
  return nameTokens(name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(' ');
}
