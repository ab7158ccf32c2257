/**
 * Two builds of the extension side by side in one browser, opened in turn:
 * the first inbox page with the background warm and asleep, for each. On a
 * machine whose load changes from minute to minute, turn by turn is the
 * fair comparison (the benchmark's figures for two builds come from
 * different minutes).
 *
 *   npx tsx test/bench/panel/ab.ts --a DIR --b DIR [--profile DIR] [--runs N]
 *
 * DIR: Chrome builds (chrome-mv3). --profile: a browser profile kept between
 * runs, so each build's large store is seeded once (an unpacked extension's
 * id follows its folder: keep the folders).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { TRAINING_DB } from '../../../lib/backend/local/local-backend';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath } from '../../../scripts/chromium-path.mjs';
import { QUIET } from '../../e2e/support/extension';
import { median, p95 } from '../support/stats';
import { INIT_SCRIPT, readMark, type Mark } from './probe';
import { seedOnce } from './seed';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const A = option('--a');
const B = option('--b');
const PROFILE = option('--profile') ?? '/tmp/nz-ab-profile';
const RUNS = Number(option('--runs') ?? 9);
if (!A || !B) throw new Error('--a DIR and --b DIR are required');

mkdirSync(PROFILE, { recursive: true });
const context = await chromium.launchPersistentContext(PROFILE, {
  executablePath: (chromiumPath() as string | null) ?? '/usr/bin/chromium',
  headless: true,
  args: [...QUIET, `--disable-extensions-except=${A},${B}`, `--load-extension=${A},${B}`],
});
await context.addInitScript({ content: INIT_SCRIPT });

// Both workers up, then which id is which build: each build's sidepanel.html names its own chunk.
for (let i = 0; i < 50 && context.serviceWorkers().length < 2; i++) await new Promise((r) => setTimeout(r, 200));
const extIds = [...new Set(context.serviceWorkers().map((w) => new URL(w.url()).host))];
if (extIds.length !== 2) throw new Error(`expected two extensions, found ${extIds.length}`);
const chunkOfA = readFileSync(join(A, 'sidepanel.html'), 'utf8').match(/chunks\/sidepanel-[^"]+/)?.[0];
const byBuild: Record<'a' | 'b', string> = { a: '', b: '' };
for (const id of extIds) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/sidepanel.html`);
  const html = (await page.evaluate('document.documentElement.outerHTML')) as string;
  await page.close();
  byBuild[chunkOfA && html.includes(chunkOfA) ? 'a' : 'b'] = id;
}
if (!byBuild.a || !byBuild.b) throw new Error('could not tell the two builds apart (same sources?)');

// The large store in each build's database, once per profile.
for (const id of Object.values(byBuild)) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/sidepanel.html`);
  await page.evaluate(readMark('inboxScreen'));
  await seedOnce(page, TRAINING_DB);
  await page.close();
}

const helper = await context.newPage();
const devtools = await context.newCDPSession(helper);
await devtools.send('ServiceWorker.enable');

async function open(id: string, asleep: boolean): Promise<number> {
  if (asleep) {
    await devtools.send('ServiceWorker.stopAllWorkers');
    await helper.waitForTimeout(200);
  }
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(`chrome-extension://${id}/sidepanel.html`);
  const mark = (await page.evaluate(readMark('inboxRows'))) as Mark;
  await page.close();
  return mark.frame;
}

const out = { a: { warm: [] as number[], asleep: [] as number[] }, b: { warm: [] as number[], asleep: [] as number[] } };
for (let run = -1; run < RUNS; run++) {
  // Alternating which goes first, so neither always follows the other.
  const order: ('a' | 'b')[] = run % 2 ? ['a', 'b'] : ['b', 'a'];
  for (const k of order) {
    // Asleep first: stopping the workers stops both builds' workers, and the asleep opening wakes this one's.
    const asleep = await open(byBuild[k], true);
    const warm = await open(byBuild[k], false);
    if (run >= 0) {
      out[k].warm.push(warm);
      out[k].asleep.push(asleep);
    }
  }
}
const line = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, p95 ${p95(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
for (const k of ['a', 'b'] as const) {
  console.log(`${k} (${k === 'a' ? A : B}):\n  warm:   ${line(out[k].warm)}\n  asleep: ${line(out[k].asleep)}`);
}
await context.close();
