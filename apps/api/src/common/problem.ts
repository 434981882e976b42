/**
 * Domain errors with one closed code vocabulary, mapped to RFC 9457 problem
 * details in one place (ProblemFilter). Services throw these with a code;
 * nothing else decides a status.
 */
import { problemTitle, type ProblemTitleKey } from '@app/i18n';

/**
 * The status families. A problem's `type` and `title` come from its family and
 * are what v1 clients saw before `code` existed (`/problems/conflict`,
 * "Conflict with the current state"); `code` says precisely what happened.
 */
export type ProblemFamily = ProblemTitleKey &
  (
    | 'BAD_REQUEST'
    | 'UNAUTHENTICATED'
    | 'FORBIDDEN'
    | 'NOT_FOUND'
    | 'CONFLICT'
    | 'PRECONDITION_FAILED'
    | 'PAYLOAD_TOO_LARGE'
    | 'URI_TOO_LONG'
    | 'UNSUPPORTED_MEDIA_TYPE'
    | 'VALIDATION_FAILED'
    | 'PRECONDITION_REQUIRED'
    | 'RATE_LIMITED'
    | 'INTERNAL'
    | 'SERVICE_UNAVAILABLE'
  );

export const FAMILY_STATUS: Record<ProblemFamily, number> = {
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
  SERVICE_UNAVAILABLE: 503,
};

/** The English titles (the default language); the other languages are in libs/i18n (problems.ts). */
export const PROBLEM_TITLE = Object.fromEntries((Object.keys(FAMILY_STATUS) as ProblemFamily[]).map((f) => [f, problemTitle(f, 'en')])) as Record<
  ProblemFamily,
  string
>;

/** Seconds a client should wait before retrying a 503 (the database is usually back within a restart). */
export const RETRY_AFTER_SECONDS = 5;

/** The closed list of `code` values a problem document can carry. */
export type ProblemCode =
  | 'MALFORMED_JSON'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NO_DECLARATION'
  | 'CONFLICT_DECLARED'
  | 'FOUR_EYES'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'TENDER_NOT_DRAFT'
  | 'CRITERIA_FROZEN'
  | 'TENDER_NOT_PUBLISHED'
  | 'TENDER_NOT_CLOSED'
  | 'TENDER_NOT_DECIDABLE'
  | 'INVALID_TRANSITION'
  | 'GRADING_INCOMPLETE'
  | 'INVALID_INPUT'
  | 'REFERENCE_DATA_MISSING'
  | 'DATASET_REQUIRED'
  | 'NOT_A_VERIFY_FINDING'
  | 'ALREADY_RESOLVED'
  | 'FINDING_ALREADY_DECIDED'
  | 'ALREADY_DECIDED'
  | 'NOT_LATEST_EVALUATION'
  | 'STALE_EVALUATION'
  | 'NO_ADMISSIBLE_BID'
  | 'TIE_UNSETTLED'
  | 'OPEN_FINDINGS'
  | 'NO_ACTIVE_AWARD'
  | 'DEADLINE_NOT_REACHED'
  | 'AUDIT_CHAIN_BROKEN'
  | 'SELF_DEACTIVATION'
  | 'LAST_ADMIN'
  | 'ALREADY_INACTIVE'
  | 'ALREADY_ACTIVE'
  | 'APPEAL_PERIOD_RUNNING'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'VALIDATION_FAILED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PRECONDITION_REQUIRED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'JOB_FAILED'
  | 'DATABASE_UNAVAILABLE';

export interface ProblemCodeSpec {
  family: ProblemFamily;
  /** What the code means, for the OpenAPI document (English; codes never change with the language). */
  description: string;
}

/**
 * Every code with its family, hence its HTTP status: exhaustive, so a code
 * cannot exist without a status.
 */
export const PROBLEM_CODES: Record<ProblemCode, ProblemCodeSpec> = {
  MALFORMED_JSON: { family: 'BAD_REQUEST', description: 'The request body is not valid JSON.' },
  BAD_REQUEST: { family: 'BAD_REQUEST', description: 'The request cannot be read (other than its JSON).' },
  UNAUTHENTICATED: { family: 'UNAUTHENTICATED', description: 'No bearer token, an invalid or expired one, or wrong credentials.' },
  FORBIDDEN: { family: 'FORBIDDEN', description: "The caller's role may not call this route." },
  NO_DECLARATION: { family: 'FORBIDDEN', description: 'The officer has not declared impartiality on this tender (VöB Art. 3).' },
  CONFLICT_DECLARED: { family: 'FORBIDDEN', description: 'The officer declared a conflict of interest on this tender (VöB Art. 3).' },
  FOUR_EYES: { family: 'FORBIDDEN', description: 'The officer who proposed an exclusion cannot confirm or reject it.' },
  NOT_FOUND: { family: 'NOT_FOUND', description: "No such resource for the caller (another buyer's ids are not found either)." },
  CONFLICT: { family: 'CONFLICT', description: 'The resource changed meanwhile; read it again.' },
  DUPLICATE: { family: 'CONFLICT', description: 'A resource with this unique key already exists (tender reference, e-mail, bid of a bidder).' },
  TENDER_NOT_DRAFT: { family: 'CONFLICT', description: 'Only a DRAFT tender can be published.' },
  CRITERIA_FROZEN: { family: 'CONFLICT', description: 'The tender is no longer a DRAFT: criteria and settings are frozen at publication.' },
  TENDER_NOT_PUBLISHED: { family: 'CONFLICT', description: 'Bids are accepted, and a tender closed, only while it is PUBLISHED.' },
  TENDER_NOT_CLOSED: { family: 'CONFLICT', description: 'Only a CLOSED tender is evaluated or awarded.' },
  TENDER_NOT_DECIDABLE: { family: 'CONFLICT', description: 'Grades and decisions are taken only while the tender is in a state that allows them.' },
  INVALID_TRANSITION: { family: 'CONFLICT', description: 'The tender lifecycle does not allow this step from its current status.' },
  GRADING_INCOMPLETE: { family: 'CONFLICT', description: 'Some admissible bid lacks the required grades; `errors` names them.' },
  INVALID_INPUT: { family: 'CONFLICT', description: 'The recorded data cannot be evaluated; `errors` names what.' },
  REFERENCE_DATA_MISSING: { family: 'CONFLICT', description: 'No active risk model or required risk dataset: an admin must provide one.' },
  DATASET_REQUIRED: { family: 'CONFLICT', description: 'This dataset kind must always have an active version.' },
  NOT_A_VERIFY_FINDING: { family: 'CONFLICT', description: 'Only VERIFY findings are resolved; EXCLUSION_GROUND findings are decided by an exclusion.' },
  ALREADY_RESOLVED: { family: 'CONFLICT', description: 'The finding is already resolved.' },
  FINDING_ALREADY_DECIDED: { family: 'CONFLICT', description: 'An exclusion decision on this finding is already pending or taken.' },
  ALREADY_DECIDED: { family: 'CONFLICT', description: 'The exclusion is already confirmed or rejected; a decision is taken once.' },
  NOT_LATEST_EVALUATION: { family: 'CONFLICT', description: 'An award is made from the latest evaluation only.' },
  STALE_EVALUATION: { family: 'CONFLICT', description: 'An exclusion was confirmed after this evaluation against a bid it ranks: evaluate again.' },
  NO_ADMISSIBLE_BID: { family: 'CONFLICT', description: 'The evaluation ranks no admissible bid.' },
  TIE_UNSETTLED: { family: 'CONFLICT', description: 'Bids share the first rank and the request does not say how the tie was settled.' },
  OPEN_FINDINGS: { family: 'CONFLICT', description: 'The winning bid has undecided findings or a pending exclusion; `reasons` lists every one.' },
  NO_ACTIVE_AWARD: { family: 'CONFLICT', description: 'The tender has no active award.' },
  AUDIT_CHAIN_BROKEN: { family: 'CONFLICT', description: 'The audit chain does not verify: no checkpoint is signed over it.' },
  DEADLINE_NOT_REACHED: { family: 'CONFLICT', description: 'A tender is closed only after its submission deadline.' },
  SELF_DEACTIVATION: { family: 'CONFLICT', description: 'An admin cannot deactivate their own account.' },
  LAST_ADMIN: { family: 'CONFLICT', description: 'The last active ADMIN cannot be deactivated.' },
  ALREADY_INACTIVE: { family: 'CONFLICT', description: 'The user is already deactivated.' },
  ALREADY_ACTIVE: { family: 'CONFLICT', description: 'The user is already active.' },
  APPEAL_PERIOD_RUNNING: { family: 'CONFLICT', description: 'The contract may not be concluded before the appeal deadline (Art. 56).' },
  PRECONDITION_FAILED: { family: 'PRECONDITION_FAILED', description: 'If-Match names another version than the current one.' },
  PAYLOAD_TOO_LARGE: { family: 'PAYLOAD_TOO_LARGE', description: 'The request body is larger than BODY_LIMIT.' },
  URI_TOO_LONG: { family: 'URI_TOO_LONG', description: 'The request URI (e.g. a path parameter) is longer than the server reads.' },
  UNSUPPORTED_MEDIA_TYPE: { family: 'UNSUPPORTED_MEDIA_TYPE', description: 'The body has a Content-Type this route does not read.' },
  VALIDATION_FAILED: { family: 'VALIDATION_FAILED', description: 'Fields are invalid or unknown; `errors` names each.' },
  IDEMPOTENCY_KEY_REUSED: { family: 'VALIDATION_FAILED', description: 'This Idempotency-Key was already used with another body.' },
  PRECONDITION_REQUIRED: { family: 'PRECONDITION_REQUIRED', description: 'This request needs an If-Match header.' },
  RATE_LIMITED: { family: 'RATE_LIMITED', description: 'Too many requests; try again later.' },
  INTERNAL: { family: 'INTERNAL', description: 'Unexpected error; quote the request id.' },
  JOB_FAILED: {
    family: 'INTERNAL',
    description: 'Only inside a failed job (GET /api/v1/jobs/{id}): the job failed after its last attempt (e.g. its workers crashed); never an HTTP status.',
  },
  DATABASE_UNAVAILABLE: { family: 'SERVICE_UNAVAILABLE', description: 'The database is not reachable; retry after Retry-After seconds.' },
};

export const PROBLEM_CODE_LIST = Object.keys(PROBLEM_CODES) as ProblemCode[];

export const statusOf = (code: ProblemCode): number => FAMILY_STATUS[PROBLEM_CODES[code].family];

/** The codes answered with this HTTP status. */
export const codesWithStatus = (status: number): ProblemCode[] => PROBLEM_CODE_LIST.filter((c) => statusOf(c) === status);

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    public readonly code: ProblemCode,
    public readonly detail: string,
    public readonly errors?: FieldError[],
    /** Extension members of the problem document (e.g. the blocking findings). */
    public readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (code: ProblemCode, detail: string, extensions?: Record<string, unknown>): DomainError =>
  new DomainError(code, detail, undefined, extensions);
export const forbidden = (code: ProblemCode, detail: string, extensions?: Record<string, unknown>): DomainError =>
  new DomainError(code, detail, undefined, extensions);
export const invalid = (errors: FieldError[], detail = 'The request has invalid fields'): DomainError => new DomainError('VALIDATION_FAILED', detail, errors);

export function problemType(family: ProblemFamily): string {
  return `/problems/${family.toLowerCase().replace(/_/g, '-')}`;
}
