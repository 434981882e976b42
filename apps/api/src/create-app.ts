import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { clientErrorHandler, frameworkErrorHandler, hardenHttp } from './common/http-hardening';
import { RouteMappingAtDebug } from './common/route-logging';
import { createValidationPipe } from './common/validation';

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
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tender Evaluation API')
      .setDescription(
        'Evaluate public tenders with supply-chain human-rights risk (Swiss BöB/LMP). Decimals are JSON strings; errors are RFC 9457 problem documents.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
