import { defineConfig } from 'vitest/config';

/** Browser tests: each file starts the platform on a fresh SQLite file and drives Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    setupFiles: ['e2e/failure-report.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
