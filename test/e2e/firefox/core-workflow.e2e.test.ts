import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEhrDemo } from '../../../demo/ehr/server';

/**
 * The Firefox build in Debian's firefox-esr, driven over WebDriver BiDi.
 * Puppeteer will not navigate to moz-extension:// pages, so this file builds
 * its own copy with VITE_NZ_E2E_OPEN_PANEL=1: that build's background opens
 * the side panel page in a tab when it starts (entrypoints/background.ts).
 */
const run = promisify(execFile);
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const haveFirefox = existsSync(FIREFOX);
const bin = (name: string) => resolve('node_modules/.bin', name);

if (!haveFirefox && process.env.CI === 'true') {
  describe('Firefox', () => {
    it('is required in CI', () => {
      throw new Error(`firefox-esr not found at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH)`);
    });
  });
} else if (!haveFirefox) {
  console.log(`SKIPPED: Firefox workflow — no firefox-esr at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH). The build is still linted.`);
}

/** Puppeteer's ARIA selector: an element by role and exact accessible name. */
const aria = (name: string, role: string) => `::-p-aria(${name}[role="${role}"])`;

describe('the Firefox build', () => {
  let out: string;
  let dir: string;
  let lint: Promise<string>;
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[label] = Date.now() - started;
    }
  };

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'nz-firefox-'));
    dir = join(out, 'firefox-mv3');
    await timed('build', () =>
      run(bin('wxt'), ['build', '-b', 'firefox'], { env: { ...process.env, VITE_NZ_E2E_OPEN_PANEL: '1', NZ_OUT_DIR: out }, maxBuffer: 16 << 20 }),
    );
    // Linting runs meanwhile; its test, last, reads the report.
    lint = timed('lint', () =>
      run(bin('web-ext'), ['lint', '--source-dir', dir, '--no-config-discovery', '--output', 'json'], { env: { ...process.env, NO_UPDATE_NOTIFIER: '1' }, maxBuffer: 16 << 20 })
        // web-ext exits non-zero when it finds errors; the JSON report says which.
        .then((r) => r.stdout, (e: { stdout?: string }) => e.stdout ?? ''),
    );
  }, 240_000);
  afterAll(() => {
    console.log(`Firefox test timings (ms): ${JSON.stringify(timings)}`);
    rmSync(out, { recursive: true, force: true });
  });

  describe.skipIf(!haveFirefox)('in firefox-esr', () => {
    let browser: Browser;
    let panel: Page;

    /** The panel page the test build opened; its URL reads about:blank to puppeteer, so ask the page itself. */
    async function findPanel(): Promise<Page> {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        for (const page of await browser.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.startsWith('moz-extension://') && href.endsWith('/sidepanel.html')) return page;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the test build did not open its side panel page');
    }

    beforeAll(async () => {
      browser = await timed('launch', () => puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true }));
      await timed('install', () => browser.installExtension(dir));
      panel = await timed('panel', findPanel);
      panel.setDefaultTimeout(30_000);
      await panel.setViewport({ width: 400, height: 800 });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
    });

    const click = (name: string, role = 'button') => panel.locator(aria(name, role)).click();
    const fill = (label: string, text: string) => panel.locator(aria(label, 'textbox')).fill(text);
    const heading = (name: string) => panel.waitForSelector(aria(name, 'heading'));
    const shows = (text: string) => panel.waitForFunction((t) => document.body.innerText.includes(t), {}, text);
    async function choose(label: string, value: string) {
      const select = await panel.waitForSelector(aria(label, 'combobox'));
      await select!.select(value);
    }

    it('starts in training mode in Dutch', async () => {
      await heading('Mijn lijst');
      expect(await panel.evaluate(() => document.documentElement.lang)).toBe('nl');
      await shows('Oefengegevens, geen echte cliënten.');
    });

    it('core workflow: as an assistant, record consent, create a network, start a conversation, send a message and see it', async () => {
      await timed('workflow', async () => {
        await choose('Werken als', 'p-elamrani');
        await click('Wisselen');
        await panel.waitForFunction(() => document.querySelector('header')?.textContent?.includes('Samira El Amrani'));
        await heading('Mijn lijst');

        await click('Cliënten');
        await heading('Cliënten');
        await panel.locator('::-p-text(Jan Pietersen)').click();
        await heading('Jan Pietersen');
        await click('Toestemming vastleggen');
        await shows('Toestemming vastgelegd met tekstversie 1.');
        await click('Netwerk aanmaken');
        await heading('Netwerk van Jan Pietersen');

        await click('Nieuw gesprek');
        await heading('Nieuw gesprek');
        await choose('Organisatie', 'org-zorgzaam');
        await shows('Voorgesteld: Wijkverpleging Kanaleneiland.');
        await fill('Onderwerp', 'Wondzorg meneer Pietersen');
        await fill('Eerste bericht', 'Kunnen jullie morgen de wond bekijken?');
        await click('Gesprek starten');
        await heading('Wondzorg meneer Pietersen');

        await fill('Bericht', 'De huisarts komt donderdag langs.');
        await click('Versturen');
        await panel.waitForFunction(() => {
          const list = document.querySelector('[aria-label="Berichten"]');
          // Stored, not pending: the message carries its author, and nothing waits to be sent.
          return list?.textContent?.includes('De huisarts komt donderdag langs.') && !list.querySelector('.pending');
        });
      });
      const messages = await panel.$$eval('[aria-label="Berichten"] > li', (items) => items.map((li) => li.textContent ?? ''));
      expect(messages).toHaveLength(2);
      expect(messages[0]).toContain('Kunnen jullie morgen de wond bekijken?');
      expect(messages[1]).toContain('De huisarts komt donderdag langs.');
      expect(messages[1]).toContain('Samira El Amrani');
    }, 120_000);

    it('the panel picks up the client from the GP system’s record in the active tab', async () => {
      const demo = await serveEhrDemo(0);
      const record = await browser.newPage();
      try {
        await record.goto(`${demo.his}patient-2.html`);
        await record.bringToFront();
        // The panel's tab is in the background now: poll on a timer, animation frames may not run there.
        await panel.waitForFunction(() => {
          const box = document.querySelector('section.current-client');
          return box?.textContent?.includes('Maria Hendriks') && box.textContent.includes('BSN ••••••782');
        }, { polling: 200 });
        await record.goto(`${demo.his}patient-4.html`);
        await panel.waitForFunction(() => document.querySelector('section.current-client')?.textContent?.includes('elfproef'), { polling: 200 });
      } finally {
        await record.close();
        await panel.bringToFront();
        await demo.close();
      }
    });

    it('the conversation is in the list of the home-care team’s shared inbox (R8), seen as a nurse there', async () => {
      await choose('Werken als', 'p-yilmaz');
      await click('Wisselen');
      await panel.waitForFunction(() => document.querySelector('header')?.textContent?.includes('Yusuf Yilmaz'));
      await panel.locator('::-p-text(Wijkverpleging Kanaleneiland)').click();
      await heading('Wijkverpleging Kanaleneiland');
      await shows('Wondzorg meneer Pietersen');
    });
  });

  it('passes web-ext lint without errors (the build with its test switch; the same source as the release)', async () => {
    const report = JSON.parse(await lint) as { errors: { code: string; message: string; file?: string }[]; summary: { errors: number } };
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 180_000);
});
