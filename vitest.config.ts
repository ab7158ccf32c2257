import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const shared = { setupFiles: ['test/setup.ts'], testTimeout: 30_000, hookTimeout: 120_000 };

/**
 * Two lanes: `unit` (the domain, the models and views, the contract on
 * training mode: no server process, no database server; `npm run
 * test:unit`) and `server` (the reference server, PGlite and PostgreSQL).
 * `npm test` runs both, then the browser tests (vitest.e2e.config.ts).
 */
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          pool: 'threads',
          isolate: false,
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/component/**/*.test.{ts,tsx}', 'test/contract/local.test.ts', 'test/contract/runtime-local.test.ts'],
          ...shared,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts', 'test/contract/**/*.test.ts'],
          exclude: ['test/contract/local.test.ts', 'test/contract/runtime-local.test.ts'],
          ...shared,
        },
      },
    ],
  },
});
