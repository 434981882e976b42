/**
 * Texts of the service in English, French, German and Italian: the report's
 * words, finding messages, data-gap notes, legal-basis and Art. 44 ground
 * labels, and the Accept-Language negotiation. Pure: no Nest, no Prisma, no I/O.
 */
export { DEFAULT_LANG, isLang, LANGS, negotiateLang, type Lang } from './languages';
export { hasMessage, message, MESSAGES, placeholdersOf, type Entry, type MessageKey } from './messages';
export { dataGapNote, displayedFindingMessage, findingMessage, groundLabel, legalBasisLabel } from './findings';
export { DICTIONARIES, dictionary, label, type Dict } from './report-words';
export { PROBLEM_TITLES, problemTitle, type ProblemTitleKey } from './problems';
export { localiseText, PROBLEM_DETAILS, PROBLEM_WORDS, type ProblemDetailKey } from './problem-details';
