import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { applyMigrations } from './migrator';

export interface PreparedDatabase {
  connectionString: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Resolves the database (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR) and migrates it. */
export async function prepareDatabase(config: AppConfig, log: (m: string) => void): Promise<PreparedDatabase> {
  let connectionString = config.databaseUrl;
  let stop: () => Promise<void> = async () => undefined;
  if (!connectionString) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      database: 'tender_evaluation',
      persistent: true,
      callerHandlesSignals: true,
      log,
    });
    connectionString = embedded.connectionString;
    stop = embedded.stop;
  }
  try {
    const { applied } = await applyMigrations({ connectionString, log });
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { connectionString, embedded: !config.databaseUrl, stop };
}
