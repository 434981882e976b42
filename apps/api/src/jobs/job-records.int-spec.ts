import { randomUUID } from 'node:crypto';
import { Propagation, TransactionHost } from '../database/transaction';
import { DomainError } from '../common/problem';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { JobRecordsService } from './job-records.service';
import { JobRepository } from './job.repository';

/**
 * The job attempt protocol on real PostgreSQL: the completion marker commits
 * with the result or not at all, the job row lock serialises two attempts of
 * one job (the second finds it done), and failures end as the problem.
 */
describe('job records (middle tier)', () => {
  let it_: IntegrationContext;
  let repo: JobRepository;
  let records: JobRecordsService;
  let txHost: TransactionHost;
  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
    repo = it_.ctx.get(JobRepository);
    records = it_.ctx.get(JobRecordsService);
    txHost = it_.ctx.get(TransactionHost);
  });
  afterAll(() => it_.close());

  const newJob = async () => {
    const id = randomUUID();
    await repo.create({ id, kind: 'evaluation', buyerId: null, tenderId: null, createdById: null, params: {} });
    return id;
  };
  const ctx = (id: string, retryCount = 0) => ({ id, queue: 'evaluation.run', retryCount, retryLimit: 2 });
  const result = (id: string) => ({ resultType: 'evaluation', resultId: id, resultLocation: `/api/v1/evaluations/${id}` });

  it('a failure after the marker rolls it back: the job is retried, not marked done; on the last attempt it fails', async () => {
    const id = await newJob();
    const work = () =>
      txHost.withTransaction(async () => {
        await repo.lock(id);
        await repo.succeeded(id, result(id));
        throw new Error('crash after the marker');
      });
    await expect(records.attempt(ctx(id), work)).rejects.toThrow('crash after the marker');
    expect(await repo.find(id)).toMatchObject({ status: 'running', attempts: 1, resultId: null });
    await expect(records.attempt(ctx(id, 2), work)).rejects.toThrow('crash after the marker');
    expect(await repo.find(id)).toMatchObject({ status: 'failed', attempts: 2, problem: { code: 'JOB_FAILED' } });
  });

  it('a domain error ends the job as failed with its problem document, without a retry', async () => {
    const id = await newJob();
    await records.attempt(ctx(id), () => Promise.reject(new DomainError('TENDER_NOT_CLOSED', 'not closed')));
    expect(await repo.find(id)).toMatchObject({ status: 'failed', problem: { status: 409, code: 'TENDER_NOT_CLOSED', detail: 'not closed' } });
  });

  it('two attempts of one job at once: the row lock makes the second wait, then find it done', async () => {
    const id = await newJob();
    let produced = 0;
    const attempt = () =>
      txHost.withTransaction(async () => {
        const row = await repo.lock(id);
        if (row!.status === 'succeeded') return;
        await new Promise((r) => setTimeout(r, 300));
        produced++;
        await repo.succeeded(id, result(id));
      });
    await Promise.all([attempt(), attempt()]);
    expect(produced).toBe(1);
    expect(await repo.find(id)).toMatchObject({ status: 'succeeded', resultId: id });
    // SKIP LOCKED: while one holds the row, another process does not wait for it.
    let skipped: unknown = 'unset';
    await txHost.withTransaction(async () => {
      await repo.lock(id);
      await txHost.withTransaction(Propagation.RequiresNew, async () => {
        skipped = await repo.lock(id, { skipLocked: true });
      });
    });
    expect(skipped).toBeNull();
  });
});
