import type { Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputLimits, parseJsonBody, requestTextErrors } from './input-limits';
import { DomainError, invalid } from './problem';
import { sendProblem, toProblem } from './problem.filter';

/** The media types a route accepts when it does not say otherwise. */
const DEFAULT_CONSUMES = ['application/json'];

/**
 * Declares the request media types of a route: documented in OpenAPI and
 * enforced by the content-type policy (415 for anything else), from one list.
 */
/**
 * What a multipart upload's reader throws, as the client's problem: size and
 * part limits keep their own status (413); anything else the multipart parser
 * stops on (a body cut short: "Premature close", a bad boundary) is a
 * malformed body, 400 naming the file part — never a 500.
 */
export function multipartReadError(e: unknown, fileField: string): unknown {
  if ((e as { statusCode?: number }).statusCode === 413) return e;
  return new DomainError('BAD_REQUEST', 'The multipart body is malformed or cut short', [{ field: fileField, message: (e as Error).message }]);
}

export const Consumes = (...types: string[]): MethodDecorator => applyDecorators(ApiConsumes(...types), RouteConfig({ consumes: types }));

const mediaType = (header: string | undefined): { essence: string; charset: string | null } => {
  const [essence, ...params] = (header ?? '').split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p)?.[1]?.toLowerCase()).find((c) => c !== undefined) ?? null;
  return { essence: essence.trim().toLowerCase(), charset };
};

/** A request carries a body when it announces one; GET and HEAD bodies are never read (Fastify skips them). */
const hasBody = (req: FastifyRequest): boolean =>
  req.method !== 'GET' && req.method !== 'HEAD' && (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0);

const SECURITY_HEADERS: Record<string, string> = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

/** Errors Fastify answers itself (bad URL encoding, over-long path parameter) as problem documents. */
export function frameworkErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(error, req.id);
  if (error.code === 'FST_ERR_BAD_URL') problem.detail = 'The URL is not validly percent-encoded UTF-8';
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') problem.detail = 'A path parameter is longer than the service accepts';
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) void reply.header(k, v);
  void reply.header('x-request-id', req.id);
  sendProblem(reply, problem);
}

/** Malformed HTTP (invalid header bytes, oversized headers) never reaches a route: answer it as a problem document too. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const title = status === 431 ? 'Request header fields too large' : 'Bad request';
  const body = JSON.stringify({
    type: '/problems/bad-request',
    title,
    status,
    detail:
      status === 431
        ? 'The request headers are larger than the service accepts'
        : 'The request is not valid HTTP (for example, a header value with control characters)',
  });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const HELMET_OPTIONS: HelmetOptions = {
  // Swagger UI (/api/docs) loads its scripts and styles from this origin and sets inline styles; nothing may frame any page.
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

/** What helmet's middleware sets and removes on a response, recorded once from a stand-in response. */
export function helmetHeaders(options: HelmetOptions): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (e?: unknown) => (failure = e));
  if (failure) throw failure;
  return { set, removed };
}

/**
 * The service's input and response policy, on the Fastify instance before any
 * route is added: one JSON parser with the depth, node and string rules; a
 * 415 for any body type a route does not declare; string rules on query and
 * path; security headers on every answer.
 */
export async function hardenHttp(fastify: FastifyInstance, limits: InputLimits & { bodyLimitBytes: number }): Promise<void> {
  // Fastify's own parsers: secure-json-parse recurses (a stack overflow at 20k levels), text/plain is no API type.
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: limits.bodyLimitBytes }, (_req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new DomainError('BAD_REQUEST', 'The request body is not valid UTF-8'), undefined);
    }
    try {
      done(null, parseJsonBody(text, limits));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  // Callback-style hooks (here and below): an async hook costs every request a promise and a microtask turn.
  fastify.addHook('preParsing', (req, _reply, payload, done) => {
    if (!hasBody(req)) return done(null, payload);
    const config = req.routeOptions.config as { consumes?: string[] } | undefined;
    const accepted = config?.consumes ?? DEFAULT_CONSUMES;
    const { essence, charset } = mediaType(req.headers['content-type']);
    if (!accepted.includes(essence)) {
      return done(
        new DomainError('UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type${essence ? ` "${essence}"` : ' (none given)'}; send ${accepted.join(' or ')}`),
      );
    }
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new DomainError('UNSUPPORTED_MEDIA_TYPE', `Unsupported charset "${charset}"; send UTF-8`));
    }
    done(null, payload);
  });

  fastify.addHook('preValidation', (req, _reply, done) => {
    let errors;
    try {
      errors = requestTextErrors(req.query, req.params);
    } catch (e) {
      return done(e as Error);
    }
    done(errors.length ? invalid(errors, 'The request has invalid text') : undefined);
  });

  // helmet's headers are a function of its options alone: computed once here, not rebuilt per request
  // (@fastify/helmet calls helmet(options) on every request, ~35 µs).
  const { set, removed } = helmetHeaders(HELMET_OPTIONS);
  fastify.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw;
    for (let i = 0; i < set.length; i++) raw.setHeader(set[i][0], set[i][1]);
    for (let i = 0; i < removed.length; i++) raw.removeHeader(removed[i]);
    done();
  });

  // Answers under /api/v1 carry tokens or buyers' data: no cache may keep them.
  fastify.addHook('onSend', (req, reply, payload, done) => {
    // A route's own stricter value (the reports' "private, no-store") is kept; anything else becomes no-store.
    if (req.url.startsWith('/api/v1/') && !/\bno-store\b/.test(String(reply.getHeader('cache-control') ?? ''))) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
