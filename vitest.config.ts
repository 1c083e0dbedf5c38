import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
    // Browser and bundle tests start Chromium or load the built add-on: give them room on a 2-core machine.
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
