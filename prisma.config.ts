import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Offline installs: the npm `postinstall` script runs `prisma generate` with
// PRISMA_SCHEMA_ENGINE_BINARY pointing at an existing file, so the CLI does not
// try to download its native schema engine (generate does not need it). Other
// CLI commands (e.g. `prisma migrate deploy`, with network) are left alone.
// Migrations are applied at start by our own runner (apps/api/src/database/migrator.ts).
export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/tender_evaluation' },
});
