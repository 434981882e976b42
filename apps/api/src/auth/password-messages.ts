/**
 * The password-strength messages in the four languages of the service. The
 * keys are @zxcvbn-ts/core's translation keys: the estimator answers keys,
 * this catalogue turns them into text.
 */
export type Language = 'en' | 'fr' | 'de' | 'it';
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'de', 'it'];

type Texts = Record<Language, string>;

export const PASSWORD_TOO_WEAK: Texts = {
  en: 'This password is too easy to guess.',
  fr: 'Ce mot de passe est trop facile à deviner.',
  de: 'Dieses Passwort ist zu leicht zu erraten.',
  it: 'Questa password è troppo facile da indovinare.',
};

export const PASSWORD_SAME_AS_CURRENT: Texts = {
  en: 'The new password must differ from the current one.',
  fr: 'Le nouveau mot de passe doit être différent de l’actuel.',
  de: 'Das neue Passwort muss sich vom bisherigen unterscheiden.',
  it: 'La nuova password deve essere diversa da quella attuale.',
};

export const CURRENT_PASSWORD_WRONG: Texts = {
  en: 'The current password is wrong.',
  fr: 'Le mot de passe actuel est erroné.',
  de: 'Das aktuelle Passwort ist falsch.',
  it: 'La password attuale è errata.',
};

export const PASSWORD_WARNINGS: Record<string, Texts> = {
  straightRow: {
    en: 'Straight rows of keys on your keyboard are easy to guess.',
    fr: 'Les rangées de touches du clavier sont faciles à deviner.',
    de: 'Gerade Tastenreihen auf der Tastatur sind leicht zu erraten.',
    it: 'Le file di tasti della tastiera sono facili da indovinare.',
  },
  keyPattern: {
    en: 'Short keyboard patterns are easy to guess.',
    fr: 'Les motifs de clavier courts sont faciles à deviner.',
    de: 'Kurze Tastaturmuster sind leicht zu erraten.',
    it: 'Le brevi sequenze di tastiera sono facili da indovinare.',
  },
  simpleRepeat: {
    en: 'Repeated characters like "aaa" are easy to guess.',
    fr: 'Les caractères répétés comme « aaa » sont faciles à deviner.',
    de: 'Wiederholte Zeichen wie „aaa“ sind leicht zu erraten.',
    it: 'I caratteri ripetuti come «aaa» sono facili da indovinare.',
  },
  extendedRepeat: {
    en: 'Repeated character patterns like "abcabcabc" are easy to guess.',
    fr: 'Les motifs répétés comme « abcabcabc » sont faciles à deviner.',
    de: 'Wiederholte Zeichenmuster wie „abcabcabc“ sind leicht zu erraten.',
    it: 'Le sequenze ripetute come «abcabcabc» sono facili da indovinare.',
  },
  sequences: {
    en: 'Common character sequences like "abc" are easy to guess.',
    fr: 'Les suites de caractères courantes comme « abc » sont faciles à deviner.',
    de: 'Gängige Zeichenfolgen wie „abc“ sind leicht zu erraten.',
    it: 'Le sequenze di caratteri comuni come «abc» sono facili da indovinare.',
  },
  recentYears: {
    en: 'Recent years are easy to guess.',
    fr: 'Les années récentes sont faciles à deviner.',
    de: 'Jahreszahlen der letzten Jahre sind leicht zu erraten.',
    it: 'Gli anni recenti sono facili da indovinare.',
  },
  dates: {
    en: 'Dates are easy to guess.',
    fr: 'Les dates sont faciles à deviner.',
    de: 'Daten sind leicht zu erraten.',
    it: 'Le date sono facili da indovinare.',
  },
  topTen: {
    en: 'This is a heavily used password.',
    fr: 'Ce mot de passe est extrêmement répandu.',
    de: 'Dieses Passwort wird sehr häufig verwendet.',
    it: 'Questa password è usatissima.',
  },
  topHundred: {
    en: 'This is a frequently used password.',
    fr: 'Ce mot de passe est très répandu.',
    de: 'Dieses Passwort wird häufig verwendet.',
    it: 'Questa password è usata di frequente.',
  },
  common: {
    en: 'This is a commonly used password.',
    fr: 'Ce mot de passe est courant.',
    de: 'Dieses Passwort ist weit verbreitet.',
    it: 'Questa password è molto comune.',
  },
  similarToCommon: {
    en: 'This is similar to a commonly used password.',
    fr: 'Ce mot de passe ressemble à un mot de passe courant.',
    de: 'Dieses Passwort ähnelt einem weit verbreiteten Passwort.',
    it: 'Questa password somiglia a una password molto comune.',
  },
  wordByItself: {
    en: 'Single words are easy to guess.',
    fr: 'Un mot isolé est facile à deviner.',
    de: 'Einzelne Wörter sind leicht zu erraten.',
    it: 'Le singole parole sono facili da indovinare.',
  },
  namesByThemselves: {
    en: 'Single names or surnames are easy to guess.',
    fr: 'Un prénom ou un nom isolé est facile à deviner.',
    de: 'Einzelne Vor- oder Nachnamen sind leicht zu erraten.',
    it: 'I singoli nomi o cognomi sono facili da indovinare.',
  },
  commonNames: {
    en: 'Common names and surnames are easy to guess.',
    fr: 'Les prénoms et noms courants sont faciles à deviner.',
    de: 'Gängige Vor- und Nachnamen sind leicht zu erraten.',
    it: 'I nomi e cognomi comuni sono facili da indovinare.',
  },
  userInputs: {
    en: 'It must not contain personal data such as your e-mail address or name.',
    fr: 'Il ne doit pas contenir de données personnelles comme votre adresse e-mail ou votre nom.',
    de: 'Es darf keine persönlichen Daten wie Ihre E-Mail-Adresse oder Ihren Namen enthalten.',
    it: 'Non deve contenere dati personali come il suo indirizzo e-mail o il suo nome.',
  },
  pwned: {
    en: 'This password was exposed in a data breach on the Internet.',
    fr: 'Ce mot de passe a été divulgué lors d’une fuite de données sur Internet.',
    de: 'Dieses Passwort wurde bei einem Datenleck im Internet offengelegt.',
    it: 'Questa password è stata divulgata in una violazione di dati su Internet.',
  },
};

export const PASSWORD_SUGGESTIONS: Record<string, Texts> = {
  l33t: {
    en: "Avoid predictable letter substitutions like '@' for 'a'.",
    fr: 'Évitez les substitutions prévisibles comme « @ » pour « a ».',
    de: 'Vermeiden Sie vorhersehbare Ersetzungen wie „@“ für „a“.',
    it: 'Eviti sostituzioni prevedibili come «@» al posto di «a».',
  },
  reverseWords: {
    en: 'Avoid reversed spellings of common words.',
    fr: 'Évitez les mots courants écrits à l’envers.',
    de: 'Vermeiden Sie rückwärts geschriebene gängige Wörter.',
    it: 'Eviti parole comuni scritte al contrario.',
  },
  allUppercase: {
    en: 'Capitalize some, but not all letters.',
    fr: 'Mettez quelques lettres en majuscules, mais pas toutes.',
    de: 'Schreiben Sie einige, aber nicht alle Buchstaben groß.',
    it: 'Usi le maiuscole per alcune lettere, non per tutte.',
  },
  capitalization: {
    en: 'Capitalize more than the first letter.',
    fr: 'Mettez en majuscule d’autres lettres que la première.',
    de: 'Schreiben Sie nicht nur den ersten Buchstaben groß.',
    it: 'Usi le maiuscole non solo per la prima lettera.',
  },
  dates: {
    en: 'Avoid dates and years that are associated with you.',
    fr: 'Évitez les dates et années qui vous sont associées.',
    de: 'Vermeiden Sie Daten und Jahreszahlen, die mit Ihnen verbunden sind.',
    it: 'Eviti date e anni legati alla sua persona.',
  },
  recentYears: {
    en: 'Avoid recent years.',
    fr: 'Évitez les années récentes.',
    de: 'Vermeiden Sie Jahreszahlen der letzten Jahre.',
    it: 'Eviti gli anni recenti.',
  },
  associatedYears: {
    en: 'Avoid years that are associated with you.',
    fr: 'Évitez les années qui vous sont associées.',
    de: 'Vermeiden Sie Jahreszahlen, die mit Ihnen verbunden sind.',
    it: 'Eviti gli anni legati alla sua persona.',
  },
  sequences: {
    en: 'Avoid common character sequences.',
    fr: 'Évitez les suites de caractères courantes.',
    de: 'Vermeiden Sie gängige Zeichenfolgen.',
    it: 'Eviti le sequenze di caratteri comuni.',
  },
  repeated: {
    en: 'Avoid repeated words and characters.',
    fr: 'Évitez les mots et caractères répétés.',
    de: 'Vermeiden Sie wiederholte Wörter und Zeichen.',
    it: 'Eviti parole e caratteri ripetuti.',
  },
  longerKeyboardPattern: {
    en: 'Use longer keyboard patterns and change typing direction multiple times.',
    fr: 'Utilisez des motifs de clavier plus longs et changez plusieurs fois de direction.',
    de: 'Verwenden Sie längere Tastaturmuster und wechseln Sie mehrmals die Richtung.',
    it: 'Usi sequenze di tastiera più lunghe e cambi più volte direzione.',
  },
  anotherWord: {
    en: 'Add more words that are less common.',
    fr: 'Ajoutez d’autres mots, moins courants.',
    de: 'Fügen Sie weitere, weniger gängige Wörter hinzu.',
    it: 'Aggiunga altre parole meno comuni.',
  },
  useWords: {
    en: 'Use multiple words, but avoid common phrases.',
    fr: 'Utilisez plusieurs mots, mais évitez les expressions courantes.',
    de: 'Verwenden Sie mehrere Wörter, aber keine gängigen Redewendungen.',
    it: 'Usi più parole, ma eviti le frasi comuni.',
  },
  noNeed: {
    en: 'You can create strong passwords without using symbols, numbers, or uppercase letters.',
    fr: 'Un mot de passe fort est possible sans symboles, chiffres ni majuscules.',
    de: 'Starke Passwörter sind auch ohne Sonderzeichen, Ziffern oder Großbuchstaben möglich.',
    it: 'Si possono creare password robuste anche senza simboli, cifre o maiuscole.',
  },
  pwned: {
    en: 'If you use this password elsewhere, you should change it.',
    fr: 'Si vous utilisez ce mot de passe ailleurs, changez-le.',
    de: 'Wenn Sie dieses Passwort anderswo verwenden, sollten Sie es ändern.',
    it: 'Se usa questa password altrove, dovrebbe cambiarla.',
  },
};

/**
 * The caller's language from Accept-Language (q-values honoured), English by default.
 * Only the primary subtag counts: de-CH and de-DE both read German.
 */
export function pickLanguage(header: string | string[] | undefined): Language {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranked = text
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0 && (LANGUAGES as readonly string[]).includes(x.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.lang as Language | undefined) ?? 'en';
}
