import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const embedded = g.__TEST_EMBEDDED__ as { stop(): Promise<void> } | undefined;
  if (embedded) await embedded.stop();
  const db = g.__TEST_DB__ as { serverUrl: string; name: string } | undefined;
  if (db && process.env.KEEP_TEST_DB !== 'true') {
    const admin = new Client({ connectionString: db.serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
    await admin.end();
  }
}
