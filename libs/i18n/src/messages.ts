/**
 * The message catalogue: finding messages (by finding code), data-gap notes,
 * Art. 44 ground labels and the words legal-basis labels are made of, in the
 * four languages. Placeholders are `{name}`; every language of a key has the
 * same placeholders (checked by catalogue.spec.ts). The English finding
 * messages are exactly the engine's: the engine keeps writing its English text
 * into the evaluation snapshot (whose digest must never change), and the other
 * languages are rendered from the finding's code and parameters.
 */
import type { Lang } from './languages';

export type Entry = Record<Lang, string>;

export const MESSAGES = {
  // — how a finding names the node
  'finding.where.BIDDER': { en: 'Bidder {node}', fr: 'Soumissionnaire {node}', de: 'Anbieterin {node}', it: 'Offerente {node}' },
  'finding.where.SUBCONTRACTOR': {
    en: 'Subcontractor {node}',
    fr: 'Sous-traitant {node}',
    de: 'Subunternehmer {node}',
    it: 'Subappaltatore {node}',
  },
  'finding.undisclosedCountry': { en: 'an undisclosed country', fr: 'un pays non indiqué', de: 'einem nicht angegebenen Land', it: 'un paese non indicato' },
  'finding.switzerland': { en: 'Switzerland', fr: 'Suisse', de: 'der Schweiz', it: 'Svizzera' },
  'finding.listSeparator': { en: '; ', fr: ' ; ', de: '; ', it: '; ' },

  // — §2 findings (the engine's codes)
  'finding.LATE_SUBMISSION': {
    en: 'Received {receivedAt}, after the submission deadline {deadline}.',
    fr: 'Reçue le {receivedAt}, après le délai de remise du {deadline}.',
    de: 'Eingegangen am {receivedAt}, nach der Eingabefrist vom {deadline}.',
    it: 'Ricevuta il {receivedAt}, dopo il termine di inoltro del {deadline}.',
  },
  'finding.CH_LABOUR_CONDITIONS': {
    en: '{where} (work in Switzerland): declaration not given: {missing}.',
    fr: '{where} (travail en Suisse) : déclaration non remise : {missing}.',
    de: '{where} (Arbeit in der Schweiz): Erklärung nicht abgegeben: {missing}.',
    it: '{where} (lavoro in Svizzera): dichiarazione non fornita: {missing}.',
  },
  'finding.CH_EQUAL_PAY': {
    en: '{where} (work in Switzerland): equal pay for women and men not declared.',
    fr: '{where} (travail en Suisse) : égalité salariale entre femmes et hommes non déclarée.',
    de: '{where} (Arbeit in der Schweiz): Lohngleichheit von Frau und Mann nicht erklärt.',
    it: '{where} (lavoro in Svizzera): parità salariale tra donna e uomo non dichiarata.',
  },
  'finding.ILO_CORE_CONVENTIONS': {
    en: '{where} (work in {country}): compliance with the ILO core conventions of Annex 6 not declared.',
    fr: '{where} (travail dans {country}) : respect des conventions fondamentales de l’OIT de l’annexe 6 non déclaré.',
    de: '{where} (Arbeit in {country}): Einhaltung der ILO-Kernübereinkommen nach Anhang 6 nicht erklärt.',
    it: '{where} (lavoro in {country}): rispetto delle convenzioni fondamentali dell’OIL dell’allegato 6 non dichiarato.',
  },
  'finding.ILO_ADDITIONAL_CONVENTIONS': {
    en: '{where} (work in {country}): required convention(s) not declared: {missing}.',
    fr: '{where} (travail dans {country}) : convention(s) exigée(s) non déclarée(s) : {missing}.',
    de: '{where} (Arbeit in {country}): geforderte(s) Übereinkommen nicht erklärt: {missing}.',
    it: '{where} (lavoro in {country}): convenzione/i richiesta/e non dichiarata/e: {missing}.',
  },
  'finding.ENVIRONMENTAL_LAW': {
    en: '{where}: compliance with environmental law not declared.',
    fr: '{where} : respect du droit de l’environnement non déclaré.',
    de: '{where}: Einhaltung des Umweltrechts nicht erklärt.',
    it: '{where}: rispetto del diritto ambientale non dichiarato.',
  },
  'finding.SUBCONTRACT_CLAUSE': {
    en: '{where}: the participation conditions are not declared written into its subcontracts.',
    fr: '{where} : la reprise des conditions de participation dans ses contrats de sous-traitance n’est pas déclarée.',
    de: '{where}: die Überbindung der Teilnahmebedingungen an seine Subunternehmer ist nicht erklärt.',
    it: '{where}: il trasferimento delle condizioni di partecipazione nei suoi subappalti non è dichiarato.',
  },
  'finding.TAXES_SOCIAL_SECURITY': {
    en: '{where}: payment of taxes and social security contributions not declared.',
    fr: '{where} : paiement des impôts et des cotisations sociales non déclaré.',
    de: '{where}: Bezahlung der Steuern und Sozialversicherungsbeiträge nicht erklärt.',
    it: '{where}: pagamento delle imposte e dei contributi sociali non dichiarato.',
  },
  'finding.UNDISCLOSED_COUNTRY': {
    en: '{where}: country of performance not disclosed; ask the bidder.',
    fr: '{where} : pays d’exécution non indiqué ; interroger le soumissionnaire.',
    de: '{where}: Land der Leistungserbringung nicht angegeben; bei der Anbieterin nachfragen.',
    it: '{where}: paese di esecuzione non indicato; chiedere all’offerente.',
  },
  'finding.SANCTIONED': {
    en: '{where} matches the sanctions list: {matches}.',
    fr: '{where} figure sur la liste des sanctions : {matches}.',
    de: '{where} steht auf der Sanktionsliste: {matches}.',
    it: '{where} figura nell’elenco delle sanzioni: {matches}.',
  },
  'finding.sanctionMatch': {
    en: '{entry} ({name}, ground {ground}, {from} to {until}, matched by {by})',
    fr: '{entry} ({name}, motif {ground}, du {from} au {until}, trouvé par {by})',
    de: '{entry} ({name}, Grund {ground}, {from} bis {until}, gefunden über {by})',
    it: '{entry} ({name}, motivo {ground}, dal {from} al {until}, trovato tramite {by})',
  },
  'finding.matchedBy.IDENTIFIER': { en: 'identifier', fr: 'identifiant', de: 'Kennung', it: 'identificativo' },
  'finding.matchedBy.NAME_AND_COUNTRY': { en: 'name and country', fr: 'nom et pays', de: 'Name und Land', it: 'nome e paese' },
  'finding.VIOLATION_ESTABLISHED.one': {
    en: '{where}: established violation since {since}: {violations}.',
    fr: '{where} : infraction établie depuis le {since} : {violations}.',
    de: '{where}: festgestellter Verstoss seit {since}: {violations}.',
    it: '{where}: violazione accertata dal {since}: {violations}.',
  },
  'finding.VIOLATION_ESTABLISHED.other': {
    en: '{where}: established violations since {since}: {violations}.',
    fr: '{where} : infractions établies depuis le {since} : {violations}.',
    de: '{where}: festgestellte Verstösse seit {since}: {violations}.',
    it: '{where}: violazioni accertate dal {since}: {violations}.',
  },
  'finding.VIOLATION_INDICATION.one': {
    en: '{where}: indication of a violation since {since}: {violations}.',
    fr: '{where} : indice d’infraction depuis le {since} : {violations}.',
    de: '{where}: Hinweis auf einen Verstoss seit {since}: {violations}.',
    it: '{where}: indizio di violazione dal {since}: {violations}.',
  },
  'finding.VIOLATION_INDICATION.other': {
    en: '{where}: indication of a violations since {since}: {violations}.',
    fr: '{where} : indices d’infractions depuis le {since} : {violations}.',
    de: '{where}: Hinweise auf Verstösse seit {since}: {violations}.',
    it: '{where}: indizi di violazioni dal {since}: {violations}.',
  },
  'finding.violation': {
    en: '{date} {ground}: {description} (source: {source})',
    fr: '{date} {ground} : {description} (source : {source})',
    de: '{date} {ground}: {description} (Quelle: {source})',
    it: '{date} {ground}: {description} (fonte: {source})',
  },
  'finding.ABNORMALLY_LOW': {
    en: 'Price {price} is below {threshold} × {median} (median of {count} other admissible bids without an exclusion ground) = {limit}; ask the bidder for explanations (Art. 38(3)).',
    fr: 'Le prix {price} est inférieur à {threshold} × {median} (médiane de {count} autres offres recevables sans motif d’exclusion) = {limit} ; demander des explications au soumissionnaire (art. 38, al. 3).',
    de: 'Der Preis {price} liegt unter {threshold} × {median} (Median von {count} anderen zulässigen Angeboten ohne Ausschlussgrund) = {limit}; Erläuterungen bei der Anbieterin einholen (Art. 38 Abs. 3).',
    it: 'Il prezzo {price} è inferiore a {threshold} × {median} (mediana di {count} altre offerte ammissibili senza motivo di esclusione) = {limit}; chiedere spiegazioni all’offerente (art. 38 cpv. 3).',
  },
  'finding.FORCED_LABOUR_GOODS': {
    en: '{where}: {goods} on the forced-labour list for {country}.',
    fr: '{where} : {goods} sur la liste du travail forcé pour {country}.',
    de: '{where}: {goods} auf der Zwangsarbeitsliste für {country}.',
    it: '{where}: {goods} nell’elenco del lavoro forzato per {country}.',
  },
  // — codes added in parallel (goods list, fuzzy sanctions, monitoring after the award)
  'finding.UNKNOWN_GOOD': {
    en: '{where}: {good} matches no entry of the goods list; product risk 0 for it. Check the name.',
    fr: '{where} : {good} ne correspond à aucune entrée de la liste des biens ; risque produit 0 pour ce bien. Vérifier le nom.',
    de: '{where}: {good} entspricht keinem Eintrag der Güterliste; Produktrisiko 0 dafür. Bitte den Namen prüfen.',
    it: '{where}: {good} non corrisponde ad alcuna voce dell’elenco dei beni; rischio prodotto 0 per esso. Verificare il nome.',
  },
  'finding.SANCTIONED_POSSIBLE_MATCH': {
    en: '{where}: the name resembles the sanctions entry {entry} ({country}, similarity {score}); verify the identity.',
    fr: '{where} : le nom ressemble à l’entrée de la liste des sanctions {entry} ({country}, similarité {score}) ; vérifier l’identité.',
    de: '{where}: der Name ähnelt dem Eintrag der Sanktionsliste {entry} ({country}, Ähnlichkeit {score}); Identität abklären.',
    it: '{where}: il nome somiglia alla voce dell’elenco delle sanzioni {entry} ({country}, somiglianza {score}); verificare l’identità.',
  },
  'finding.DURING_EXECUTION': {
    en: '{where}: new match after the award: {matched}.',
    fr: '{where} : nouvelle correspondance après l’adjudication : {matched}.',
    de: '{where}: neuer Treffer nach dem Zuschlag: {matched}.',
    it: '{where}: nuovo riscontro dopo l’aggiudicazione: {matched}.',
  },

  // — data-gap notes of the risk computation (§4)
  'gap.countryUndisclosed': { en: 'country undisclosed', fr: 'pays non indiqué', de: 'Land nicht angegeben', it: 'paese non indicato' },
  'gap.tipTierMissing': {
    en: 'TIP tier of {country} not in the dataset',
    fr: 'catégorie TIP de {country} absente des données',
    de: 'TIP-Stufe von {country} nicht im Datensatz',
    it: 'categoria TIP di {country} assente dai dati',
  },
  'gap.iloMissing': {
    en: 'ILO ratifications of {country} not in the dataset',
    fr: 'ratifications OIT de {country} absentes des données',
    de: 'ILO-Ratifikationen von {country} nicht im Datensatz',
    it: 'ratifiche OIL di {country} assenti dai dati',
  },
  'gap.iloUnknown': {
    en: 'ILO ratification status of {country} unknown for {conventions}',
    fr: 'état de ratification OIT de {country} inconnu pour {conventions}',
    de: 'ILO-Ratifikationsstand von {country} unbekannt für {conventions}',
    it: 'stato di ratifica OIL di {country} sconosciuto per {conventions}',
  },
  'gap.prevalenceMissing': {
    en: 'prevalence of {country} not in the table',
    fr: 'prévalence de {country} absente de la table',
    de: 'Prävalenz von {country} nicht in der Tabelle',
    it: 'prevalenza di {country} assente dalla tabella',
  },

  // — words of legal-basis labels ("Art. 12(2), Annex 6, 44(1)(a)")
  'law.ordinance': { en: 'PPO', fr: 'OMP', de: 'VöB', it: 'OAPub' },
  'law.article': { en: 'Art. {n}', fr: 'art. {n}', de: 'Art. {n}', it: 'art. {n}' },
  'law.paragraph': { en: '({n})', fr: ', al. {n}', de: ' Abs. {n}', it: ' cpv. {n}' },
  'law.letter': { en: '({x})', fr: ', let. {x}', de: ' Bst. {x}', it: ' lett. {x}' },
  'law.annex': { en: 'Annex {n}', fr: 'annexe {n}', de: 'Anhang {n}', it: 'allegato {n}' },
  'law.itemSeparator': { en: ', ', fr: ' ; ', de: ', ', it: ', ' },
  'law.actSeparator': { en: ' ', fr: ', ', de: ' ', it: ' ' },

  // — Art. 44 grounds (legal-basis.md)
  'ground.44-1-a': {
    en: 'does not meet the participation conditions, or jeopardises a lawful procedure',
    fr: 'ne remplit pas les conditions de participation ou compromet le déroulement conforme de la procédure',
    de: 'erfüllt die Teilnahmebedingungen nicht oder gefährdet ein rechtskonformes Verfahren',
    it: 'non adempie le condizioni di partecipazione o compromette lo svolgimento conforme della procedura',
  },
  'ground.44-1-b': {
    en: 'substantial formal defects or substantial deviation from binding requirements (also late submission)',
    fr: 'vices de forme graves ou écart important par rapport aux exigences impératives (aussi remise tardive)',
    de: 'wesentliche Formfehler oder wesentliche Abweichung von verbindlichen Anforderungen (auch verspätete Eingabe)',
    it: 'gravi vizi formali o scostamento rilevante da requisiti vincolanti (anche inoltro tardivo)',
  },
  'ground.44-1-c': {
    en: 'final conviction for a felony, or a misdemeanour against the buyer',
    fr: 'condamnation entrée en force pour un crime, ou pour un délit au détriment de l’adjudicateur',
    de: 'rechtskräftige Verurteilung wegen eines Verbrechens oder eines Vergehens zum Nachteil der Auftraggeberin',
    it: 'condanna passata in giudicato per un crimine, o per un delitto a danno del committente',
  },
  'ground.44-1-d': {
    en: 'subject to seizure or bankruptcy proceedings',
    fr: 'fait l’objet d’une procédure de saisie ou de faillite',
    de: 'befindet sich in einem Pfändungs- oder Konkursverfahren',
    it: 'è oggetto di una procedura di pignoramento o di fallimento',
  },
  'ground.44-1-e': {
    en: 'violated anti-corruption provisions',
    fr: 'a enfreint les dispositions sur la lutte contre la corruption',
    de: 'hat Bestimmungen über die Korruptionsbekämpfung verletzt',
    it: 'ha violato le disposizioni sulla lotta alla corruzione',
  },
  'ground.44-1-f': {
    en: 'refuses ordered inspections',
    fr: 'refuse les contrôles ordonnés',
    de: 'widersetzt sich angeordneten Kontrollen',
    it: 'si oppone ai controlli disposti',
  },
  'ground.44-1-g': {
    en: 'has not paid taxes or social security contributions due',
    fr: 'n’a pas payé les impôts ou les cotisations sociales exigibles',
    de: 'hat fällige Steuern oder Sozialabgaben nicht bezahlt',
    it: 'non ha pagato imposte o contributi sociali esigibili',
  },
  'ground.44-1-h': {
    en: 'performed earlier public contracts deficiently or is otherwise not reliable',
    fr: 'a exécuté de manière déficiente des marchés publics antérieurs ou n’est pas fiable pour d’autres raisons',
    de: 'hat frühere öffentliche Aufträge mangelhaft erfüllt oder ist auf andere Weise nicht verlässlich',
    it: 'ha eseguito in modo carente precedenti commesse pubbliche o non è affidabile per altri motivi',
  },
  'ground.44-1-i': {
    en: 'took part in preparing the procurement and the advantage cannot be offset',
    fr: 'a participé à la préparation du marché et l’avantage ne peut être compensé',
    de: 'war an der Vorbereitung der Beschaffung beteiligt und der Vorteil kann nicht ausgeglichen werden',
    it: 'ha partecipato alla preparazione della commessa e il vantaggio non può essere compensato',
  },
  'ground.44-1-j': {
    en: 'is excluded from future contracts under Art. 45(1)',
    fr: 'est exclu des marchés futurs en vertu de l’art. 45, al. 1',
    de: 'ist nach Art. 45 Abs. 1 von künftigen Aufträgen ausgeschlossen',
    it: 'è escluso da future commesse secondo l’art. 45 cpv. 1',
  },
  'ground.44-2-a': {
    en: 'made false or misleading statements',
    fr: 'a fait des déclarations fausses ou trompeuses',
    de: 'hat falsche oder irreführende Auskünfte erteilt',
    it: 'ha fornito indicazioni false o fuorvianti',
  },
  'ground.44-2-b': {
    en: 'made unlawful agreements on competition',
    fr: 'a conclu des accords illicites affectant la concurrence',
    de: 'hat unzulässige Wettbewerbsabreden getroffen',
    it: 'ha concluso accordi illeciti in materia di concorrenza',
  },
  'ground.44-2-c': {
    en: 'abnormally low tender without proof, on request, of compliance and proper performance',
    fr: 'offre anormalement basse sans preuve, sur demande, du respect des conditions et de la bonne exécution',
    de: 'ungewöhnlich niedriges Angebot ohne Nachweis, auf Aufforderung, der Teilnahmebedingungen und der vertragskonformen Leistung',
    it: 'offerta anormalmente bassa senza prova, su richiesta, del rispetto delle condizioni e della corretta esecuzione',
  },
  'ground.44-2-d': {
    en: 'violated recognised professional rules or its professional integrity',
    fr: 'a enfreint les règles professionnelles reconnues ou porté atteinte à son honorabilité professionnelle',
    de: 'hat anerkannte Berufsregeln verletzt oder seine berufliche Integrität in Frage gestellt',
    it: 'ha violato regole professionali riconosciute o la propria integrità professionale',
  },
  'ground.44-2-e': { en: 'is insolvent', fr: 'est insolvable', de: 'ist zahlungsunfähig', it: 'è insolvente' },
  'ground.44-2-f': {
    en: 'disregarded labour protection, working conditions, equal pay, confidentiality or environmental law',
    fr: 'n’a pas respecté la protection des travailleurs, les conditions de travail, l’égalité salariale, la confidentialité ou le droit de l’environnement',
    de: 'hat Arbeitsschutz, Arbeitsbedingungen, Lohngleichheit, Vertraulichkeit oder Umweltrecht missachtet',
    it: 'ha disatteso la protezione dei lavoratori, le condizioni di lavoro, la parità salariale, la confidenzialità o il diritto ambientale',
  },
  'ground.44-2-g': {
    en: 'violated duties under the Illegal Employment Act (BGSA)',
    fr: 'a violé des obligations de la loi sur le travail au noir (LTN)',
    de: 'hat Pflichten nach dem Bundesgesetz gegen die Schwarzarbeit (BGSA) verletzt',
    it: 'ha violato obblighi della legge contro il lavoro nero (LLN)',
  },
  'ground.44-2-h': {
    en: 'violated the Unfair Competition Act',
    fr: 'a enfreint la loi contre la concurrence déloyale',
    de: 'hat das Bundesgesetz gegen den unlauteren Wettbewerb verletzt',
    it: 'ha violato la legge contro la concorrenza sleale',
  },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;

/** `{name}` placeholders of a template, sorted and without repeats. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]))].sort();
}

/**
 * A catalogue text with its placeholders filled. A missing parameter throws:
 * a message with a hole in it must never reach a procurement file.
 */
export function message(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  const template = (MESSAGES[key] as Entry)[lang];
  if (template === undefined) throw new RangeError(`no ${lang} text for ${key}`);
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new RangeError(`message ${key} needs the parameter ${name}`);
    return String(v);
  });
}

export const hasMessage = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(MESSAGES, key);
