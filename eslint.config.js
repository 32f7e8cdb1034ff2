// Lint: type-aware TypeScript rules everywhere, the house dependency rules, and no untranslated
// text in the web app's JSX.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeIo = ['node:*', 'fs', 'path', 'http', 'child_process', 'net'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // Tests may poke at loose JSON bodies.
    files: ['**/*.test.ts', 'src/test/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Platform is below every module: it never imports one.
    files: ['src/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'src/platform must not depend on modules' }] },
      ],
    },
  },
  {
    // Domain rules are pure: no framework, no database, no I/O.
    files: [
      'src/modules/*/rules.ts',
      'src/modules/*/*-rules.ts',
      'src/modules/*/permissions.ts',
      'src/modules/consortia/charter.ts',
      'src/modules/consortia/distribution.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fastify', 'kysely', 'pg', 'better-sqlite3'],
          patterns: [
            { group: nodeIo, message: 'rules.ts is pure: no I/O' },
            {
              group: ['**/repo.js', '**/service.js', '**/routes.js'],
              message: 'rules.ts depends on nothing but schemas and platform types',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes are thin: they call services, never repositories.
    files: ['src/modules/*/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/repo.js', 'kysely'], message: 'routes call services, not repositories' }],
        },
      ],
    },
  },
  {
    // A module reaches another module only through its service or schemas.
    files: ['src/modules/*/service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*/repo.js', '../*/routes.js'], message: 'use the other module’s service' },
          ],
        },
      ],
    },
  },
  {
    // The web app imports only the server's schemas.ts files (its tests may read the error table).
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!modules/[a-z-]+/schemas$)',
              message: 'the web app may import only src/modules/*/schemas from the server',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.tsx'],
    ignores: ['**/*.test.tsx'],
    rules: {
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
    },
  },
);
