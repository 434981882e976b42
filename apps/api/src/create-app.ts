import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { refuseUnconfirmedCaller } from './auth/caller-in-read';
import type { AppConfig } from './config/app-config';
import { clientErrorHandler, frameworkErrorHandler, hardenHttp } from './common/http-hardening';
import { RouteMappingAtDebug } from './common/route-logging';
import { logRequests } from './common/request-log';
import { createValidationPipe } from './common/validation';
import { finishDocument, ProblemDto } from './common/openapi';
import pluginMetadata from './metadata';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the Nest application on Fastify; used by main.ts and by the e2e tests alike. */
export async function createApp(config: AppConfig, opts: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // One request id for logs, problem documents and audit events; a caller's X-Request-Id is kept when sane.
    genReqId: (req: import('node:http').IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : randomUUID();
      (req as unknown as { id: string }).id = id;
      return id;
    },
    trustProxy: process.env.TRUST_PROXY === 'true',
    // Errors Fastify answers before any route (bad URL encoding, an over-long path parameter, malformed HTTP) are problem documents too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  // bodyParser: false: Nest's JSON and form parsers are replaced by the one JSON parser of hardenHttp.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  if (opts.logger !== false) app.useLogger(new RouteMappingAtDebug(app.get(Logger)));
  else app.useLogger(false);
  app.useGlobalPipes(createValidationPipe());
  await hardenHttp(app.getHttpAdapter().getInstance(), config);
  // Dataset uploads (POST /api/v1/risk-datasets); a file may be as large as any request body.
  await app.register(multipart, { limits: { fileSize: config.bodyLimitBytes } });
  // No enableShutdownHooks(): main.ts owns SIGTERM/SIGINT (drain, then the database, then exit 0); Nest's own
  // handler would re-raise the signal before the embedded PostgreSQL is stopped.

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });
  const callerCheck = new NestLogger('CallerInRead');
  fastify.addHook('onSend', (req, reply, payload, done) => {
    done(
      null,
      refuseUnconfirmedCaller(req as Parameters<typeof refuseUnconfirmedCaller>[0], reply, payload, (m) => callerCheck.error(m)),
    );
  });
  if (opts.logger !== false) logRequests(fastify, config.logLevel);
  // Built on the first request for it, once: starting the service does not wait for the document.
  await SwaggerModule.loadPluginMetadata(pluginMetadata);
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup('api/docs', app, () => (document ??= buildOpenApiDocument(app)), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

const DESCRIPTION = [
  'Evaluate public tenders with supply-chain human-rights risk (Swiss BöB/LMP 2019).',
  '',
  '- Money, weights, scores and risks are decimal **strings** (`"123456.78"`), never binary floats; timestamps are ISO 8601 with offset.',
  '- Every collection answers `{items, page, pageSize, total}` and honours `page` (from 1) and `pageSize` (default 50, at most 500).',
  '- Errors are RFC 9457 `application/problem+json` documents with a stable `code` from one closed list (schema `ProblemDto`).',
  '- Texts follow `Accept-Language` (en, fr, de, it); codes never change with the language.',
].join('\n');

/**
 * The served OpenAPI document. The swagger plugin's metadata is loaded from
 * apps/api/src/metadata.ts (npm run openapi:metadata) before, so the document
 * is the same whether the code was compiled by `nest build` (plugin) or by swc
 * (tests).
 */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tender Evaluation API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'POST /api/v1/auth/token' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto],
    operationIdFactory: (controller: string, method: string) => `${controller.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${method}`,
  });
  document.info.contact = { name: 'Tender Evaluation maintainers (see README.md)' };
  return finishDocument(document);
}
