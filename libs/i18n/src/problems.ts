import type { Entry } from './messages';
import type { Lang } from './languages';

/**
 * The titles of the problem families (RFC 9457 `title`: the same for every
 * occurrence of a problem type "except for localization"). English is what
 * v1 clients saw before `code` existed and stays the default; `code` and
 * `type` never change with the language.
 */
export const PROBLEM_TITLES = {
  BAD_REQUEST: { en: 'Bad request', fr: 'Requête incorrecte', de: 'Fehlerhafte Anfrage', it: 'Richiesta non valida' },
  UNAUTHENTICATED: { en: 'Authentication required', fr: 'Authentification requise', de: 'Anmeldung erforderlich', it: 'Autenticazione richiesta' },
  FORBIDDEN: { en: 'Forbidden', fr: 'Action non autorisée', de: 'Nicht erlaubt', it: 'Azione non consentita' },
  NOT_FOUND: { en: 'Not found', fr: 'Introuvable', de: 'Nicht gefunden', it: 'Non trovato' },
  CONFLICT: {
    en: 'Conflict with the current state',
    fr: "En conflit avec l'état actuel",
    de: 'Widerspruch zum aktuellen Zustand',
    it: 'In conflitto con lo stato attuale',
  },
  PRECONDITION_FAILED: {
    en: 'Precondition failed',
    fr: 'Condition préalable non remplie',
    de: 'Vorbedingung nicht erfüllt',
    it: 'Precondizione non soddisfatta',
  },
  PAYLOAD_TOO_LARGE: {
    en: 'Request body too large',
    fr: 'Corps de la requête trop volumineux',
    de: 'Anfrageinhalt zu gross',
    it: 'Corpo della richiesta troppo grande',
  },
  URI_TOO_LONG: { en: 'URI too long', fr: 'URI trop longue', de: 'URI zu lang', it: 'URI troppo lungo' },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'Unsupported media type',
    fr: 'Type de média non pris en charge',
    de: 'Nicht unterstützter Medientyp',
    it: 'Tipo di media non supportato',
  },
  VALIDATION_FAILED: { en: 'Validation failed', fr: 'Validation échouée', de: 'Validierung fehlgeschlagen', it: 'Convalida non riuscita' },
  PRECONDITION_REQUIRED: { en: 'Precondition required', fr: 'Condition préalable requise', de: 'Vorbedingung erforderlich', it: 'Precondizione richiesta' },
  RATE_LIMITED: { en: 'Too many requests', fr: 'Trop de requêtes', de: 'Zu viele Anfragen', it: 'Troppe richieste' },
  INTERNAL: { en: 'Internal server error', fr: 'Erreur interne du serveur', de: 'Interner Serverfehler', it: 'Errore interno del server' },
  SERVICE_UNAVAILABLE: { en: 'Service unavailable', fr: 'Service indisponible', de: 'Dienst nicht verfügbar', it: 'Servizio non disponibile' },
} satisfies Record<string, Entry>;

export type ProblemTitleKey = keyof typeof PROBLEM_TITLES;

export function problemTitle(family: ProblemTitleKey, lang: Lang): string {
  return PROBLEM_TITLES[family][lang];
}
