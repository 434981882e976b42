import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANG, localiseText, negotiateLang, problemTitle, type Lang } from '@app/i18n';
import { isDatabaseUnavailable } from '../database/connection-errors';
import { isRetryableConflict } from '../database/database-errors';
import {
  DomainError,
  FAMILY_STATUS,
  FieldError,
  PROBLEM_CODES,
  PROBLEM_TITLE,
  ProblemCode,
  ProblemFamily,
  problemType,
  RETRY_AFTER_SECONDS,
  statusOf,
} from './problem';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The language of a problem (Accept-Language): its title, `detail` and field messages. */
const langOfProblem = new WeakMap<ProblemDocument, Lang>();

const STATUS_FAMILY: Record<number, ProblemFamily> = Object.fromEntries(
  Object.entries(FAMILY_STATUS).map(([family, status]) => [status, family as ProblemFamily]),
) as Record<number, ProblemFamily>;

/** The document for a code; `type` and `title` follow the code's family (stable for v1 clients). */
function problemOf(code: ProblemCode, detail: string, requestId: string | undefined): ProblemDocument {
  const family = PROBLEM_CODES[code].family;
  return { type: problemType(family), title: PROBLEM_TITLE[family], status: statusOf(code), detail, code, requestId };
}

/** A family name is also a code of that family (BAD_REQUEST, CONFLICT, …); anything else falls back to the generic one. */
function codeForStatus(status: number): ProblemCode {
  const family = STATUS_FAMILY[status];
  if (family === 'SERVICE_UNAVAILABLE') return 'DATABASE_UNAVAILABLE';
  return family && family in PROBLEM_CODES ? (family as ProblemCode) : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}

/**
 * Every error leaves the service as application/problem+json. Unknown errors
 * become a generic 500 carrying only the request id: no stack, SQL or ORM text.
 */
export function toProblem(error: unknown, requestId: string | undefined, logger?: Logger): ProblemDocument {
  if (error instanceof DomainError) {
    const specific = (error.code as string) !== PROBLEM_CODES[error.code].family;
    // Extensions first: they can never override the standard members. `reason`
    // (the code, or a finer one the extensions give) is what v1 clients read before `code`.
    return {
      ...(specific ? { reason: error.code } : {}),
      ...(error.extensions ?? {}),
      ...problemOf(error.code, error.detail, requestId),
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest's own exceptions (unknown route, throttler): never thrown by our services.
    const code = codeForStatus(status);
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? String((response as { message: string }).message)
          : PROBLEM_TITLE[PROBLEM_CODES[code].family];
    if (status >= 500) logger?.error({ err: error, requestId }, 'HTTP 5xx');
    const detail = status >= 500 ? `Unexpected error; quote request id ${requestId}` : code === 'RATE_LIMITED' ? 'Too many requests; try again later' : message;
    return { ...problemOf(code, detail, requestId), status };
  }
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500 && typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_')) {
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return problemOf('PAYLOAD_TOO_LARGE', 'The request body is larger than the configured limit (BODY_LIMIT)', requestId);
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return problemOf('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Type; send application/json', requestId);
    if (fastifyCode.startsWith('FST_ERR_CTP_')) return problemOf('MALFORMED_JSON', 'The request body is not valid JSON', requestId);
    const code = codeForStatus(fastifyStatus);
    return { ...problemOf(code, PROBLEM_TITLE[PROBLEM_CODES[code].family], requestId), status: fastifyStatus };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return problemOf('MALFORMED_JSON', 'The request body is not valid JSON', requestId);
  }
  // PostgreSQL aborted the transaction to break a deadlock or a serialisation conflict with a concurrent one:
  // nothing was changed, and the same request sent again succeeds.
  if (isRetryableConflict(error)) {
    logger?.warn({ err: error, requestId }, 'transaction aborted by a concurrent one');
    return problemOf('CONFLICT', 'The request met a concurrent change and was rolled back; nothing was changed. Retry it', requestId);
  }
  if (isDatabaseUnavailable(error)) {
    logger?.warn({ err: error, requestId }, 'database unavailable');
    return problemOf('DATABASE_UNAVAILABLE', `The database is not reachable; nothing was changed. Retry in ${RETRY_AFTER_SECONDS} seconds`, requestId);
  }
  logger?.error({ err: error, requestId }, 'Unhandled error');
  return problemOf('INTERNAL', `Unexpected error; quote request id ${requestId}`, requestId);
}

/**
 * The title, `detail` and field messages in the caller's language (RFC 9457
 * allows a title to vary only by localisation); `type`, `code`, `status` and
 * each error's `field` never do. The throw sites write English; a text the
 * catalogue does not know stays English. Nothing runs for English.
 */
export function localiseProblem(problem: ProblemDocument, acceptLanguage: string | string[] | undefined): ProblemDocument {
  const lang = negotiateLang(acceptLanguage);
  langOfProblem.set(problem, lang);
  if (lang === DEFAULT_LANG) return problem;
  const family = PROBLEM_CODES[problem.code]?.family;
  if (family) problem.title = problemTitle(family, lang);
  problem.detail = localiseText(problem.detail, lang);
  // New objects: the errors array may be the one a DomainError still holds.
  if (problem.errors) problem.errors = problem.errors.map((e) => ({ ...e, message: localiseText(e.message, lang) }));
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: ProblemDocument): void {
  if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  const lang = langOfProblem.get(problem);
  if (lang) void reply.header('content-language', lang);
  void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception, request?.id, this.logger);
    if (request?.url) problem.instance = request.url.split('?')[0];
    sendProblem(reply, localiseProblem(problem, request?.headers?.['accept-language']));
  }
}
