import { Client } from 'pg';
import { SERVER_URL_VAR } from './databases';

/**
 * A quiet section: a timing measurement that must not compete with other test
 * files for the CPU (e.g. /health latency while the engine runs). Every test
 * file of the database tiers holds a shared lock for as long as it runs
 * (test/support/database-environment.ts); `quietly` takes the same lock
 * exclusively, so it starts once the files running now have ended, and no
 * other file starts until it is done. Only the measured part should be inside:
 * the other workers wait meanwhile. A file that calls it opts out of the shared
 * lock with the docblock pragma `@quiet-section` (else it would wait for itself).
 */
export const QUIET_LOCK_KEY = 814_201_001;
export const QUIET_FILE_VAR = 'TEST_QUIET_SECTION_FILE';

export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const server = process.env[SERVER_URL_VAR];
  if (!server) return fn(); // not run through test/global-setup.ts: nothing to coordinate with
  if (process.env[QUIET_FILE_VAR] !== 'true') throw new Error('quietly() needs the docblock pragma @quiet-section in its test file');
  const c = new Client({ connectionString: server, application_name: 'jest-quiet-section' });
  await c.connect();
  try {
    const t0 = Date.now();
    await c.query('SELECT pg_advisory_lock($1)', [QUIET_LOCK_KEY]);
    process.stdout.write(`[quiet] waited ${Date.now() - t0} ms for the other test files\n`);
    return await fn();
  } finally {
    await c.end(); // ends the session, which releases the lock
  }
}
