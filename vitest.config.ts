import { defineConfig } from 'vitest/config';

// The PostgreSQL pass (CONSORTIA_TEST_DB=postgres) re-runs the server's tests only; the web app's
// tests do not touch storage.
const postgresPass = process.env['CONSORTIA_TEST_DB'] === 'postgres';

export default defineConfig({
  test: {
    include: postgresPass
      ? ['src/**/*.test.ts']
      : ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'scripts/**/*.test.ts', 'eval/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
