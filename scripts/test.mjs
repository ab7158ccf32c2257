#!/usr/bin/env node
// `npm test`: unit, component, contract and server tests, then the browser
// tests when Chromium is there. Ends with one plain line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { chromiumPath } from './chromium-path.mjs';

const e2eOnly = process.argv.includes('--e2e-only');
const ci = process.env.CI === 'true';
const reports = '.vitest';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

function vitest(config, name) {
  const out = `${reports}/${name}.json`;
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  if (config) args.push('--config', config);
  const status = run('npx', args);
  if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, status };
  const r = JSON.parse(readFileSync(out, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, status };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (r) => {
  totals.passed += r.passed;
  totals.failed += r.failed + (r.status !== 0 && r.failed === 0 ? 1 : 0);
  totals.skipped += r.skipped;
};

if (!e2eOnly) add(vitest(null, 'unit'));

const chromium = chromiumPath();
if (chromium) {
  console.log(`\nBrowser tests with ${chromium}: building the extension and the widget first.`);
  const built = run('npx', ['wxt', 'build', '-b', 'chrome']) === 0
    && run('npx', ['wxt', 'build', '-b', 'firefox']) === 0
    && run(process.execPath, ['--import', 'tsx', 'widget/build.ts']) === 0;
  if (!built) {
    totals.failed += 1;
  } else {
    add(vitest('vitest.e2e.config.ts', 'e2e'));
  }
} else if (ci) {
  console.error('\nBrowser tests are required in CI, but Chromium was not found (apt-get install chromium).');
  totals.failed += 1;
} else {
  console.log('\nSKIPPED: browser tests — no Chromium found (install with `sudo apt-get install chromium`, or set CHROMIUM_PATH).');
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);
