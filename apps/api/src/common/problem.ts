/**
 * Domain errors with a closed code set, mapped to RFC 9457 problem details in
 * one place (ProblemFilter). Services throw these; nothing else decides a status.
 */
export type ProblemCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PRECONDITION_REQUIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'VALIDATION_FAILED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'DATABASE_UNAVAILABLE';

export interface FieldError {
  field: string;
  message: string;
}

export const PROBLEM_STATUS: Record<ProblemCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
};

export const PROBLEM_TITLE: Record<ProblemCode, string> = {
  BAD_REQUEST: 'Bad request',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict with the current state',
  PRECONDITION_FAILED: 'Precondition failed',
  PRECONDITION_REQUIRED: 'Precondition required',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  URI_TOO_LONG: 'URI too long',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  VALIDATION_FAILED: 'Validation failed',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal server error',
  DATABASE_UNAVAILABLE: 'Service unavailable',
};

/** Seconds a client should wait before retrying a 503 (the database is usually back within a restart). */
export const RETRY_AFTER_SECONDS = 5;

export class DomainError extends Error {
  constructor(
    public readonly code: ProblemCode,
    public readonly detail: string,
    public readonly errors?: FieldError[],
    /** Extension members of the problem document (e.g. a machine-readable reason). */
    public readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (detail: string, extensions?: Record<string, unknown>): DomainError => new DomainError('CONFLICT', detail, undefined, extensions);
export const forbidden = (detail: string, extensions?: Record<string, unknown>): DomainError => new DomainError('FORBIDDEN', detail, undefined, extensions);
export const invalid = (errors: FieldError[], detail = 'The request has invalid fields'): DomainError => new DomainError('VALIDATION_FAILED', detail, errors);

export function problemType(code: ProblemCode): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}
