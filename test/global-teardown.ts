import { rmSync } from 'node:fs';
import { dropDatabase, dropTemplate, toDrop } from './support/databases';
import { RUN_KEY, TestRun } from './global-setup';

/**
 * Undoes test/global-setup.ts after the last project that set it up: drops the
 * run's databases, all at once (concurrent drops share the checkpoint each one
 * forces), or stops the embedded server, which takes them all with it.
 */
export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const run = g[RUN_KEY] as TestRun | undefined;
  if (!run || --run.users > 0) return;
  delete g[RUN_KEY];
  const clones = toDrop(run.dir);
  rmSync(run.dir, { recursive: true, force: true });
  if (run.embedded) {
    await run.embedded.stop();
    return;
  }
  if (process.env.KEEP_TEST_DB === 'true') {
    process.stdout.write(`[test] kept the template ${run.template} and ${clones.length + run.created.length - 1} databases (KEEP_TEST_DB)\n`);
    return;
  }
  const started = Date.now();
  const others = [...clones, ...run.created.filter((n) => n !== run.template)];
  for (let i = 0; i < others.length; i += 16) await Promise.all(others.slice(i, i + 16).map((n) => dropDatabase(run.serverUrl, n)));
  await dropTemplate(run.serverUrl, run.template);
  process.stdout.write(`[test] dropped ${others.length + 1} databases in ${Date.now() - started} ms\n`);
}
