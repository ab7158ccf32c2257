import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's) with the built extension, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
