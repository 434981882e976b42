import type { Entry } from './messages';
import type { Lang } from './languages';

/**
 * The English `detail` and field messages of problem documents as templates,
 * with French, German and Italian. The throw sites keep writing English (tests
 * pin it and English is the default byte for byte); `localiseText` recognises
 * an English text by its template and renders it in another language. A text
 * no template matches stays English. Codes (tender statuses, roles, field
 * names, header names) are never translated.
 */
export const PROBLEM_DETAILS = {
  // — 404
  notFound: { en: '{label} not found', fr: '{label} introuvable', de: '{label} nicht gefunden', it: '{label} non reperibile' },

  // — 401 / 403: the guard, login, AccessService (libs/procedure access)
  bearerMissing: {
    en: 'Send Authorization: Bearer <token> (POST /api/v1/auth/token)',
    fr: 'Envoyez Authorization: Bearer <token> (POST /api/v1/auth/token)',
    de: 'Senden Sie Authorization: Bearer <token> (POST /api/v1/auth/token)',
    it: 'Inviare Authorization: Bearer <token> (POST /api/v1/auth/token)',
  },
  tokenInvalid: {
    en: 'The bearer token is invalid or expired',
    fr: 'Le jeton d’accès est invalide ou expiré',
    de: 'Das Zugriffstoken ist ungültig oder abgelaufen',
    it: 'Il token d’accesso non è valido o è scaduto',
  },
  wrongCredentials: {
    en: 'Unknown e-mail or wrong password',
    fr: 'Adresse e-mail inconnue ou mot de passe erroné',
    de: 'Unbekannte E-Mail-Adresse oder falsches Passwort',
    it: 'Indirizzo e-mail sconosciuto o password errata',
  },
  accountInactive: {
    en: 'The account behind this token is not active',
    fr: 'Le compte lié à ce jeton n’est pas actif',
    de: 'Das Konto zu diesem Token ist nicht aktiv',
    it: 'L’account associato a questo token non è attivo',
  },
  tokenRevoked: {
    en: 'This token was revoked (password changed or account deactivated); log in again',
    fr: 'Ce jeton a été révoqué (mot de passe modifié ou compte désactivé) ; veuillez vous reconnecter',
    de: 'Dieses Token wurde widerrufen (Passwort geändert oder Konto deaktiviert); bitte melden Sie sich erneut an',
    it: 'Questo token è stato revocato (password modificata o account disattivato); effettuare nuovamente l’accesso',
  },
  accountChanged: {
    en: 'The account changed meanwhile; log in again',
    fr: 'Le compte a été modifié entre-temps ; veuillez vous reconnecter',
    de: 'Das Konto wurde inzwischen geändert; bitte melden Sie sich erneut an',
    it: 'L’account è stato modificato nel frattempo; effettuare nuovamente l’accesso',
  },
  routeClosed: {
    en: 'This route is not open to any role',
    fr: 'Cette route n’est ouverte à aucun rôle',
    de: 'Diese Route steht keiner Rolle offen',
    it: 'Questa route non è aperta a nessun ruolo',
  },
  roleNeeded: {
    en: 'This action needs the role {roles}; you are {role}',
    fr: 'Cette action requiert le rôle {roles} ; votre rôle est {role}',
    de: 'Diese Aktion erfordert die Rolle {roles}; Ihre Rolle ist {role}',
    it: 'Questa azione richiede il ruolo {roles}; il suo ruolo è {role}',
  },
  noDeclarationRoute: {
    en: 'You have not declared your impartiality on this tender (VöB Art. 3): declare it before you act on the tender ({route})',
    fr: 'Vous n’avez pas déclaré votre impartialité pour cet appel d’offres (art. 3 OMP) : déclarez-la avant d’agir sur l’appel d’offres ({route})',
    de: 'Sie haben Ihre Unbefangenheit für diese Ausschreibung nicht erklärt (Art. 3 VöB): erklären Sie sie, bevor Sie in der Ausschreibung handeln ({route})',
    it: 'Non ha dichiarato la sua imparzialità per questa commessa (art. 3 OAPub): la dichiari prima di agire sulla commessa ({route})',
  },
  noDeclaration: {
    en: 'You have not declared your impartiality on this tender (VöB Art. 3): declare it before you act on the tender',
    fr: 'Vous n’avez pas déclaré votre impartialité pour cet appel d’offres (art. 3 OMP) : déclarez-la avant d’agir sur l’appel d’offres',
    de: 'Sie haben Ihre Unbefangenheit für diese Ausschreibung nicht erklärt (Art. 3 VöB): erklären Sie sie, bevor Sie in der Ausschreibung handeln',
    it: 'Non ha dichiarato la sua imparzialità per questa commessa (art. 3 OAPub): la dichiari prima di agire sulla commessa',
  },
  conflictDeclared: {
    en: 'You declared a conflict of interest on this tender (VöB Art. 3) and cannot act on it',
    fr: 'Vous avez déclaré un conflit d’intérêts pour cet appel d’offres (art. 3 OMP) et ne pouvez pas agir sur celui-ci',
    de: 'Sie haben für diese Ausschreibung einen Interessenkonflikt erklärt (Art. 3 VöB) und können darin nicht handeln',
    it: 'Ha dichiarato un conflitto d’interessi per questa commessa (art. 3 OAPub) e non può agire su di essa',
  },
  fourEyes: {
    en: 'Four-eyes principle: the officer who proposed a decision cannot decide it; another officer decides',
    fr: 'Principe des quatre yeux : la personne qui a proposé une décision ne peut pas la prendre ; une autre personne chargée du dossier décide',
    de: 'Vier-Augen-Prinzip: Wer einen Entscheid beantragt hat, kann ihn nicht fällen; eine andere Sachbearbeiterin oder ein anderer Sachbearbeiter entscheidet',
    it: 'Principio dei quattro occhi: chi ha proposto una decisione non può prenderla; decide un’altra persona incaricata',
  },

  // — lifecycle refusals (libs/procedure lifecycle-gates) and status conflicts
  transition: {
    en: 'Cannot {transition} a {status} tender (allowed from {from})',
    fr: 'Transition {transition} impossible pour un appel d’offres au statut {status} (possible depuis le statut : {from})',
    de: 'Übergang {transition} für eine Ausschreibung im Status {status} nicht möglich (zulässig aus dem Status: {from})',
    it: 'Transizione {transition} non possibile per una commessa nello stato {status} (possibile dallo stato: {from})',
  },
  notPublished: {
    en: 'The tender is {status}; bids are accepted only while it is PUBLISHED',
    fr: 'L’appel d’offres est au statut {status} ; les offres ne sont acceptées que tant qu’il est PUBLISHED',
    de: 'Die Ausschreibung ist im Status {status}; Angebote werden nur im Status PUBLISHED angenommen',
    it: 'La commessa è nello stato {status}; le offerte sono accettate solo nello stato PUBLISHED',
  },
  notEvaluable: {
    en: 'The tender is {status}; only a CLOSED tender is evaluated',
    fr: 'L’appel d’offres est au statut {status} ; seul un appel d’offres CLOSED est évalué',
    de: 'Die Ausschreibung ist im Status {status}; bewertet wird nur eine Ausschreibung im Status CLOSED',
    it: 'La commessa è nello stato {status}; si valuta solo una commessa nello stato CLOSED',
  },
  notGradable: {
    en: 'The tender is {status}; grades are given while it is PUBLISHED or CLOSED',
    fr: 'L’appel d’offres est au statut {status} ; les notes sont attribuées tant qu’il est PUBLISHED ou CLOSED',
    de: 'Die Ausschreibung ist im Status {status}; Noten werden im Status PUBLISHED oder CLOSED vergeben',
    it: 'La commessa è nello stato {status}; le note si attribuiscono nello stato PUBLISHED o CLOSED',
  },
  criteriaFrozen: {
    en: 'The tender is {status}; only a DRAFT can be changed (criteria and settings are frozen at publication)',
    fr: 'L’appel d’offres est au statut {status} ; seul un DRAFT peut être modifié (critères et paramètres sont figés à la publication)',
    de: 'Die Ausschreibung ist im Status {status}; nur ein DRAFT kann geändert werden (Kriterien und Einstellungen sind ab der Veröffentlichung fixiert)',
    it: 'La commessa è nello stato {status}; solo un DRAFT può essere modificato (criteri e impostazioni sono fissati alla pubblicazione)',
  },
  changedMeanwhile: {
    en: 'The tender changed to {status} meanwhile; cannot {transition}',
    fr: 'L’appel d’offres est passé entre-temps au statut {status} ; transition {transition} impossible',
    de: 'Die Ausschreibung wechselte inzwischen in den Status {status}; Übergang {transition} nicht möglich',
    it: 'Nel frattempo la commessa è passata allo stato {status}; transizione {transition} non possibile',
  },
  deadlineNotPassed: {
    en: 'The submission deadline {deadline} has not passed yet; a tender is closed only after it (bids may still arrive until then)',
    fr: 'Le délai de remise {deadline} n’est pas encore échu ; un appel d’offres n’est clos qu’après celui-ci (des offres peuvent encore arriver jusque-là)',
    de: 'Die Eingabefrist {deadline} ist noch nicht abgelaufen; eine Ausschreibung wird erst danach geschlossen (bis dahin können noch Angebote eingehen)',
    it: 'Il termine di inoltro {deadline} non è ancora scaduto; una commessa si chiude solo dopo (fino ad allora possono ancora giungere offerte)',
  },
  gradingIncomplete: {
    en: 'Grading is incomplete: every admissible bid needs grades from the required number of evaluators on every QUALITY criterion',
    fr: 'La notation est incomplète : chaque offre recevable doit être notée par le nombre requis d’évaluateurs sur chaque critère QUALITY',
    de: 'Die Benotung ist unvollständig: Jedes zulässige Angebot braucht für jedes QUALITY-Kriterium Noten der erforderlichen Anzahl Bewertender',
    it: 'La valutazione è incompleta: ogni offerta ammissibile richiede le note del numero prescritto di valutatori su ogni criterio QUALITY',
  },
  appealPeriod: {
    en: 'The appeal period runs until {until} (Art. 56): the contract may not be concluded before',
    fr: 'Le délai de recours court jusqu’au {until} (art. 56) : le contrat ne peut pas être conclu avant',
    de: 'Die Beschwerdefrist läuft bis {until} (Art. 56): Der Vertrag darf nicht vorher abgeschlossen werden',
    it: 'Il termine di ricorso decorre fino al {until} (art. 56): il contratto non può essere concluso prima',
  },
  notLatest: {
    en: 'Evaluation {seq} is not the latest ({latest}): an award is made from the latest evaluation only',
    fr: 'L’évaluation {seq} n’est pas la plus récente ({latest}) : l’adjudication se fait uniquement sur la base de l’évaluation la plus récente',
    de: 'Die Bewertung {seq} ist nicht die neueste ({latest}): Der Zuschlag wird nur aufgrund der neuesten Bewertung erteilt',
    it: 'La valutazione {seq} non è la più recente ({latest}): l’aggiudicazione si basa solo sulla valutazione più recente',
  },
  noActiveAward: {
    en: 'The tender has no active award',
    fr: 'L’appel d’offres n’a pas d’adjudication en vigueur',
    de: 'Die Ausschreibung hat keinen gültigen Zuschlag',
    it: 'La commessa non ha un’aggiudicazione in vigore',
  },

  // — the most frequent conflicts
  duplicateBid: {
    en: 'This bidder already has a bid on this tender',
    fr: 'Ce soumissionnaire a déjà une offre pour cet appel d’offres',
    de: 'Diese Anbieterin hat bereits ein Angebot für diese Ausschreibung',
    it: 'Questo offerente ha già un’offerta per questa commessa',
  },
  duplicateReference: {
    en: 'A tender with reference {reference} already exists for this buyer',
    fr: 'Un appel d’offres portant la référence {reference} existe déjà pour cet adjudicateur',
    de: 'Für diese Auftraggeberin besteht bereits eine Ausschreibung mit der Referenz {reference}',
    it: 'Per questo committente esiste già una commessa con il riferimento {reference}',
  },
  duplicateUser: {
    en: 'A user with this e-mail already exists',
    fr: 'Un utilisateur avec cette adresse e-mail existe déjà',
    de: 'Es besteht bereits ein Benutzerkonto mit dieser E-Mail-Adresse',
    it: 'Esiste già un utente con questo indirizzo e-mail',
  },
  alreadyResolved: {
    en: 'This finding is already resolved',
    fr: 'Ce constat est déjà traité',
    de: 'Dieser Befund ist bereits erledigt',
    it: 'Questo riscontro è già evaso',
  },
  alreadyResolvedCarries: {
    en: 'This finding is already resolved (a resolution carries over to later evaluations and is not replaced)',
    fr: 'Ce constat est déjà traité (le traitement est repris dans les évaluations ultérieures et n’est pas remplacé)',
    de: 'Dieser Befund ist bereits erledigt (die Erledigung gilt auch für spätere Bewertungen und wird nicht ersetzt)',
    it: 'Questo riscontro è già evaso (l’evasione si applica alle valutazioni successive e non è sostituita)',
  },
  findingDecided: {
    en: 'An exclusion decision on this finding is already pending or taken; it carries over to later evaluations',
    fr: 'Une décision d’exclusion sur ce constat est déjà en cours ou prise ; elle est reprise dans les évaluations ultérieures',
    de: 'Ein Ausschlussentscheid zu diesem Befund ist bereits hängig oder gefällt; er gilt auch für spätere Bewertungen',
    it: 'Una decisione di esclusione su questo riscontro è già pendente o presa; si applica alle valutazioni successive',
  },
  exclusionDecided: {
    en: 'The exclusion is already {status}; a decision is taken once',
    fr: 'L’exclusion est déjà au statut {status} ; une décision n’est prise qu’une fois',
    de: 'Der Ausschluss ist bereits im Status {status}; ein Entscheid wird nur einmal gefällt',
    it: 'L’esclusione è già nello stato {status}; una decisione si prende una sola volta',
  },
  userInactive: {
    en: 'The user is already deactivated',
    fr: 'L’utilisateur est déjà désactivé',
    de: 'Das Benutzerkonto ist bereits deaktiviert',
    it: 'L’utente è già disattivato',
  },
  userActive: { en: 'The user is already active', fr: 'L’utilisateur est déjà actif', de: 'Das Benutzerkonto ist bereits aktiv', it: 'L’utente è già attivo' },
  lastAdmin: {
    en: 'The last active ADMIN cannot be deactivated',
    fr: 'Le dernier ADMIN actif ne peut pas être désactivé',
    de: 'Der letzte aktive ADMIN kann nicht deaktiviert werden',
    it: 'L’ultimo ADMIN attivo non può essere disattivato',
  },
  selfDeactivation: {
    en: 'You cannot deactivate your own account',
    fr: 'Vous ne pouvez pas désactiver votre propre compte',
    de: 'Sie können Ihr eigenes Konto nicht deaktivieren',
    it: 'Non può disattivare il proprio account',
  },
  noRiskDataset: {
    en: 'No active {kind} risk dataset: an admin must import and activate one',
    fr: 'Aucun jeu de données de risque {kind} actif : un administrateur doit en importer et en activer un',
    de: 'Kein aktiver Risikodatensatz {kind}: Eine Administratorin oder ein Administrator muss einen importieren und aktivieren',
    it: 'Nessun set di dati di rischio {kind} attivo: un amministratore deve importarne e attivarne uno',
  },
  noRiskModel: {
    en: 'No active risk model: an admin must set one (PUT /api/v1/risk-model)',
    fr: 'Aucun modèle de risque actif : un administrateur doit en définir un (PUT /api/v1/risk-model)',
    de: 'Kein aktives Risikomodell: Eine Administratorin oder ein Administrator muss eines festlegen (PUT /api/v1/risk-model)',
    it: 'Nessun modello di rischio attivo: un amministratore deve definirne uno (PUT /api/v1/risk-model)',
  },
  idempotencyReused: {
    en: 'This Idempotency-Key was already used with a different request body',
    fr: 'Cette Idempotency-Key a déjà été utilisée avec un autre corps de requête',
    de: 'Dieser Idempotency-Key wurde bereits mit einem anderen Anfrageinhalt verwendet',
    it: 'Questa Idempotency-Key è già stata usata con un altro corpo della richiesta',
  },
  ifMatchMissing: {
    en: 'This request needs an If-Match header with the ETag from the latest GET',
    fr: 'Cette requête requiert un en-tête If-Match avec l’ETag du dernier GET',
    de: 'Diese Anfrage braucht einen If-Match-Header mit dem ETag des letzten GET',
    it: 'Questa richiesta richiede un’intestazione If-Match con l’ETag dell’ultimo GET',
  },
  ifMatchStale: {
    en: 'If-Match does not match the current version of the resource',
    fr: 'If-Match ne correspond pas à la version actuelle de la ressource',
    de: 'If-Match entspricht nicht der aktuellen Version der Ressource',
    it: 'If-Match non corrisponde alla versione attuale della risorsa',
  },
  ifMatchTenderAgain: {
    en: 'If-Match names version {expected}, the tender is at version {current}; GET it again',
    fr: 'If-Match indique la version {expected}, l’appel d’offres est à la version {current} ; relisez-le avec GET',
    de: 'If-Match nennt Version {expected}, die Ausschreibung ist bei Version {current}; lesen Sie sie mit GET neu',
    it: 'If-Match indica la versione {expected}, la commessa è alla versione {current}; rileggerla con GET',
  },
  ifMatchTender: {
    en: 'If-Match names version {expected}, the tender is at version {current}',
    fr: 'If-Match indique la version {expected}, l’appel d’offres est à la version {current}',
    de: 'If-Match nennt Version {expected}, die Ausschreibung ist bei Version {current}',
    it: 'If-Match indica la versione {expected}, la commessa è alla versione {current}',
  },

  // — the validation pipe and the body parser
  invalidFields: {
    en: 'The request has invalid fields',
    fr: 'La requête contient des champs invalides',
    de: 'Die Anfrage enthält ungültige Felder',
    it: 'La richiesta contiene campi non validi',
  },
  malformedJson: {
    en: 'The request body is not valid JSON',
    fr: 'Le corps de la requête n’est pas un JSON valide',
    de: 'Der Anfrageinhalt ist kein gültiges JSON',
    it: 'Il corpo della richiesta non è un JSON valido',
  },
  emptyBody: {
    en: 'The request body is empty; send a JSON document (or no Content-Type)',
    fr: 'Le corps de la requête est vide ; envoyez un document JSON (ou aucun Content-Type)',
    de: 'Der Anfrageinhalt ist leer; senden Sie ein JSON-Dokument (oder keinen Content-Type)',
    it: 'Il corpo della richiesta è vuoto; inviare un documento JSON (o nessun Content-Type)',
  },
  notUtf8: {
    en: 'The request body is not valid UTF-8',
    fr: 'Le corps de la requête n’est pas de l’UTF-8 valide',
    de: 'Der Anfrageinhalt ist kein gültiges UTF-8',
    it: 'Il corpo della richiesta non è UTF-8 valido',
  },
  tooLarge: {
    en: 'The request body is larger than the configured limit (BODY_LIMIT)',
    fr: 'Le corps de la requête dépasse la limite configurée (BODY_LIMIT)',
    de: 'Der Anfrageinhalt überschreitet die eingestellte Grenze (BODY_LIMIT)',
    it: 'Il corpo della richiesta supera il limite configurato (BODY_LIMIT)',
  },
  unsupportedJson: {
    en: 'Unsupported Content-Type; send application/json',
    fr: 'Content-Type non pris en charge ; envoyez application/json',
    de: 'Nicht unterstützter Content-Type; senden Sie application/json',
    it: 'Content-Type non supportato; inviare application/json',
  },
  invalidText: {
    en: 'The request has invalid text',
    fr: 'La requête contient du texte invalide',
    de: 'Die Anfrage enthält ungültigen Text',
    it: 'La richiesta contiene testo non valido',
  },
  rateLimited: {
    en: 'Too many requests; try again later',
    fr: 'Trop de requêtes ; réessayez plus tard',
    de: 'Zu viele Anfragen; versuchen Sie es später erneut',
    it: 'Troppe richieste; riprovare più tardi',
  },
  internal: {
    en: 'Unexpected error; quote request id {id}',
    fr: 'Erreur inattendue ; indiquez l’identifiant de requête {id}',
    de: 'Unerwarteter Fehler; geben Sie die Anfrage-Id {id} an',
    it: 'Errore imprevisto; indicare l’identificativo della richiesta {id}',
  },
  dbUnavailable: {
    en: 'The database is not reachable; nothing was changed. Retry in {n} seconds',
    fr: 'La base de données n’est pas joignable ; rien n’a été modifié. Réessayez dans {n} secondes',
    de: 'Die Datenbank ist nicht erreichbar; nichts wurde geändert. Versuchen Sie es in {n} Sekunden erneut',
    it: 'La banca dati non è raggiungibile; nulla è stato modificato. Riprovare tra {n} secondi',
  },
  concurrentRollback: {
    en: 'The request met a concurrent change and was rolled back; nothing was changed. Retry it',
    fr: 'La requête s’est heurtée à une modification simultanée et a été annulée ; rien n’a été modifié. Renvoyez-la',
    de: 'Die Anfrage traf auf eine gleichzeitige Änderung und wurde zurückgesetzt; nichts wurde geändert. Senden Sie sie erneut',
    it: 'La richiesta si è scontrata con una modifica simultanea ed è stata annullata; nulla è stato modificato. Inviarla di nuovo',
  },

  // — field messages: the pipe's own
  unknownField: { en: 'unknown field', fr: 'champ inconnu', de: 'unbekanntes Feld', it: 'campo sconosciuto' },
  notNull: {
    en: 'must not be null (omit the field instead)',
    fr: 'ne doit pas être null (omettez plutôt le champ)',
    de: 'darf nicht null sein (lassen Sie das Feld stattdessen weg)',
    it: 'non deve essere null (omettere piuttosto il campo)',
  },
  jsonObject: { en: 'must be a JSON object', fr: 'doit être un objet JSON', de: 'muss ein JSON-Objekt sein', it: 'deve essere un oggetto JSON' },
  object: { en: 'must be an object', fr: 'doit être un objet', de: 'muss ein Objekt sein', it: 'deve essere un oggetto' },
  yearRange: {
    en: 'must be a date in the years {min} to {max}',
    fr: 'doit être une date comprise entre les années {min} et {max}',
    de: 'muss ein Datum in den Jahren {min} bis {max} sein',
    it: 'deve essere una data compresa tra gli anni {min} e {max}',
  },
  dateYmd: {
    en: 'must be a date YYYY-MM-DD',
    fr: 'doit être une date AAAA-MM-JJ',
    de: 'muss ein Datum JJJJ-MM-TT sein',
    it: 'deve essere una data AAAA-MM-GG',
  },
  decimalNumber: {
    en: 'must be a decimal string such as "123.45" (numbers are not accepted, to keep values exact)',
    fr: 'doit être une chaîne décimale telle que "123.45" (les nombres ne sont pas acceptés, afin de garder des valeurs exactes)',
    de: 'muss eine Dezimalzeichenkette wie "123.45" sein (Zahlen werden nicht angenommen, damit die Werte exakt bleiben)',
    it: 'deve essere una stringa decimale come "123.45" (i numeri non sono accettati, per mantenere valori esatti)',
  },
  decimalString: {
    en: 'must be a decimal string such as "123.45"',
    fr: 'doit être une chaîne décimale telle que "123.45"',
    de: 'muss eine Dezimalzeichenkette wie "123.45" sein',
    it: 'deve essere una stringa decimale come "123.45"',
  },
  decimalPlain: {
    en: 'must be a decimal string',
    fr: 'doit être une chaîne décimale',
    de: 'muss eine Dezimalzeichenkette sein',
    it: 'deve essere una stringa decimale',
  },
  decimalScale: {
    en: 'must have at most {n} decimal places',
    fr: 'doit avoir au plus {n} décimales',
    de: 'darf höchstens {n} Nachkommastellen haben',
    it: 'deve avere al massimo {n} decimali',
  },
  decimalAtLeast: { en: 'must be at least {n}', fr: 'doit être au moins {n}', de: 'muss mindestens {n} sein', it: 'deve essere almeno {n}' },
  decimalGreater: { en: 'must be greater than {n}', fr: 'doit être supérieur à {n}', de: 'muss grösser als {n} sein', it: 'deve essere maggiore di {n}' },
  decimalAtMost: { en: 'must be at most {n}', fr: 'doit être au plus {n}', de: 'darf höchstens {n} sein', it: 'deve essere al massimo {n}' },
  decimalRecord: {
    en: 'must be an object of CRITERION_CODE → decimal string',
    fr: 'doit être un objet CRITERION_CODE → chaîne décimale',
    de: 'muss ein Objekt CRITERION_CODE → Dezimalzeichenkette sein',
    it: 'deve essere un oggetto CRITERION_CODE → stringa decimale',
  },
  calendarDay: {
    en: '{property} must be a calendar date YYYY-MM-DD or a date-time with offset (its day in Europe/Zurich)',
    fr: '{property} doit être une date AAAA-MM-JJ ou une date-heure avec décalage (son jour à Europe/Zurich)',
    de: '{property} muss ein Kalenderdatum JJJJ-MM-TT oder ein Zeitpunkt mit Zeitzonenversatz sein (sein Tag in Europe/Zurich)',
    it: '{property} deve essere una data AAAA-MM-GG o una data e ora con scostamento (il suo giorno in Europe/Zurich)',
  },
  calendarDayEach: {
    en: '{property} entries must be a calendar date YYYY-MM-DD or a date-time with offset (its day in Europe/Zurich)',
    fr: 'chaque entrée de {property} doit être une date AAAA-MM-JJ ou une date-heure avec décalage (son jour à Europe/Zurich)',
    de: 'jeder Eintrag von {property} muss ein Kalenderdatum JJJJ-MM-TT oder ein Zeitpunkt mit Zeitzonenversatz sein (sein Tag in Europe/Zurich)',
    it: 'ogni voce di {property} deve essere una data AAAA-MM-GG o una data e ora con scostamento (il suo giorno in Europe/Zurich)',
  },
  dateTimeOffset: {
    en: '{property} must be an ISO 8601 date-time with an offset',
    fr: '{property} doit être une date-heure ISO 8601 avec décalage',
    de: '{property} muss ein Zeitpunkt nach ISO 8601 mit Zeitzonenversatz sein',
    it: '{property} deve essere una data e ora ISO 8601 con scostamento',
  },
  notBlank: {
    en: '{property} must not be blank',
    fr: '{property} ne doit pas être vide',
    de: '{property} darf nicht leer sein',
    it: '{property} non deve essere vuoto',
  },
  noBuyer: {
    en: 'no buyer with this id',
    fr: 'aucun adjudicateur avec cet identifiant',
    de: 'keine Auftraggeberin mit dieser Id',
    it: 'nessun committente con questo identificativo',
  },
  idempotencyKeyFormat: {
    en: 'must be 1–200 visible ASCII characters',
    fr: 'doit comporter 1 à 200 caractères ASCII visibles',
    de: 'muss aus 1–200 sichtbaren ASCII-Zeichen bestehen',
    it: 'deve comprendere da 1 a 200 caratteri ASCII visibili',
  },

  // — field messages: the pipe's type-first folding (validation.ts typeFirst)
  intRange: {
    en: '{property} must be an integer {min}–{max}',
    fr: '{property} doit être un nombre entier de {min} à {max}',
    de: '{property} muss eine ganze Zahl von {min} bis {max} sein',
    it: '{property} deve essere un numero intero da {min} a {max}',
  },
  intMin: {
    en: '{property} must be an integer ≥ {min}',
    fr: '{property} doit être un nombre entier ≥ {min}',
    de: '{property} muss eine ganze Zahl ≥ {min} sein',
    it: '{property} deve essere un numero intero ≥ {min}',
  },
  intMax: {
    en: '{property} must be an integer ≤ {max}',
    fr: '{property} doit être un nombre entier ≤ {max}',
    de: '{property} muss eine ganze Zahl ≤ {max} sein',
    it: '{property} deve essere un numero intero ≤ {max}',
  },
  int: {
    en: '{property} must be an integer',
    fr: '{property} doit être un nombre entier',
    de: '{property} muss eine ganze Zahl sein',
    it: '{property} deve essere un numero intero',
  },
  numberRange: {
    en: '{property} must be a number {min}–{max}',
    fr: '{property} doit être un nombre de {min} à {max}',
    de: '{property} muss eine Zahl von {min} bis {max} sein',
    it: '{property} deve essere un numero da {min} a {max}',
  },
  numberMin: {
    en: '{property} must be a number ≥ {min}',
    fr: '{property} doit être un nombre ≥ {min}',
    de: '{property} muss eine Zahl ≥ {min} sein',
    it: '{property} deve essere un numero ≥ {min}',
  },
  numberMax: {
    en: '{property} must be a number ≤ {max}',
    fr: '{property} doit être un nombre ≤ {max}',
    de: '{property} muss eine Zahl ≤ {max} sein',
    it: '{property} deve essere un numero ≤ {max}',
  },
  number: {
    en: '{property} must be a number',
    fr: '{property} doit être un nombre',
    de: '{property} muss eine Zahl sein',
    it: '{property} deve essere un numero',
  },

  // — field messages: class-validator's defaults for the decorators the DTOs use
  cvString: {
    en: '{property} must be a string',
    fr: '{property} doit être une chaîne de caractères',
    de: '{property} muss eine Zeichenkette sein',
    it: '{property} deve essere una stringa',
  },
  cvMaxLength: {
    en: '{property} must be shorter than or equal to {n} characters',
    fr: '{property} doit comporter au plus {n} caractères',
    de: '{property} darf höchstens {n} Zeichen lang sein',
    it: '{property} deve contenere al massimo {n} caratteri',
  },
  cvMinLength: {
    en: '{property} must be longer than or equal to {n} characters',
    fr: '{property} doit comporter au moins {n} caractères',
    de: '{property} muss mindestens {n} Zeichen lang sein',
    it: '{property} deve contenere almeno {n} caratteri',
  },
  cvUuid: { en: '{property} must be a UUID', fr: '{property} doit être un UUID', de: '{property} muss eine UUID sein', it: '{property} deve essere un UUID' },
  cvOneOf: {
    en: '{property} must be one of the following values: {values}',
    fr: '{property} doit être l’une des valeurs suivantes : {values}',
    de: '{property} muss einer der folgenden Werte sein: {values}',
    it: '{property} deve essere uno dei valori seguenti: {values}',
  },
  cvBoolean: {
    en: '{property} must be a boolean value',
    fr: '{property} doit être une valeur booléenne',
    de: '{property} muss ein boolescher Wert sein',
    it: '{property} deve essere un valore booleano',
  },
  cvArray: {
    en: '{property} must be an array',
    fr: '{property} doit être un tableau',
    de: '{property} muss ein Array sein',
    it: '{property} deve essere un array',
  },
  cvObject: {
    en: '{property} must be an object',
    fr: '{property} doit être un objet',
    de: '{property} muss ein Objekt sein',
    it: '{property} deve essere un oggetto',
  },
  cvNested: {
    en: 'nested property {property} must be either object or array',
    fr: 'la propriété imbriquée {property} doit être un objet ou un tableau',
    de: 'die verschachtelte Eigenschaft {property} muss ein Objekt oder ein Array sein',
    it: 'la proprietà annidata {property} deve essere un oggetto o un array',
  },
  cvArrayMax: {
    en: '{property} must contain no more than {n} elements',
    fr: '{property} doit contenir au plus {n} éléments',
    de: '{property} darf höchstens {n} Elemente enthalten',
    it: '{property} deve contenere al massimo {n} elementi',
  },
  cvArrayMin: {
    en: '{property} must contain at least {n} elements',
    fr: '{property} doit contenir au moins {n} éléments',
    de: '{property} muss mindestens {n} Elemente enthalten',
    it: '{property} deve contenere almeno {n} elementi',
  },
  cvIso8601: {
    en: '{property} must be a valid ISO 8601 date string',
    fr: '{property} doit être une date ISO 8601 valide',
    de: '{property} muss ein gültiges Datum nach ISO 8601 sein',
    it: '{property} deve essere una data ISO 8601 valida',
  },
  cvCountry: {
    en: '{property} must be a valid ISO31661 Alpha2 code',
    fr: '{property} doit être un code pays ISO 3166-1 alpha-2 valide',
    de: '{property} muss ein gültiger Ländercode nach ISO 3166-1 Alpha-2 sein',
    it: '{property} deve essere un codice paese ISO 3166-1 alpha-2 valido',
  },
  cvEmail: {
    en: '{property} must be an email',
    fr: '{property} doit être une adresse e-mail',
    de: '{property} muss eine E-Mail-Adresse sein',
    it: '{property} deve essere un indirizzo e-mail',
  },
  cvBase64: {
    en: '{property} must be base64 encoded',
    fr: '{property} doit être encodé en base64',
    de: '{property} muss base64-codiert sein',
    it: '{property} deve essere codificato in base64',
  },
  cvMatches: {
    en: '{property} must match {pattern} regular expression',
    fr: '{property} doit correspondre à l’expression régulière {pattern}',
    de: '{property} muss dem regulären Ausdruck {pattern} entsprechen',
    it: '{property} deve corrispondere all’espressione regolare {pattern}',
  },
  cvMin: {
    en: '{property} must not be less than {n}',
    fr: '{property} ne doit pas être inférieur à {n}',
    de: '{property} darf nicht kleiner als {n} sein',
    it: '{property} non deve essere inferiore a {n}',
  },
  cvMax: {
    en: '{property} must not be greater than {n}',
    fr: '{property} ne doit pas être supérieur à {n}',
    de: '{property} darf nicht grösser als {n} sein',
    it: '{property} non deve essere superiore a {n}',
  },

  // — field messages: the services' own checks, most frequent first
  required: { en: 'is required', fr: 'est obligatoire', de: 'ist erforderlich', it: 'è obbligatorio' },
  tooLong: { en: 'is too long', fr: 'est trop long', de: 'ist zu lang', it: 'è troppo lungo' },
  givenTwice: {
    en: 'given more than once (form field or query parameter)',
    fr: 'indiqué plus d’une fois (champ de formulaire ou paramètre de requête)',
    de: 'mehr als einmal angegeben (Formularfeld oder Abfrageparameter)',
    it: 'indicato più di una volta (campo del modulo o parametro della query)',
  },
  oneFile: { en: 'only one file per import', fr: 'un seul fichier par importation', de: 'nur eine Datei pro Import', it: 'un solo file per importazione' },
  conventions: {
    en: 'each convention must look like C155 or P029',
    fr: 'chaque convention doit avoir la forme C155 ou P029',
    de: 'jedes Übereinkommen muss die Form C155 oder P029 haben',
    it: 'ogni convenzione deve avere la forma C155 o P029',
  },
  criterionCodeFormat: {
    en: 'code must be upper-case letters, digits and _ (e.g. QUALITY)',
    fr: 'code doit se composer de majuscules, de chiffres et de _ (p. ex. QUALITY)',
    de: 'code muss aus Grossbuchstaben, Ziffern und _ bestehen (z. B. QUALITY)',
    it: 'code deve comporsi di lettere maiuscole, cifre e _ (p. es. QUALITY)',
  },
  tieBreakFormat: {
    en: 'each tieBreak entry must be HUMAN_RIGHTS, PRICE, RECEIVED_AT or a criterion code',
    fr: 'chaque entrée de tieBreak doit être HUMAN_RIGHTS, PRICE, RECEIVED_AT ou un code de critère',
    de: 'jeder Eintrag von tieBreak muss HUMAN_RIGHTS, PRICE, RECEIVED_AT oder ein Kriteriencode sein',
    it: 'ogni voce di tieBreak deve essere HUMAN_RIGHTS, PRICE, RECEIVED_AT o un codice di criterio',
  },
  tieBreakUnknown: {
    en: '{key} is neither HUMAN_RIGHTS, PRICE, RECEIVED_AT nor a criterion code',
    fr: '{key} n’est ni HUMAN_RIGHTS, ni PRICE, ni RECEIVED_AT, ni un code de critère',
    de: '{key} ist weder HUMAN_RIGHTS, PRICE, RECEIVED_AT noch ein Kriteriencode',
    it: '{key} non è né HUMAN_RIGHTS, né PRICE, né RECEIVED_AT, né un codice di criterio',
  },
  entryTwice: { en: 'an entry appears twice', fr: 'une entrée figure deux fois', de: 'ein Eintrag kommt zweimal vor', it: 'una voce compare due volte' },
  weightsSum: {
    en: 'weights must sum to exactly 100 (they sum to {sum})',
    fr: 'la somme des pondérations doit être exactement 100 (elle est de {sum})',
    de: 'die Gewichtungen müssen genau 100 ergeben (sie ergeben {sum})',
    it: 'la somma delle ponderazioni deve essere esattamente 100 (è {sum})',
  },
  duplicateCriterion: {
    en: 'duplicate criterion code {code}',
    fr: 'code de critère {code} en double',
    de: 'Kriteriencode {code} doppelt vorhanden',
    it: 'codice di criterio {code} duplicato',
  },
  atMostOneKind: {
    en: 'at most one {kind} criterion',
    fr: 'au plus un critère {kind}',
    de: 'höchstens ein Kriterium {kind}',
    it: 'al massimo un criterio {kind}',
  },
  priceMethodOnlyPrice: {
    en: 'only a PRICE criterion has a price method',
    fr: 'seul un critère PRICE a une méthode de notation du prix',
    de: 'nur ein Kriterium PRICE hat eine Preisbewertungsmethode',
    it: 'solo un criterio PRICE ha un metodo di valutazione del prezzo',
  },
  spanLinear: {
    en: 'span applies to the LINEAR_SPAN price method only',
    fr: 'span ne s’applique qu’à la méthode de prix LINEAR_SPAN',
    de: 'span gilt nur für die Preismethode LINEAR_SPAN',
    it: 'span si applica solo al metodo di prezzo LINEAR_SPAN',
  },
  criteriaOrTemplate: {
    en: 'give either criteria or templateId, not both and not neither',
    fr: 'indiquez soit criteria, soit templateId, mais pas les deux ni aucun',
    de: 'geben Sie entweder criteria oder templateId an, nicht beide und nicht keines',
    it: 'indicare criteria o templateId, non entrambi e non nessuno dei due',
  },
  noTemplate: {
    en: 'no criteria template with this id',
    fr: 'aucun modèle de critères avec cet identifiant',
    de: 'keine Kriterienvorlage mit dieser Id',
    it: 'nessun modello di criteri con questo identificativo',
  },
  rootShare: {
    en: 'the root (the bidder itself) has sharePercent 100',
    fr: 'la racine (le soumissionnaire lui-même) a sharePercent 100',
    de: 'die Wurzel (die Anbieterin selbst) hat sharePercent 100',
    it: 'la radice (l’offerente stesso) ha sharePercent 100',
  },
  chainTooDeep: {
    en: 'the supply chain is deeper than {n} levels',
    fr: 'la chaîne d’approvisionnement compte plus de {n} niveaux',
    de: 'die Lieferkette ist tiefer als {n} Ebenen',
    it: 'la catena di approvvigionamento supera i {n} livelli',
  },
  subShares: {
    en: "the subcontractors' sharePercent sum to {sum}, more than 100",
    fr: 'la somme des sharePercent des sous-traitants est de {sum}, plus que 100',
    de: 'die sharePercent der Subunternehmen ergeben {sum}, mehr als 100',
    it: 'la somma dei sharePercent dei subappaltatori è {sum}, più di 100',
  },
  subSameName: {
    en: 'two subcontractors of the same node are named "{name}"',
    fr: 'deux sous-traitants du même nœud s’appellent "{name}"',
    de: 'zwei Subunternehmen desselben Knotens heissen "{name}"',
    it: 'due subappaltatori dello stesso nodo si chiamano "{name}"',
  },
  nodesPerBid: {
    en: 'at most {max} nodes per bid (got {n})',
    fr: 'au plus {max} nœuds par offre (reçu : {n})',
    de: 'höchstens {max} Knoten pro Angebot (erhalten: {n})',
    it: 'al massimo {max} nodi per offerta (ricevuti: {n})',
  },
  nodesLimit: {
    en: 'at most {max} nodes (got {n})',
    fr: 'au plus {max} nœuds (reçu : {n})',
    de: 'höchstens {max} Knoten (erhalten: {n})',
    it: 'al massimo {max} nodi (ricevuti: {n})',
  },
  nestedTooDeep: {
    en: 'nested deeper than {n} levels',
    fr: 'imbriqué sur plus de {n} niveaux',
    de: 'tiefer als {n} Ebenen verschachtelt',
    it: 'annidato su più di {n} livelli',
  },
  adminNoBuyer: {
    en: 'an ADMIN belongs to no buyer',
    fr: 'un ADMIN n’appartient à aucun adjudicateur',
    de: 'ein ADMIN gehört zu keiner Auftraggeberin',
    it: 'un ADMIN non appartiene a nessun committente',
  },
  roleNeedsBuyer: {
    en: 'an {role} must belong to a buyer',
    fr: 'un {role} doit appartenir à un adjudicateur',
    de: 'ein {role} muss zu einer Auftraggeberin gehören',
    it: 'un {role} deve appartenere a un committente',
  },
  untilBeforeFrom: {
    en: 'until must not be before from',
    fr: 'until ne doit pas être antérieur à from',
    de: 'until darf nicht vor from liegen',
    it: 'until non deve essere anteriore a from',
  },
  nameLetters: {
    en: 'name must contain letters or digits',
    fr: 'name doit contenir des lettres ou des chiffres',
    de: 'name muss Buchstaben oder Ziffern enthalten',
    it: 'name deve contenere lettere o cifre',
  },
  sanctionMaxYears: {
    en: 'a sanction lasts at most {n} years (Art. 45(1)): until at most {last}',
    fr: 'une sanction dure au plus {n} ans (art. 45, al. 1) : until au plus tard {last}',
    de: 'eine Sanktion dauert höchstens {n} Jahre (Art. 45 Abs. 1): until spätestens {last}',
    it: 'una sanzione dura al massimo {n} anni (art. 45 cpv. 1): until al più tardi {last}',
  },
  buyerScope: {
    en: 'a BUYER-scope sanction names the buyer concerned',
    fr: 'une sanction de portée BUYER désigne l’adjudicateur concerné',
    de: 'eine Sanktion mit Geltungsbereich BUYER nennt die betroffene Auftraggeberin',
    it: 'una sanzione di portata BUYER indica il committente interessato',
  },
  allFederalScope: {
    en: 'an ALL_FEDERAL sanction applies to every federal buyer and names none',
    fr: 'une sanction ALL_FEDERAL s’applique à tous les adjudicateurs fédéraux et n’en désigne aucun',
    de: 'eine Sanktion ALL_FEDERAL gilt für alle Auftraggeberinnen des Bundes und nennt keine',
    it: 'una sanzione ALL_FEDERAL si applica a tutti i committenti federali e non ne indica nessuno',
  },
  groundCode: {
    en: 'ground must be an Art. 44 code 44-1-a … 44-1-j or 44-2-a … 44-2-h',
    fr: 'ground doit être un code de l’art. 44 : 44-1-a … 44-1-j ou 44-2-a … 44-2-h',
    de: 'ground muss ein Code nach Art. 44 sein: 44-1-a … 44-1-j oder 44-2-a … 44-2-h',
    it: 'ground deve essere un codice dell’art. 44: 44-1-a … 44-1-j o 44-2-a … 44-2-h',
  },
  groundCodeExample: {
    en: 'ground must be an Art. 44 code such as 44-1-a or 44-2-f',
    fr: 'ground doit être un code de l’art. 44 tel que 44-1-a ou 44-2-f',
    de: 'ground muss ein Code nach Art. 44 wie 44-1-a oder 44-2-f sein',
    it: 'ground deve essere un codice dell’art. 44 come 44-1-a o 44-2-f',
  },
  noBidOnTender: {
    en: 'no bid with this id on this tender',
    fr: 'aucune offre avec cet identifiant pour cet appel d’offres',
    de: 'kein Angebot mit dieser Id in dieser Ausschreibung',
    it: 'nessuna offerta con questo identificativo per questa commessa',
  },
  noFindingOnTender: {
    en: 'no finding with this id on this tender',
    fr: 'aucun constat avec cet identifiant pour cet appel d’offres',
    de: 'kein Befund mit dieser Id in dieser Ausschreibung',
    it: 'nessun riscontro con questo identificativo per questa commessa',
  },
  noEvaluationOnTender: {
    en: 'no evaluation of this tender with this id',
    fr: 'aucune évaluation de cet appel d’offres avec cet identifiant',
    de: 'keine Bewertung dieser Ausschreibung mit dieser Id',
    it: 'nessuna valutazione di questa commessa con questo identificativo',
  },
  noBidderInRegister: {
    en: 'no bidder with this id in your register',
    fr: 'aucun soumissionnaire avec cet identifiant dans votre registre',
    de: 'keine Anbieterin mit dieser Id in Ihrem Register',
    it: 'nessun offerente con questo identificativo nel suo registro',
  },
  findingOtherBid: {
    en: 'the finding concerns another bid',
    fr: 'le constat concerne une autre offre',
    de: 'der Befund betrifft ein anderes Angebot',
    it: 'il riscontro concerne un’altra offerta',
  },
  infoNoGround: {
    en: 'an INFO finding is no exclusion ground',
    fr: 'un constat INFO n’est pas un motif d’exclusion',
    de: 'ein Befund INFO ist kein Ausschlussgrund',
    it: 'un riscontro INFO non è un motivo di esclusione',
  },
  notQualityGraded: {
    en: '{code} is a {kind} criterion; only QUALITY criteria are graded',
    fr: '{code} est un critère {kind} ; seuls les critères QUALITY sont notés',
    de: '{code} ist ein Kriterium {kind}; benotet werden nur Kriterien QUALITY',
    it: '{code} è un criterio {kind}; si attribuiscono note solo ai criteri QUALITY',
  },
  notDecidable: {
    en: 'The tender is {status}; {what} only while it is CLOSED or AWARDED',
    fr: 'L’appel d’offres est au statut {status} ; {what} n’est possible que tant qu’il est CLOSED ou AWARDED',
    de: 'Die Ausschreibung ist im Status {status}; {what} ist nur im Status CLOSED oder AWARDED möglich',
    it: 'La commessa è nello stato {status}; {what} è possibile solo nello stato CLOSED o AWARDED',
  },
  datasetRequired: {
    en: 'A {kind} dataset must always have an active version: activate another version instead',
    fr: 'Un jeu de données {kind} doit toujours avoir une version active : activez plutôt une autre version',
    de: 'Ein Datensatz {kind} muss immer eine aktive Version haben: Aktivieren Sie stattdessen eine andere Version',
    it: 'Un set di dati {kind} deve sempre avere una versione attiva: attivare piuttosto un’altra versione',
  },
  priceLevelsMissing: {
    en: 'The tender adjusts prices for price levels, but no PRICE_LEVELS dataset is active',
    fr: 'L’appel d’offres ajuste les prix aux niveaux de prix, mais aucun jeu de données PRICE_LEVELS n’est actif',
    de: 'Die Ausschreibung passt die Preise an Preisniveaus an, aber kein Datensatz PRICE_LEVELS ist aktiv',
    it: 'La commessa adegua i prezzi ai livelli dei prezzi, ma nessun set di dati PRICE_LEVELS è attivo',
  },
  jobFailedAfter: {
    en: 'The job failed after {n} attempts; ask again',
    fr: 'La tâche a échoué après {n} tentatives ; relancez la demande',
    de: 'Der Verarbeitungsauftrag ist nach {n} Versuchen fehlgeschlagen; fordern Sie ihn erneut an',
    it: 'L’elaborazione non è riuscita dopo {n} tentativi; ripetere la richiesta',
  },
  jobFailed: {
    en: 'The job failed; ask again',
    fr: 'La tâche a échoué ; relancez la demande',
    de: 'Der Verarbeitungsauftrag ist fehlgeschlagen; fordern Sie ihn erneut an',
    it: 'L’elaborazione non è riuscita; ripetere la richiesta',
  },
  weakPassword: {
    en: 'The password is too weak',
    fr: 'Le mot de passe est trop faible',
    de: 'Das Passwort ist zu schwach',
    it: 'La password è troppo debole',
  },
  // An import's refusal: "error"/"errors", with or without " (the first ones are listed)"; one template each.
  fileError: {
    en: 'The {file} file has 1 error; nothing was stored',
    fr: 'Le fichier {file} contient 1 erreur ; rien n’a été enregistré',
    de: 'Die Datei {file} enthält 1 Fehler; nichts wurde gespeichert',
    it: 'Il file {file} contiene 1 errore; nulla è stato registrato',
  },
  fileErrors: {
    en: 'The {file} file has {n} errors; nothing was stored',
    fr: 'Le fichier {file} contient {n} erreurs ; rien n’a été enregistré',
    de: 'Die Datei {file} enthält {n} Fehler; nichts wurde gespeichert',
    it: 'Il file {file} contiene {n} errori; nulla è stato registrato',
  },
  fileErrorsFirst: {
    en: 'The {file} file has {n} errors (the first ones are listed); nothing was stored',
    fr: 'Le fichier {file} contient {n} erreurs (les premières sont indiquées) ; rien n’a été enregistré',
    de: 'Die Datei {file} enthält {n} Fehler (die ersten sind aufgeführt); nichts wurde gespeichert',
    it: 'Il file {file} contiene {n} errori (sono elencati i primi); nulla è stato registrato',
  },
  listError: {
    en: 'The list has 1 error; nothing was stored',
    fr: 'La liste contient 1 erreur ; rien n’a été enregistré',
    de: 'Die Liste enthält 1 Fehler; nichts wurde gespeichert',
    it: 'L’elenco contiene 1 errore; nulla è stato registrato',
  },
  listErrors: {
    en: 'The list has {n} errors; nothing was stored',
    fr: 'La liste contient {n} erreurs ; rien n’a été enregistré',
    de: 'Die Liste enthält {n} Fehler; nichts wurde gespeichert',
    it: 'L’elenco contiene {n} errori; nulla è stato registrato',
  },
  listErrorsFirst: {
    en: 'The list has {n} errors (the first ones are listed); nothing was stored',
    fr: 'La liste contient {n} erreurs (les premières sont indiquées) ; rien n’a été enregistré',
    de: 'Die Liste enthält {n} Fehler (die ersten sind aufgeführt); nichts wurde gespeichert',
    it: 'L’elenco contiene {n} errori (sono elencati i primi); nulla è stato registrato',
  },
  ifMatchTemplate: {
    en: 'If-Match names version {expected}, the template is at version {current}; GET it again',
    fr: 'If-Match indique la version {expected}, le modèle est à la version {current} ; relisez-le avec GET',
    de: 'If-Match nennt Version {expected}, die Vorlage ist bei Version {current}; lesen Sie sie mit GET neu',
    it: 'If-Match indica la versione {expected}, il modello è alla versione {current}; rileggerlo con GET',
  },
  ifMatchRiskModel: {
    en: 'If-Match names version {expected}, the active risk model is version {current}; GET it again',
    fr: 'If-Match indique la version {expected}, le modèle de risque actif est la version {current} ; relisez-le avec GET',
    de: 'If-Match nennt Version {expected}, das aktive Risikomodell ist Version {current}; lesen Sie es mit GET neu',
    it: 'If-Match indica la versione {expected}, il modello di rischio attivo è la versione {current}; rileggerlo con GET',
  },
  ifMatchThresholds: {
    en: 'If-Match names version {expected}, the active red-flag thresholds are version {current}; GET them again',
    fr: 'If-Match indique la version {expected}, les seuils d’alerte actifs sont la version {current} ; relisez-les avec GET',
    de: 'If-Match nennt Version {expected}, die aktiven Warnschwellen sind Version {current}; lesen Sie sie mit GET neu',
    it: 'If-Match indica la versione {expected}, le soglie di allerta attive sono la versione {current}; rileggerle con GET',
  },
  keyUsed: {
    en: 'already used with a different request',
    fr: 'déjà utilisée avec une autre requête',
    de: 'bereits mit einer anderen Anfrage verwendet',
    it: 'già usata con un’altra richiesta',
  },
  charset: {
    en: 'Unsupported charset "{charset}"; send UTF-8',
    fr: 'Jeu de caractères "{charset}" non pris en charge ; envoyez de l’UTF-8',
    de: 'Nicht unterstützter Zeichensatz "{charset}"; senden Sie UTF-8',
    it: 'Set di caratteri "{charset}" non supportato; inviare UTF-8',
  },
  multipartBroken: {
    en: 'The multipart body is malformed or cut short',
    fr: 'Le corps multipart est mal formé ou tronqué',
    de: 'Der Multipart-Inhalt ist fehlerhaft oder abgeschnitten',
    it: 'Il corpo multipart è malformato o troncato',
  },
  jsonTooDeep: {
    en: 'The JSON body is nested deeper than {n} levels (MAX_JSON_DEPTH)',
    fr: 'Le corps JSON est imbriqué sur plus de {n} niveaux (MAX_JSON_DEPTH)',
    de: 'Der JSON-Inhalt ist tiefer als {n} Ebenen verschachtelt (MAX_JSON_DEPTH)',
    it: 'Il corpo JSON è annidato su più di {n} livelli (MAX_JSON_DEPTH)',
  },
} satisfies Record<string, Entry>;

/**
 * Values a placeholder may capture that are words, not codes: translated when
 * captured (a label in "{label} not found"). Anything else captured (a status,
 * a role, a number, a field name) is a code and stays as it is.
 */
export const PROBLEM_WORDS: Record<string, Record<string, Entry>> = {
  what: {
    'exclusions are proposed': {
      en: 'exclusions are proposed',
      fr: 'la proposition d’exclusions',
      de: 'das Beantragen von Ausschlüssen',
      it: 'la proposta di esclusioni',
    },
    'exclusions are confirmed': {
      en: 'exclusions are confirmed',
      fr: 'la confirmation d’exclusions',
      de: 'die Bestätigung von Ausschlüssen',
      it: 'la conferma di esclusioni',
    },
    'exclusions are rejected': {
      en: 'exclusions are rejected',
      fr: 'le rejet d’exclusions',
      de: 'die Ablehnung von Ausschlüssen',
      it: 'il rifiuto di esclusioni',
    },
    'findings are resolved': { en: 'findings are resolved', fr: 'le traitement de constats', de: 'die Erledigung von Befunden', it: 'l’evasione di riscontri' },
  },
  file: {
    'supply chain': { en: 'supply chain', fr: 'de la chaîne d’approvisionnement', de: 'der Lieferkette', it: 'della catena di approvvigionamento' },
  },
  label: {
    Tender: { en: 'Tender', fr: 'Appel d’offres', de: 'Ausschreibung', it: 'Commessa' },
    Evaluation: { en: 'Evaluation', fr: 'Évaluation', de: 'Bewertung', it: 'Valutazione' },
    Bid: { en: 'Bid', fr: 'Offre', de: 'Angebot', it: 'Offerta' },
    Bidder: { en: 'Bidder', fr: 'Soumissionnaire', de: 'Anbieterin', it: 'Offerente' },
    Buyer: { en: 'Buyer', fr: 'Adjudicateur', de: 'Auftraggeberin', it: 'Committente' },
    User: { en: 'User', fr: 'Utilisateur', de: 'Benutzerkonto', it: 'Utente' },
    Job: { en: 'Job', fr: 'Tâche', de: 'Verarbeitungsauftrag', it: 'Elaborazione' },
    Sanction: { en: 'Sanction', fr: 'Sanction', de: 'Sanktion', it: 'Sanzione' },
    'Sanctions list': { en: 'Sanctions list', fr: 'Liste des sanctions', de: 'Sanktionsliste', it: 'Elenco delle sanzioni' },
    Exclusion: { en: 'Exclusion', fr: 'Exclusion', de: 'Ausschluss', it: 'Esclusione' },
    Finding: { en: 'Finding', fr: 'Constat', de: 'Befund', it: 'Riscontro' },
    Criterion: { en: 'Criterion', fr: 'Critère', de: 'Kriterium', it: 'Criterio' },
    'Criteria template': { en: 'Criteria template', fr: 'Modèle de critères', de: 'Kriterienvorlage', it: 'Modello di criteri' },
    'Criteria template version': {
      en: 'Criteria template version',
      fr: 'Version du modèle de critères',
      de: 'Version der Kriterienvorlage',
      it: 'Versione del modello di criteri',
    },
    'Risk dataset': { en: 'Risk dataset', fr: 'Jeu de données de risque', de: 'Risikodatensatz', it: 'Set di dati di rischio' },
    'Dataset kind': { en: 'Dataset kind', fr: 'Type de jeu de données', de: 'Datensatzart', it: 'Tipo di set di dati' },
    'Active risk model': { en: 'Active risk model', fr: 'Modèle de risque actif', de: 'Aktives Risikomodell', it: 'Modello di rischio attivo' },
    'Red-flag thresholds': { en: 'Red-flag thresholds', fr: 'Seuils d’alerte', de: 'Warnschwellen', it: 'Soglie di allerta' },
    'Active red-flag thresholds': {
      en: 'Active red-flag thresholds',
      fr: 'Seuils d’alerte actifs',
      de: 'Aktive Warnschwellen',
      it: 'Soglie di allerta attive',
    },
    Resource: { en: 'Resource', fr: 'Ressource', de: 'Ressource', it: 'Risorsa' },
    'Evaluation of this tender (evaluate it first)': {
      en: 'Evaluation of this tender (evaluate it first)',
      fr: 'Évaluation de cet appel d’offres (évaluez-le d’abord)',
      de: 'Bewertung dieser Ausschreibung (bewerten Sie sie zuerst)',
      it: 'Valutazione di questa commessa (valutarla prima)',
    },
  },
};

export type ProblemDetailKey = keyof typeof PROBLEM_DETAILS;

/** What a placeholder may capture: a field name is one token, a count a number; anything else is any text (non-greedy). */
const CAPTURE: Record<string, string> = {
  property: '(\\S+)',
  n: '(-?\\d+(?:\\.\\d+)?)',
  min: '(-?\\d+(?:\\.\\d+)?)',
  max: '(-?\\d+(?:\\.\\d+)?)',
  status: '(\\S+)',
  expected: '(\\S+)',
  current: '(\\S+)',
  seq: '(\\S+)',
  latest: '(\\S+)',
};

interface Compiled {
  /** The literal text before the first and after the last placeholder: a text that does not start and end so cannot match, and the check is far cheaper than the regex. */
  head: string;
  tail: string;
  re: RegExp;
  names: string[];
  entry: Entry;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English template as an anchored regex, compiled once (at load), with its literal head and tail. */
const COMPILED: Compiled[] = Object.values(PROBLEM_DETAILS as Record<string, Entry>).map((entry) => {
  const names: string[] = [];
  const parts = entry.en.split(/(\{[A-Za-z]+\})/);
  // split() with a capture group: literals at even indexes, placeholders at odd ones; the first and last are literals ('' when none).
  const [head, tail] = parts.length === 1 ? [parts[0], ''] : [parts[0], parts[parts.length - 1]];
  const source = parts
    .map((part) => {
      const m = /^\{([A-Za-z]+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]);
      return CAPTURE[m[1]] ?? '(.+?)';
    })
    .join('');
  return { head, tail, re: new RegExp(`^${source}$`), names, entry };
});

/** class-validator's prefix of a rule given `{ each: true }` ("each value in tags must be a string"); the rest is a template's text. */
const EACH_PREFIX = 'each value in ';
const EACH: Entry = { en: EACH_PREFIX, fr: 'chaque valeur de ', de: 'jeder Wert in ', it: 'ogni valore di ' };

/** "{roles}" is a list of role codes joined by the word "or", which is translated. */
const OR: Entry = { en: ' or ', fr: ' ou ', de: ' oder ', it: ' o ' };

/**
 * `english` in `lang` when a template matches it, else `english` unchanged.
 * English itself is returned as is (callers skip the call for English).
 */
export function localiseText(english: string, lang: Lang): string {
  if (lang === 'en' || typeof english !== 'string') return english;
  if (english.startsWith(EACH_PREFIX)) {
    const rest = english.slice(EACH_PREFIX.length);
    const localised = localiseText(rest, lang);
    return localised === rest ? english : EACH[lang] + localised;
  }
  for (const { head, tail, re, names, entry } of COMPILED) {
    if (!english.startsWith(head) || !english.endsWith(tail)) continue;
    const m = re.exec(english);
    if (!m) continue;
    const values: Record<string, string> = {};
    names.forEach(
      (name, i) => (values[name] = PROBLEM_WORDS[name]?.[m[i + 1]]?.[lang] ?? (name === 'roles' ? m[i + 1].split(' or ').join(OR[lang]) : m[i + 1])),
    );
    return entry[lang].replace(/\{([A-Za-z]+)\}/g, (_, name: string) => values[name]);
  }
  return english;
}
