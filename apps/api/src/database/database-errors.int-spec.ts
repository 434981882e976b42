import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { localiseProblem, toProblem } from '../common/problem.filter';
import { isRetryableConflict } from './database-errors';
import { PrismaService } from './prisma.service';

/**
 * A deadlock between two transactions (PostgreSQL aborts one with 40P01) is
 * the client's to retry, never a 500: the aborted request changed nothing.
 */
describe('a deadlock answers 409, not 500 (middle tier, real PostgreSQL)', () => {
  let it_: IntegrationContext;
  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
  });
  afterAll(() => it_.close());

  it('the aborted transaction’s error is recognised and becomes a CONFLICT problem', async () => {
    const prisma = it_.ctx.get(PrismaService);
    const gate = { a: false, b: false };
    const waitFor = async (k: 'a' | 'b') => {
      while (!gate[k]) await new Promise((r) => setTimeout(r, 10));
    };
    // A takes lock 1 then 2, B takes 2 then 1: one of them must be aborted.
    const run = (first: number, second: number, mine: 'a' | 'b', other: 'a' | 'b') =>
      prisma.transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${first}::bigint)`;
        gate[mine] = true;
        await waitFor(other);
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${second}::bigint)`;
      });
    const outcomes = await Promise.allSettled([run(91_001, 91_002, 'a', 'b'), run(91_002, 91_001, 'b', 'a')]);
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    const error = failed[0].reason;
    expect(isRetryableConflict(error)).toBe(true);
    const problem = toProblem(error, 'req-deadlock');
    expect(problem).toMatchObject({ status: 409, code: 'CONFLICT', requestId: 'req-deadlock' });
    expect(problem.detail).toMatch(/retry/i);
    expect(JSON.stringify(problem)).not.toMatch(/deadlock detected|pg_advisory|SQL/i);
    // In the caller's language, like every problem.
    expect(localiseProblem(toProblem(error, 'r'), 'de-CH').detail).toBe(
      'Die Anfrage traf auf eine gleichzeitige Änderung und wurde zurückgesetzt; nichts wurde geändert. Senden Sie sie erneut',
    );
  });
});
