import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The Prisma CLI tries to download its native schema engine before every
// command. `generate`, `validate` and `format` do not need it; pointing the
// variable at an existing file stops the download where the registry is the
// only network. Migrations are applied by our own runner (apps/api/src/database).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'prisma', 'schema.prisma');

export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/tender_evaluation' },
});
