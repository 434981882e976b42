import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/connection-errors';
import { DomainError, FieldError, PROBLEM_STATUS, PROBLEM_TITLE, ProblemCode, RETRY_AFTER_SECONDS, problemType } from './problem';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const STATUS_CODE: Record<number, ProblemCode> = Object.fromEntries(
  Object.entries(PROBLEM_STATUS).map(([code, status]) => [status, code as ProblemCode]),
) as Record<number, ProblemCode>;

/**
 * Every error leaves the service as application/problem+json. Unknown errors
 * become a generic 500 carrying only the request id: no stack, SQL or ORM text.
 */
export function toProblem(error: unknown, requestId: string | undefined, logger?: Logger): ProblemDocument {
  if (error instanceof DomainError) {
    // Extensions first: they can never override the standard members.
    return {
      ...(error.extensions ?? {}),
      type: problemType(error.code),
      title: PROBLEM_TITLE[error.code],
      status: PROBLEM_STATUS[error.code],
      detail: error.detail,
      ...(error.errors ? { errors: error.errors } : {}),
      requestId,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? String((response as { message: string }).message)
          : PROBLEM_TITLE[code];
    if (status >= 500) logger?.error({ err: error, requestId }, 'HTTP 5xx');
    return {
      type: problemType(code),
      title: PROBLEM_TITLE[code],
      status,
      detail: status >= 500 ? `Unexpected error; quote request id ${requestId}` : code === 'RATE_LIMITED' ? 'Too many requests; try again later' : message,
      requestId,
    };
  }
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500 && typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_')) {
    const code = STATUS_CODE[fastifyStatus] ?? 'BAD_REQUEST';
    const detail =
      fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'The request body is larger than the configured limit (BODY_LIMIT)'
        : fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Unsupported Content-Type; send application/json'
          : fastifyCode.startsWith('FST_ERR_CTP_')
            ? 'The request body is not valid JSON'
            : PROBLEM_TITLE[code];
    return { type: problemType(code), title: PROBLEM_TITLE[code], status: fastifyStatus, detail, requestId };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { type: problemType('BAD_REQUEST'), title: PROBLEM_TITLE.BAD_REQUEST, status: 400, detail: 'The request body is not valid JSON', requestId };
  }
  if (isDatabaseUnavailable(error)) {
    logger?.warn({ err: error, requestId }, 'database unavailable');
    return {
      type: problemType('DATABASE_UNAVAILABLE'),
      title: PROBLEM_TITLE.DATABASE_UNAVAILABLE,
      status: 503,
      detail: `The database is not reachable; nothing was changed. Retry in ${RETRY_AFTER_SECONDS} seconds`,
      requestId,
    };
  }
  logger?.error({ err: error, requestId }, 'Unhandled error');
  return {
    type: problemType('INTERNAL'),
    title: PROBLEM_TITLE.INTERNAL,
    status: 500,
    detail: `Unexpected error; quote request id ${requestId}`,
    requestId,
  };
}

export function sendProblem(reply: FastifyReply, problem: ProblemDocument): void {
  if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
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
    sendProblem(reply, problem);
  }
}
