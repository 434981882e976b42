import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/** The levels at which a request line (info) is written. */
const REQUEST_LINES = new Set(['trace', 'debug', 'info']);

/**
 * One line per answered request (id, method, url, status, time), as pino-http
 * wrote it: "request completed", or "request errored" for a 5xx. At warn and
 * above the hook is not even added: a request pays nothing for logging.
 */
export function logRequests(fastify: FastifyInstance, level: string): void {
  if (!REQUEST_LINES.has(level)) return;
  fastify.addHook('onResponse', (req, reply, done) => {
    // LoggerModule's pino (its level, serializers and redaction), set when the application initialises.
    const logger = PinoLogger.root;
    const status = reply.statusCode;
    const line = {
      req: { id: req.id, method: req.method, url: req.url },
      service: 'tender-evaluation',
      res: reply.raw,
      responseTime: Math.round(reply.elapsedTime),
      ...(status >= 500 ? { err: new Error(`failed with status code ${status}`) } : {}),
    };
    logger?.info(line, status >= 500 ? 'request errored' : 'request completed');
    done();
  });
}
