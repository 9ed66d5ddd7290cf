import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    pool: 'forks',
    // One embedded PostgreSQL per worker, shared by the files it runs: creating one
    // costs ~4 s here, so test files isolate themselves by schema instead.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/globalSetup.ts'],
  },
});
