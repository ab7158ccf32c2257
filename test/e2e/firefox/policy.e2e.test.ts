/**
 * Firefox ESR with a policies.json, as IT deploys it: the extension's settings under
 * `3rdparty.Extensions.<id>` reach its managed storage, and the language set there is the panel's.
 * The file goes in the installation's `distribution` folder (root only; in CI this runs as root) and
 * is removed afterwards.
 */
import { accessSync, constants, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_EXTENSION_ID } from '../../../scripts/extension-ids';
import { EXAMPLE_POLICY } from '../../../scripts/policy-examples';
import { buildForTest, findPanel, FIREFOX, haveFirefox } from './support';

const distribution = haveFirefox ? join(dirname(realpathSync(FIREFOX)), 'distribution') : '';
const FILE = join(distribution, 'policies.json');
const writable = (() => {
  try {
    accessSync(distribution, constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();
const runs = (haveFirefox && writable) || !!process.env.CI;
// A run that was killed may have left its policies behind, which would steer every Firefox started after it.
if (writable) rmSync(FILE, { force: true });
if (!runs) console.log(`SKIPPED: Firefox policy test (no firefox-esr, or cannot write ${distribution}; run as root)`);

describe.skipIf(!runs)('settings from a Firefox policies.json', () => {
  let out: string;
  let browser: Browser;
  let panel: Page;
  const settings = { ...EXAMPLE_POLICY, language: 'en' };

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'nz-firefox-policy-'));
    const dir = await buildForTest(out);
    writeFileSync(FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [FIREFOX_EXTENSION_ID]: settings } } } }));
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    await browser.installExtension(dir);
    panel = await findPanel(browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(FILE, { force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('every declared setting reaches the extension, and the panel speaks the language set there', async () => {
    const managed = await panel.evaluate(() => (globalThis as unknown as { browser: { storage: { managed: { get(): Promise<unknown> } } } }).browser.storage.managed.get());
    expect(managed).toEqual(settings);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await panel.evaluate(() => document.documentElement.lang)) !== 'en') await new Promise((r) => setTimeout(r, 200));
    expect(await panel.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('the options page shows the server and the language as set by the organisation, and offers no training environment', async () => {
    // Puppeteer does not open moz-extension:// pages itself; the page can.
    await panel.evaluate(() => location.assign(location.href.replace(/sidepanel\.html$/, 'options.html')));
    const text = () => panel.evaluate(() => (document.querySelector('main.options') as HTMLElement | null)?.innerText ?? '');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(await text().catch(() => '')).includes('Your organisation has set the server')) await new Promise((r) => setTimeout(r, 200));
    expect(await text()).toContain(`Your organisation has set the server: ${settings.serverUrl}.`);
    expect(await text()).toContain('Your organisation has set the language.');
    const controls = await panel.evaluate(() => ({
      languages: [...document.querySelectorAll<HTMLInputElement>('input[name=lang]')].map((r) => r.matches(':disabled')),
      training: document.querySelectorAll('input[value=training]').length,
      grant: [...document.querySelectorAll('button')].find((b) => b.textContent === 'Allow access to the server')?.matches(':disabled'),
    }));
    expect(controls).toEqual({ languages: [true, true], training: 0, grant: false });
  });
});
