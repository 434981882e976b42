import { randomUUID } from 'node:crypto';
import { publishTender, tenderBody } from './support/builders';
import type { HttpResult } from './support/test-app';
import { twoBuyerSuite } from './support/test-app';

jest.setTimeout(60_000);

type Lang = 'en' | 'fr' | 'de' | 'it';
const HEADER: Record<Lang, string | undefined> = { en: undefined, fr: 'fr-CH', de: 'de-CH,de;q=0.9', it: 'it' };
const LANGS = Object.keys(HEADER) as Lang[];
const headersFor = (lang: Lang): Record<string, string> => (HEADER[lang] ? { 'accept-language': HEADER[lang]! } : {});

/** `detail` and `errors[].message` follow Accept-Language; type, status, code and fields never do. */
describe('problem details in four languages over REST', () => {
  const s = twoBuyerSuite();

  /** The same request in each language: the language-free members must be identical, the texts as expected. */
  function expectIn(answers: Record<Lang, HttpResult>, status: number, details: Record<Lang, string>, messages?: Record<Lang, string[]>): void {
    const fixed = (r: HttpResult) => ({
      status: r.status,
      type: r.body.type,
      code: r.body.code,
      fields: r.body.errors?.map((e: any) => e.field),
    });
    for (const lang of LANGS) {
      const r = answers[lang];
      expect(fixed(r)).toEqual(fixed(answers.en));
      expect({
        lang,
        status: r.status,
        language: r.headers.get('content-language'),
        detail: r.body.detail,
        messages: r.body.errors?.map((e: any) => e.message),
      }).toEqual({
        lang,
        status,
        language: lang,
        detail: details[lang],
        messages: messages?.[lang],
      });
    }
  }

  async function inEachLanguage(send: (headers: Record<string, string>) => Promise<HttpResult>): Promise<Record<Lang, HttpResult>> {
    const out = {} as Record<Lang, HttpResult>;
    for (const lang of LANGS) out[lang] = await send(headersFor(lang));
    return out;
  }

  it('404: the label is translated too', async () => {
    const id = randomUUID();
    const answers = await inEachLanguage((h) => s.w.officer.api.get(`/api/v1/tenders/${id}`, h));
    expectIn(answers, 404, {
      en: 'Tender not found',
      fr: 'Appel d’offres introuvable',
      de: 'Ausschreibung nicht gefunden',
      it: 'Commessa non reperibile',
    });
  });

  it('401: the guard’s text', async () => {
    const answers = await inEachLanguage((h) => s.t.api.get('/api/v1/tenders', h));
    expectIn(answers, 401, {
      en: 'Send Authorization: Bearer <token> (POST /api/v1/auth/token)',
      fr: 'Envoyez Authorization: Bearer <token> (POST /api/v1/auth/token)',
      de: 'Senden Sie Authorization: Bearer <token> (POST /api/v1/auth/token)',
      it: 'Inviare Authorization: Bearer <token> (POST /api/v1/auth/token)',
    });
  });

  it('409: a lifecycle refusal keeps its status codes and the tenderStatus extension', async () => {
    const api = s.w.officer.api;
    const created = await api.post('/api/v1/tenders', tenderBody({ reference: 'UNI-2027-I18NP' }));
    expect(created.status).toBe(201);
    expect((await publishTender(s.t, api, created.body.id)).status).toBe(200);
    const answers = await inEachLanguage((h) => api.post(`/api/v1/tenders/${created.body.id}/publish`, undefined, h));
    for (const lang of LANGS) expect(answers[lang].body.tenderStatus).toBe('PUBLISHED');
    expectIn(answers, 409, {
      en: 'Cannot publish a PUBLISHED tender (allowed from DRAFT)',
      fr: 'Transition publish impossible pour un appel d’offres au statut PUBLISHED (possible depuis le statut : DRAFT)',
      de: 'Übergang publish für eine Ausschreibung im Status PUBLISHED nicht möglich (zulässig aus dem Status: DRAFT)',
      it: 'Transizione publish non possibile per una commessa nello stato PUBLISHED (possibile dallo stato: DRAFT)',
    });
  });

  it('422: every field message is translated, fields stay', async () => {
    const body = { name: 5, country: 'XX', identifiers: { uid: 'u'.repeat(65) }, nickname: 'x' };
    const answers = await inEachLanguage((h) => s.w.officer.api.post('/api/v1/bidders', body, h));
    const en = answers.en.body.errors.map((e: any) => e.message);
    // The English texts the catalogue must know (class-validator's defaults and the pipe's own); order as the pipe gives them.
    expect([...en].sort()).toEqual(
      [
        'uid must be shorter than or equal to 64 characters',
        'name must be a string',
        'name must be shorter than or equal to 300 characters',
        'name must be longer than or equal to 1 characters',
        'country must be a valid ISO31661 Alpha2 code',
        'unknown field',
      ].sort(),
    );
    const translate: Record<Exclude<Lang, 'en'>, Record<string, string>> = {
      fr: {
        'uid must be shorter than or equal to 64 characters': 'uid doit comporter au plus 64 caractères',
        'name must be a string': 'name doit être une chaîne de caractères',
        'name must be shorter than or equal to 300 characters': 'name doit comporter au plus 300 caractères',
        'name must be longer than or equal to 1 characters': 'name doit comporter au moins 1 caractères',
        'country must be a valid ISO31661 Alpha2 code': 'country doit être un code pays ISO 3166-1 alpha-2 valide',
        'unknown field': 'champ inconnu',
      },
      de: {
        'uid must be shorter than or equal to 64 characters': 'uid darf höchstens 64 Zeichen lang sein',
        'name must be a string': 'name muss eine Zeichenkette sein',
        'name must be shorter than or equal to 300 characters': 'name darf höchstens 300 Zeichen lang sein',
        'name must be longer than or equal to 1 characters': 'name muss mindestens 1 Zeichen lang sein',
        'country must be a valid ISO31661 Alpha2 code': 'country muss ein gültiger Ländercode nach ISO 3166-1 Alpha-2 sein',
        'unknown field': 'unbekanntes Feld',
      },
      it: {
        'uid must be shorter than or equal to 64 characters': 'uid deve contenere al massimo 64 caratteri',
        'name must be a string': 'name deve essere una stringa',
        'name must be shorter than or equal to 300 characters': 'name deve contenere al massimo 300 caratteri',
        'name must be longer than or equal to 1 characters': 'name deve contenere almeno 1 caratteri',
        'country must be a valid ISO31661 Alpha2 code': 'country deve essere un codice paese ISO 3166-1 alpha-2 valido',
        'unknown field': 'campo sconosciuto',
      },
    };
    expectIn(
      answers,
      422,
      {
        en: 'The request has invalid fields',
        fr: 'La requête contient des champs invalides',
        de: 'Die Anfrage enthält ungültige Felder',
        it: 'La richiesta contiene campi non validi',
      },
      {
        en,
        fr: en.map((m: string) => translate.fr[m]),
        de: en.map((m: string) => translate.de[m]),
        it: en.map((m: string) => translate.it[m]),
      },
    );
  });
});
