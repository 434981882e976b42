import path from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';
import { Client } from 'pg';
import { cloneTemplate, databaseName, dropLater, SERVER_URL_VAR, TEMPLATE_VAR } from './databases';
import { QUIET_FILE_VAR, QUIET_LOCK_KEY } from './quiet';

/**
 * The Jest environment of the integration and e2e tiers: Node's, plus a
 * database of the test file's own, cloned from the run's migrated template
 * before the file's first hook, and dropped at the end of the run (all at once,
 * test/global-teardown.ts; DROP … WITH (FORCE) even when a suite forgot to
 * close its app). Inside the file, DATABASE_URL and TEST_DATABASE_URL name it;
 * the run's shared database is not used by files at all. KEEP_TEST_DB=true
 * keeps the databases for a post-mortem.
 *
 * The file also holds the shared side of the quiet-section lock while it runs
 * (test/support/quiet.ts), unless its docblock has `@quiet-section`.
 */
export default class DatabaseEnvironment extends TestEnvironment {
  private readonly testPath: string;
  private readonly quietSection: boolean;
  /** testEnvironmentOptions.database === false (the unit tier): the lock only, no database. */
  private readonly withDatabase: boolean;
  private database: { server: string; name: string } | null = null;
  private lock: Client | null = null;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.testPath = context.testPath;
    this.quietSection = 'quiet-section' in context.docblockPragmas;
    this.withDatabase = config.projectConfig.testEnvironmentOptions?.database !== false;
  }

  override async setup(): Promise<void> {
    await super.setup();
    const server = process.env[SERVER_URL_VAR];
    const template = process.env[TEMPLATE_VAR];
    if (!server || !template) return; // not run through test/global-setup.ts: the file sees the process's DATABASE_URL
    if (this.withDatabase) await this.ownDatabase(server, template);
    if (this.quietSection) {
      this.global.process.env[QUIET_FILE_VAR] = 'true';
    } else {
      // Waits while a quiet section runs or waits in another file.
      const lock = new Client({ connectionString: server, application_name: 'jest-file-lock' });
      lock.on('error', () => undefined);
      await lock.connect();
      await lock.query('SELECT pg_advisory_lock_shared($1)', [QUIET_LOCK_KEY]);
      this.lock = lock;
    }
  }

  private async ownDatabase(server: string, template: string): Promise<void> {
    const stem = path
      .basename(this.testPath)
      .replace(/\.(int|e2e)-spec\.ts$/, '')
      .replace(/[^a-z0-9]+/gi, '_')
      .slice(0, 30);
    const name = databaseName(`t_${stem}`);
    const url = await cloneTemplate(server, template, name);
    this.database = { server, name };
    const env = this.global.process.env;
    env.DATABASE_URL = url;
    env.TEST_DATABASE_URL = url;
  }

  override async teardown(): Promise<void> {
    const db = this.database;
    this.database = null;
    const lock = this.lock;
    this.lock = null;
    try {
      await lock?.end();
      if (db) await dropLater(db.server, db.name);
    } finally {
      await super.teardown();
    }
  }
}
