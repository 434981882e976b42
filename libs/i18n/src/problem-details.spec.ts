import { LANGS } from './languages';
import { placeholdersOf } from './messages';
import { localiseText, PROBLEM_DETAILS, PROBLEM_WORDS } from './problem-details';

describe('problem details catalogue', () => {
  it.each(Object.entries(PROBLEM_DETAILS))('%s has the four languages with the placeholders of English', (_key, entry) => {
    for (const lang of LANGS) {
      expect(typeof (entry as Record<string, unknown>)[lang]).toBe('string');
      expect(placeholdersOf((entry as Record<string, string>)[lang])).toEqual(placeholdersOf(entry.en));
    }
  });

  it('every catalogue word has the four languages, English its key; German writes ss', () => {
    for (const words of Object.values(PROBLEM_WORDS))
      for (const [english, entry] of Object.entries(words)) {
        expect(entry.en).toBe(english);
        for (const lang of LANGS) expect(entry[lang]).toMatch(/\S/);
      }
    const german = [...Object.values(PROBLEM_DETAILS), ...Object.values(PROBLEM_WORDS).flatMap((w) => Object.values(w))].map((e) => e.de).join('\n');
    expect(german).not.toContain('ß');
  });

  it('renders real throw-site texts in each language; captured labels are translated, codes are not', () => {
    const cases: [string, string, string, string][] = [
      ['Tender not found', 'Appel d’offres introuvable', 'Ausschreibung nicht gefunden', 'Commessa non reperibile'],
      [
        'Evaluation of this tender (evaluate it first) not found',
        'Évaluation de cet appel d’offres (évaluez-le d’abord) introuvable',
        'Bewertung dieser Ausschreibung (bewerten Sie sie zuerst) nicht gefunden',
        'Valutazione di questa commessa (valutarla prima) non reperibile',
      ],
      [
        'Cannot publish a CLOSED tender (allowed from DRAFT)',
        'Transition publish impossible pour un appel d’offres au statut CLOSED (possible depuis le statut : DRAFT)',
        'Übergang publish für eine Ausschreibung im Status CLOSED nicht möglich (zulässig aus dem Status: DRAFT)',
        'Transizione publish non possibile per una commessa nello stato CLOSED (possibile dallo stato: DRAFT)',
      ],
      [
        'The bearer token is invalid or expired',
        'Le jeton d’accès est invalide ou expiré',
        'Das Zugriffstoken ist ungültig oder abgelaufen',
        'Il token d’accesso non è valido o è scaduto',
      ],
      [
        'This action needs the role ADMIN or OFFICER; you are AUDITOR',
        'Cette action requiert le rôle ADMIN ou OFFICER ; votre rôle est AUDITOR',
        'Diese Aktion erfordert die Rolle ADMIN oder OFFICER; Ihre Rolle ist AUDITOR',
        'Questa azione richiede il ruolo ADMIN o OFFICER; il suo ruolo è AUDITOR',
      ],
      [
        'grade must be an integer 0–5',
        'grade doit être un nombre entier de 0 à 5',
        'grade muss eine ganze Zahl von 0 bis 5 sein',
        'grade deve essere un numero intero da 0 a 5',
      ],
      [
        'name must be shorter than or equal to 200 characters',
        'name doit comporter au plus 200 caractères',
        'name darf höchstens 200 Zeichen lang sein',
        'name deve contenere al massimo 200 caratteri',
      ],
      ['unknown field', 'champ inconnu', 'unbekanntes Feld', 'campo sconosciuto'],
      [
        'If-Match names version 2, the tender is at version 3; GET it again',
        'If-Match indique la version 2, l’appel d’offres est à la version 3 ; relisez-le avec GET',
        'If-Match nennt Version 2, die Ausschreibung ist bei Version 3; lesen Sie sie mit GET neu',
        'If-Match indica la versione 2, la commessa è alla versione 3; rileggerla con GET',
      ],
    ];
    cases.push(
      [
        'each value in goods must be shorter than or equal to 120 characters',
        'chaque valeur de goods doit comporter au plus 120 caractères',
        'jeder Wert in goods darf höchstens 120 Zeichen lang sein',
        'ogni valore di goods deve contenere al massimo 120 caratteri',
      ],
      [
        'The tender is PUBLISHED; exclusions are proposed only while it is CLOSED or AWARDED',
        'L’appel d’offres est au statut PUBLISHED ; la proposition d’exclusions n’est possible que tant qu’il est CLOSED ou AWARDED',
        'Die Ausschreibung ist im Status PUBLISHED; das Beantragen von Ausschlüssen ist nur im Status CLOSED oder AWARDED möglich',
        'La commessa è nello stato PUBLISHED; la proposta di esclusioni è possibile solo nello stato CLOSED o AWARDED',
      ],
      [
        'weights must sum to exactly 100 (they sum to 99.5)',
        'la somme des pondérations doit être exactement 100 (elle est de 99.5)',
        'die Gewichtungen müssen genau 100 ergeben (sie ergeben 99.5)',
        'la somma delle ponderazioni deve essere esattamente 100 (è 99.5)',
      ],
      [
        'The supply chain file has 3 errors (the first ones are listed); nothing was stored',
        'Le fichier de la chaîne d’approvisionnement contient 3 erreurs (les premières sont indiquées) ; rien n’a été enregistré',
        'Die Datei der Lieferkette enthält 3 Fehler (die ersten sind aufgeführt); nichts wurde gespeichert',
        'Il file della catena di approvvigionamento contiene 3 errori (sono elencati i primi); nulla è stato registrato',
      ],
      [
        'must not be null (omit the field instead)',
        'ne doit pas être null (omettez plutôt le champ)',
        'darf nicht null sein (lassen Sie das Feld stattdessen weg)',
        'non deve essere null (omettere piuttosto il campo)',
      ],
    );
    for (const [en, fr, de, it] of cases) {
      expect({ en: localiseText(en, 'en'), fr: localiseText(en, 'fr'), de: localiseText(en, 'de'), it: localiseText(en, 'it') }).toEqual({ en, fr, de, it });
    }
  });

  it('each template is the one that matches its own text (no earlier template shadows it)', () => {
    // Sample values of the kind each placeholder captures: numbers where the template wants one, a code elsewhere.
    const sample = (name: string) => (['n', 'min', 'max'].includes(name) ? '12' : name === 'property' ? 'someField' : `X_${name.toUpperCase()}`);
    const fill = (template: string) => template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => sample(name));
    for (const [key, entry] of Object.entries(PROBLEM_DETAILS))
      for (const lang of ['fr', 'de', 'it'] as const) expect({ key, text: localiseText(fill(entry.en), lang) }).toEqual({ key, text: fill(entry[lang]) });
  });

  it('leaves an unknown text, and an unknown label, unchanged', () => {
    for (const lang of LANGS) {
      expect(localiseText('Something nobody catalogued', lang)).toBe('Something nobody catalogued');
      expect(localiseText('Tender not found, really', lang)).toBe('Tender not found, really');
      expect(localiseText('each value in nobody knows', lang)).toBe('each value in nobody knows');
    }
    expect(localiseText('Gadget not found', 'de')).toBe('Gadget nicht gefunden');
  });

  it('returns every English template unchanged for English', () => {
    for (const entry of Object.values(PROBLEM_DETAILS)) expect(localiseText(entry.en, 'en')).toBe(entry.en);
  });
});
