// The lock lives with its repository (reference-data.repository.ts); kept here for callers that import it from this path.
export { lockReferenceData } from './reference-data.repository';
