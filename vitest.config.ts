import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The console's pure helpers are tested beside them (web/src/**), in Node like the rest.
    include: ['test/**/*.spec.ts', 'web/src/**/*.spec.ts'],
    pool: 'forks',
    // One embedded PostgreSQL per worker, shared by the files it runs: creating one
    // costs ~4 s here, so test files isolate themselves by schema instead.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/globalSetup.ts'],
    // CI also writes a JSON report, from which .ci/summary.mjs counts the tests run.
    reporters: process.env.CI === 'true' ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/results.json' },
  },
});
