/**
 * The red flags' words in English, French, German and Italian (Swiss
 * spelling: "ss", no "ß"). Kept here, not in the report's catalogue, so the
 * API and the report read the same texts. Codes never change with the language.
 */
import type { RedFlagCode, RedFlagStatus } from './types';

export type RedFlagLang = 'en' | 'fr' | 'de' | 'it';
export const RED_FLAG_LANGS: readonly RedFlagLang[] = ['en', 'fr', 'de', 'it'];

export interface RedFlagTexts {
  sectionTitle: string;
  sectionIntro: (version: string) => string;
  flag: string;
  status: string;
  threshold: string;
  numbers: string;
  none: string;
  statuses: Record<RedFlagStatus, string>;
  titles: Record<RedFlagCode, string>;
  definitions: Record<RedFlagCode, string>;
}

const en: RedFlagTexts = {
  sectionTitle: 'Red flags for integrity (Open Contracting Partnership)',
  sectionIntro: (v) =>
    `Indicators after the Open Contracting Partnership's guide "Red flags for integrity", computed from this evaluation with threshold version ${v}. A raised flag calls for a closer look; it proves nothing by itself.`,
  flag: 'Flag',
  status: 'Status',
  threshold: 'Threshold',
  numbers: 'Figures',
  none: 'none',
  statuses: { RAISED: 'raised', NOT_RAISED: 'not raised', NOT_APPLICABLE: 'not applicable' },
  titles: {
    SINGLE_BID: 'Single bid received',
    ALL_BUT_WINNER_DISQUALIFIED: 'All but the winning bid disqualified',
    LOWEST_PRICE_DISQUALIFIED: 'Lowest-priced bid disqualified',
    IDENTICAL_BID_PRICES: 'Identical bid prices',
    BID_PRICES_CLUSTERED: 'Bid prices within a narrow band of each other',
    BID_PRICES_NEAR_REFERENCE: 'All bid prices close to the reference price',
    WINNER_NEAR_REFERENCE: "Winner's price very close to the reference price",
    WINNER_CHANGED: 'Winner changed repeatedly between evaluations',
    SHORT_SUBMISSION_PERIOD: 'Short submission period',
  },
  definitions: {
    SINGLE_BID: 'A competitive procedure (open, selective or invitation) received exactly one bid.',
    ALL_BUT_WINNER_DISQUALIFIED: 'At least two bids were received and every bid but the winning one was disqualified.',
    LOWEST_PRICE_DISQUALIFIED: 'At least two bids were received and a bid with the lowest price was disqualified.',
    IDENTICAL_BID_PRICES: 'Two or more bids have exactly the same price.',
    BID_PRICES_CLUSTERED: 'At least two bids, and the highest price exceeds the lowest by no more than the threshold (percent of the lowest price).',
    BID_PRICES_NEAR_REFERENCE: 'At least two bids, and every price lies within the threshold (percent of the reference price) of the reference price.',
    WINNER_NEAR_REFERENCE: "The winner's price lies within the threshold (percent of the reference price) of the reference price.",
    WINNER_CHANGED: 'The first-ranked bid changed from one evaluation to the next at least the threshold number of times.',
    SHORT_SUBMISSION_PERIOD: 'The time from publication to the submission deadline is shorter than the threshold (days).',
  },
};

const fr: RedFlagTexts = {
  sectionTitle: 'Signaux d’alerte d’intégrité (Open Contracting Partnership)',
  sectionIntro: (v) =>
    `Indicateurs selon le guide « Red flags for integrity » de l’Open Contracting Partnership, calculés à partir de cette évaluation avec la version ${v} des seuils. Un signal levé appelle un examen attentif ; il ne prouve rien à lui seul.`,
  flag: 'Signal',
  status: 'Statut',
  threshold: 'Seuil',
  numbers: 'Chiffres',
  none: 'aucun',
  statuses: { RAISED: 'levé', NOT_RAISED: 'non levé', NOT_APPLICABLE: 'sans objet' },
  titles: {
    SINGLE_BID: 'Une seule offre reçue',
    ALL_BUT_WINNER_DISQUALIFIED: 'Toutes les offres sauf celle de l’adjudicataire écartées',
    LOWEST_PRICE_DISQUALIFIED: 'Offre la moins chère écartée',
    IDENTICAL_BID_PRICES: 'Prix d’offre identiques',
    BID_PRICES_CLUSTERED: 'Prix d’offre très proches les uns des autres',
    BID_PRICES_NEAR_REFERENCE: 'Tous les prix proches du prix de référence',
    WINNER_NEAR_REFERENCE: 'Prix de l’adjudicataire très proche du prix de référence',
    WINNER_CHANGED: 'Changements répétés du premier classé entre évaluations',
    SHORT_SUBMISSION_PERIOD: 'Délai de dépôt court',
  },
  definitions: {
    SINGLE_BID: 'Une procédure concurrentielle (ouverte, sélective ou sur invitation) a reçu exactement une offre.',
    ALL_BUT_WINNER_DISQUALIFIED: 'Au moins deux offres ont été reçues et toutes sauf celle de l’adjudicataire ont été écartées.',
    LOWEST_PRICE_DISQUALIFIED: 'Au moins deux offres ont été reçues et une offre au prix le plus bas a été écartée.',
    IDENTICAL_BID_PRICES: 'Deux offres ou plus ont exactement le même prix.',
    BID_PRICES_CLUSTERED: 'Au moins deux offres, et le prix le plus élevé ne dépasse le plus bas que du seuil au plus (pour cent du prix le plus bas).',
    BID_PRICES_NEAR_REFERENCE: 'Au moins deux offres, et chaque prix s’écarte du prix de référence du seuil au plus (pour cent du prix de référence).',
    WINNER_NEAR_REFERENCE: 'Le prix de l’adjudicataire s’écarte du prix de référence du seuil au plus (pour cent du prix de référence).',
    WINNER_CHANGED: 'L’offre classée première a changé d’une évaluation à la suivante au moins autant de fois que le seuil.',
    SHORT_SUBMISSION_PERIOD: 'Le temps entre la publication et le délai de dépôt est plus court que le seuil (jours).',
  },
};

const de: RedFlagTexts = {
  sectionTitle: 'Warnsignale für Integrität (Open Contracting Partnership)',
  sectionIntro: (v) =>
    `Indikatoren nach dem Leitfaden «Red flags for integrity» der Open Contracting Partnership, berechnet aus dieser Evaluation mit Schwellenwert-Version ${v}. Ein ausgelöstes Signal verlangt eine genauere Prüfung; für sich allein beweist es nichts.`,
  flag: 'Signal',
  status: 'Status',
  threshold: 'Schwelle',
  numbers: 'Zahlen',
  none: 'keine',
  statuses: { RAISED: 'ausgelöst', NOT_RAISED: 'nicht ausgelöst', NOT_APPLICABLE: 'nicht anwendbar' },
  titles: {
    SINGLE_BID: 'Nur ein Angebot eingegangen',
    ALL_BUT_WINNER_DISQUALIFIED: 'Alle Angebote ausser dem des Zuschlagsempfängers ausgeschlossen',
    LOWEST_PRICE_DISQUALIFIED: 'Preisgünstigstes Angebot ausgeschlossen',
    IDENTICAL_BID_PRICES: 'Identische Angebotspreise',
    BID_PRICES_CLUSTERED: 'Angebotspreise sehr nahe beieinander',
    BID_PRICES_NEAR_REFERENCE: 'Alle Angebotspreise nahe am Referenzpreis',
    WINNER_NEAR_REFERENCE: 'Preis des Zuschlagsempfängers sehr nahe am Referenzpreis',
    WINNER_CHANGED: 'Wiederholter Wechsel des Erstplatzierten zwischen Evaluationen',
    SHORT_SUBMISSION_PERIOD: 'Kurze Angebotsfrist',
  },
  definitions: {
    SINGLE_BID: 'Ein Verfahren mit Wettbewerb (offen, selektiv oder Einladung) erhielt genau ein Angebot.',
    ALL_BUT_WINNER_DISQUALIFIED: 'Mindestens zwei Angebote gingen ein, und alle ausser dem des Zuschlagsempfängers wurden ausgeschlossen.',
    LOWEST_PRICE_DISQUALIFIED: 'Mindestens zwei Angebote gingen ein, und ein Angebot mit dem tiefsten Preis wurde ausgeschlossen.',
    IDENTICAL_BID_PRICES: 'Zwei oder mehr Angebote haben genau denselben Preis.',
    BID_PRICES_CLUSTERED: 'Mindestens zwei Angebote, und der höchste Preis übersteigt den tiefsten höchstens um die Schwelle (Prozent des tiefsten Preises).',
    BID_PRICES_NEAR_REFERENCE: 'Mindestens zwei Angebote, und jeder Preis weicht höchstens um die Schwelle (Prozent des Referenzpreises) vom Referenzpreis ab.',
    WINNER_NEAR_REFERENCE: 'Der Preis des Zuschlagsempfängers weicht höchstens um die Schwelle (Prozent des Referenzpreises) vom Referenzpreis ab.',
    WINNER_CHANGED: 'Das erstplatzierte Angebot wechselte von einer Evaluation zur nächsten mindestens so oft wie die Schwelle.',
    SHORT_SUBMISSION_PERIOD: 'Die Zeit von der Publikation bis zum Eingabetermin ist kürzer als die Schwelle (Tage).',
  },
};

const it: RedFlagTexts = {
  sectionTitle: 'Segnali d’allarme per l’integrità (Open Contracting Partnership)',
  sectionIntro: (v) =>
    `Indicatori secondo la guida «Red flags for integrity» dell’Open Contracting Partnership, calcolati da questa valutazione con la versione ${v} delle soglie. Un segnale attivato richiede un esame approfondito; da solo non prova nulla.`,
  flag: 'Segnale',
  status: 'Stato',
  threshold: 'Soglia',
  numbers: 'Cifre',
  none: 'nessuno',
  statuses: { RAISED: 'attivato', NOT_RAISED: 'non attivato', NOT_APPLICABLE: 'non applicabile' },
  titles: {
    SINGLE_BID: 'Una sola offerta ricevuta',
    ALL_BUT_WINNER_DISQUALIFIED: 'Tutte le offerte tranne quella dell’aggiudicatario escluse',
    LOWEST_PRICE_DISQUALIFIED: 'Offerta col prezzo più basso esclusa',
    IDENTICAL_BID_PRICES: 'Prezzi d’offerta identici',
    BID_PRICES_CLUSTERED: 'Prezzi d’offerta molto vicini tra loro',
    BID_PRICES_NEAR_REFERENCE: 'Tutti i prezzi vicini al prezzo di riferimento',
    WINNER_NEAR_REFERENCE: 'Prezzo dell’aggiudicatario molto vicino al prezzo di riferimento',
    WINNER_CHANGED: 'Cambi ripetuti del primo classificato tra valutazioni',
    SHORT_SUBMISSION_PERIOD: 'Termine di presentazione breve',
  },
  definitions: {
    SINGLE_BID: 'Una procedura concorrenziale (aperta, selettiva o su invito) ha ricevuto esattamente un’offerta.',
    ALL_BUT_WINNER_DISQUALIFIED: 'Sono pervenute almeno due offerte e tutte tranne quella dell’aggiudicatario sono state escluse.',
    LOWEST_PRICE_DISQUALIFIED: 'Sono pervenute almeno due offerte e un’offerta col prezzo più basso è stata esclusa.',
    IDENTICAL_BID_PRICES: 'Due o più offerte hanno esattamente lo stesso prezzo.',
    BID_PRICES_CLUSTERED: 'Almeno due offerte, e il prezzo più alto supera il più basso al massimo della soglia (percento del prezzo più basso).',
    BID_PRICES_NEAR_REFERENCE:
      'Almeno due offerte, e ogni prezzo si scosta dal prezzo di riferimento al massimo della soglia (percento del prezzo di riferimento).',
    WINNER_NEAR_REFERENCE: 'Il prezzo dell’aggiudicatario si scosta dal prezzo di riferimento al massimo della soglia (percento del prezzo di riferimento).',
    WINNER_CHANGED: 'L’offerta prima classificata è cambiata da una valutazione alla successiva almeno tante volte quanto la soglia.',
    SHORT_SUBMISSION_PERIOD: 'Il tempo dalla pubblicazione al termine di presentazione è più breve della soglia (giorni).',
  },
};

const CATALOGUE: Record<RedFlagLang, RedFlagTexts> = { en, fr, de, it };

/** The texts of a language; English for any other. */
export function redFlagTexts(lang: string): RedFlagTexts {
  return CATALOGUE[(RED_FLAG_LANGS as readonly string[]).includes(lang) ? (lang as RedFlagLang) : 'en'];
}

/** The first of en/fr/de/it an Accept-Language header asks for (by q-value), else English. */
export function redFlagLangOf(acceptLanguage: string | undefined): RedFlagLang {
  if (!acceptLanguage) return 'en';
  const asked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((a) => a.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (asked.find((a) => (RED_FLAG_LANGS as readonly string[]).includes(a.lang))?.lang as RedFlagLang | undefined) ?? 'en';
}
