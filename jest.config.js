// Three tiers: `unit` (pure code, no I/O), `integration` (services and
// repositories on a real PostgreSQL, no HTTP: `*.int-spec.ts` beside the
// module) and `e2e` (the real HTTP stack on a real PostgreSQL).
// test/global-setup.ts migrates one template database per run; every file of the
// database tiers runs on a clone of its own (test/support/database-environment.ts),
// so files run in parallel (docs/testing.md).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@app/evaluation(|/.*)$': '<rootDir>/libs/evaluation/src$1',
  '^@app/risk-data(|/.*)$': '<rootDir>/libs/risk-data/src$1',
  '^@app/audit-chain(|/.*)$': '<rootDir>/libs/audit-chain/src$1',
  '^@app/report(|/.*)$': '<rootDir>/libs/report/src$1',
  '^@app/procedure(|/.*)$': '<rootDir>/libs/procedure/src$1',
  '^@app/interop(|/.*)$': '<rootDir>/libs/interop/src$1',
  '^@app/i18n(|/.*)$': '<rootDir>/libs/i18n/src$1',
  '^@generated/prisma$': '<rootDir>/generated/prisma/client',
};
// content-disposition 3 (via @fastify/static) is ESM-only; Node 20 loads it natively, Jest needs it compiled.
const transformIgnorePatterns = ['/node_modules/(?!(content-disposition|any-ascii)/)'];
const common = {
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns,
  moduleNameMapper,
  testEnvironment: '<rootDir>/test/support/database-environment.ts',
  rootDir: __dirname,
};
const databaseTier = { globalSetup: '<rootDir>/test/global-setup.ts', globalTeardown: '<rootDir>/test/global-teardown.ts' };
module.exports = {
  // Real PostgreSQL, app boots and three parallel files on a shared 2-core machine: 5 s per test or hook is too tight under load.
  // (A global option: Jest ignores testTimeout inside a project.)
  testTimeout: 60_000,
  // Parallel files on a 2-core machine: 3 workers measured fastest (docs/testing.md). JEST_WORKERS overrides.
  maxWorkers: Number(process.env.JEST_WORKERS) || 3,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  projects: [
    // Pure code: no database, but the quiet-section lock (test/support/quiet.ts) when run with the other tiers.
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      testEnvironmentOptions: { database: false },
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      ...databaseTier,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      ...databaseTier,
    },
  ],
};
