import { defineConfig } from 'vitest/config';

// End-to-end tests: Playwright drives Debian's Chromium against the built renderer (out/renderer) served by
// the browser test harness. `npm run test:e2e` builds first.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One Chromium at a time: CI has two cores, and each test file starts a browser and a harness.
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
