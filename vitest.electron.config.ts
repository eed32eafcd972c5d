import { defineConfig } from 'vitest/config';

// The desktop app in the real Electron binary, driven by Playwright's `_electron`. `npm run test:electron`
// builds first. Without the binary (ELECTRON_SKIP_BINARY_DOWNLOAD) every test is reported as skipped.
export default defineConfig({
  test: {
    include: ['test/electron-app/**/*.electron.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
