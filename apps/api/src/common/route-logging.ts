import type { LoggerService } from '@nestjs/common';

/** Nest's start-up contexts that print one line per controller and route. */
const ROUTE_MAPPING = new Set(['RouterExplorer', 'RoutesResolver']);

/**
 * The application logger with Nest's route-mapping lines (one per route, a
 * hundred at start) moved from info to debug: at LOG_LEVEL=info a start shows
 * what an operator needs, and LOG_LEVEL=debug still lists every route.
 */
export class RouteMappingAtDebug implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && ROUTE_MAPPING.has(context) && this.inner.debug) this.inner.debug(message, ...rest);
    else this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
