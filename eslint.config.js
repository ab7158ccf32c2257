import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', '.vitest/', 'test/bench/results/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Message text and tokens must never reach a log; console is for the server's own start-up lines.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['scripts/**', 'server/main.ts', 'server/cli/**', 'test/**', 'demo/**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  {
    // The domain is pure: nothing but zod.
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\.{1,2}/).*', message: 'lib/domain imports nothing but zod.' }] }],
      'no-restricted-globals': ['error', 'Date', 'fetch', 'crypto', 'indexedDB', 'window', 'document', 'localStorage'],
    },
  },
  {
    // lib/ never reaches up into the views, the entrypoints or the server.
    files: ['lib/**'],
    ignores: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/components/**', '**/entrypoints/**', '**/server/**'], message: 'lib/ must not import components/, entrypoints/ or server/.' }] }],
    },
  },
);
