// Lint: typescript-eslint's recommended rules on the service, libraries, tests and tools.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    ignores: ['**/*.repository.ts', 'apps/api/src/database/**', '**/*.spec.ts', '**/*.int-spec.ts'],
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
