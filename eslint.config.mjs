// Lint: typescript-eslint's recommended rules on the service, libraries, tests and tools.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Files that still use Prisma directly; each moves behind a repository, then leaves this list (it must end empty).
const PRISMA_NOT_YET_BEHIND_REPOSITORIES = [
  'apps/api/src/admin/criteria-templates.dto.ts',
  'apps/api/src/admin/criteria-templates.service.ts',
  'apps/api/src/admin/reference-data.service.ts',
  'apps/api/src/admin/reference-lock.ts',
  'apps/api/src/admin/risk-datasets.dto.ts',
  'apps/api/src/admin/risk-datasets.service.ts',
  'apps/api/src/admin/risk-model.service.ts',
  'apps/api/src/alerts/alerts.dto.ts',
  'apps/api/src/alerts/alerts.service.ts',
  'apps/api/src/alerts/rescreening.service.ts',
  'apps/api/src/audit/audit-checkpoint.service.ts',
  'apps/api/src/audit/audit-trail.service.ts',
  'apps/api/src/audit/audit.service.ts',
  'apps/api/src/auth/auth.guard.ts',
  'apps/api/src/auth/auth.service.ts',
  'apps/api/src/bidders/bidders.service.ts',
  'apps/api/src/bids/bids.dto.ts',
  'apps/api/src/bids/bids.service.ts',
  'apps/api/src/bids/supply-chain.ts',
  'apps/api/src/buyers/buyers.service.ts',
  'apps/api/src/common/idempotency.service.ts',
  'apps/api/src/decisions/awards.service.ts',
  'apps/api/src/decisions/decision-records.ts',
  'apps/api/src/decisions/decisions.dto.ts',
  'apps/api/src/decisions/exclusions.service.ts',
  'apps/api/src/decisions/findings.service.ts',
  'apps/api/src/evaluations/evaluation-inputs.ts',
  'apps/api/src/evaluations/evaluation.dto.ts',
  'apps/api/src/evaluations/evaluations.service.ts',
  'apps/api/src/evaluations/grading.service.ts',
  'apps/api/src/evaluations/impartiality.service.ts',
  'apps/api/src/goods/goods.service.ts',
  'apps/api/src/health/health.controller.ts',
  'apps/api/src/interop/interop.service.ts',
  'apps/api/src/sanctions/list-upload.ts',
  'apps/api/src/sanctions/sanction-lists.dto.ts',
  'apps/api/src/sanctions/sanction-lists.service.ts',
  'apps/api/src/sanctions/sanctions.dto.ts',
  'apps/api/src/sanctions/sanctions.service.ts',
  'apps/api/src/seed/demo.ts',
  'apps/api/src/seed/startup.ts',
  'apps/api/src/tenders/tender-lifecycle.ts',
  'apps/api/src/tenders/tenders.dto.ts',
  'apps/api/src/tenders/tenders.service.ts',
  'apps/api/src/users/users.dto.ts',
  'apps/api/src/users/users.service.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'generated/**',
      'apps/api/src/metadata.ts',
      'test/client/schema.d.ts',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests read loosely typed JSON answers.
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Prisma lives behind the repositories: nothing else in the service imports it (docs/architecture.md).
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.repository.ts', 'apps/api/src/database/**', '**/*.spec.ts', '**/*.int-spec.ts', ...PRISMA_NOT_YET_BEHIND_REPOSITORIES],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@generated/prisma', '@generated/prisma/*', '@prisma/*', '**/database/prisma.service', '**/database/prisma.module'],
              message: 'Only repositories (*.repository.ts) and apps/api/src/database use Prisma; call a repository.',
            },
            { group: ['@app/*/*'], message: 'Import a library through its entry point (@app/<lib>), not its internals.' },
          ],
        },
      ],
    },
  },
  {
    // The libraries are pure: no framework, no database, no I/O of the service.
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@generated/*', '@prisma/*', 'pg', 'pg-boss', '**/apps/**'], message: 'libs/ are pure: no Nest, no Prisma, no database.' },
            { group: ['@app/*/*'], message: 'Import a library through its entry point (@app/<lib>), not its internals.' },
          ],
        },
      ],
    },
  },
);
