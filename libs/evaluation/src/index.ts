/**
 * The evaluation engine (evaluation-method.md, version 1): plain data in, plain
 * data out. No Nest, no Prisma, no I/O.
 */
export * from './types';
export { evaluate } from './evaluate';
export { checkParticipation, findingParams, type ParticipationInput } from './participation';
export { computeBidRisk, validateSupplyChain, type RiskContext } from './risk';
export { normaliseName, normaliseIdentifier } from './names';
export { DEFAULT_RISK_MODEL, FINDING_ORDER, FINDING_RULES } from './constants';
export { COMPARE_DECIMAL_PLACES } from './decimal';
