import { isDatabaseUnavailable } from './connection-errors';

/** Error shapes as pg, pg-pool, @prisma/adapter-pg 7.10 and the Prisma client build them (see their sources). */
const socket = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect', address: '127.0.0.1', port: 5432 });
const pgServer = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
const prismaKnown = (code: string, cause?: unknown) =>
  Object.assign(new Error('Invalid `prisma.user.findUnique()` invocation'), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: cause ? { driverAdapterError: { cause } } : {},
  });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['ECONNREFUSED (server down)', socket('ECONNREFUSED')],
    ['ECONNRESET', socket('ECONNRESET')],
    ['AggregateError of IPv4 and IPv6 refusals', Object.assign(new AggregateError([socket('ECONNREFUSED'), socket('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
    ['pg: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['pg-pool: connect timeout', new Error('timeout exceeded when trying to connect')],
    ['57P01 admin shutdown', pgServer('57P01', 'terminating connection due to administrator command')],
    ['57P03 starting up', pgServer('57P03', 'the database system is starting up')],
    ['08006 connection failure', pgServer('08006', 'connection failure')],
    ['53300 too many connections', pgServer('53300', 'sorry, too many clients already')],
    ['Prisma P1001', prismaKnown('P1001')],
    ['Prisma P1017 (server closed the connection)', prismaKnown('P1017')],
    ['Prisma P2024 (pool timeout)', prismaKnown('P2024')],
    ['adapter kind DatabaseNotReachable', prismaKnown('P2010', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['adapter kind ConnectionClosed', Object.assign(new Error('x'), { cause: { kind: 'ConnectionClosed' } })],
    ['adapter kind postgres with SQLSTATE 57P01', prismaKnown('P2010', { kind: 'postgres', code: '57P01', severity: 'FATAL', message: 'terminating' })],
    ['PrismaClientInitializationError P1001', Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { errorCode: 'P1001' })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (P2002)', prismaKnown('P2002')],
    ['a SQL error 23505', pgServer('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error 42601', prismaKnown('P2010', { kind: 'postgres', code: '42601', severity: 'ERROR', message: 'syntax error' })],
    ['a plain Error', new Error('something else')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('does not take %s for an outage', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('survives cycles in the cause chain', () => {
    const a: Record<string, unknown> = { message: 'a' };
    const b: Record<string, unknown> = { message: 'b', cause: a };
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
