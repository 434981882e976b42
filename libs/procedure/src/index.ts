/**
 * Pure procedure rules around the award (evaluation-method.md §2, §5, §7):
 * where findings stand, who may be awarded, the Art. 51(3) decisive
 * advantages, the Art. 56 appeal deadline, and when a tender may close and a
 * bid be recorded. No Nest, no Prisma, no I/O.
 */
export * from './zurich-time';
export * from './appeal-deadline';
export * from './decisive-advantages';
export * from './findings';
export * from './award-check';
export * from './lifecycle-gates';
export * from './access';
export * from './grounds';
