import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The media types of a raw CSV body (risk datasets, sanctions lists, supply chains). */
export const CSV_TYPES = ['text/csv', 'application/csv'];

/**
 * A dataset, a sanctions list or a bid's supply chain can be sent as a raw
 * text/csv body. Fastify answers 415 to a type it has no parser for, so one is
 * added here, once for the whole application, keeping the bytes as they came
 * (the importers decode strictly and hash them) and subject to the instance's
 * body limit (BODY_LIMIT). There is no HTTP adapter in a CLI application context.
 */
export function registerCsvBodyParser(host: HttpAdapterHost | undefined): void {
  const adapter = host?.httpAdapter;
  if (!adapter || adapter.getType() !== 'fastify') return;
  const fastify = adapter.getInstance<FastifyInstance>();
  for (const type of CSV_TYPES) {
    if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }
}
