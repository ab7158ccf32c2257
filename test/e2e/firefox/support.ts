import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const haveFirefox = existsSync(FIREFOX);
export const run = promisify(execFile);
export const bin = (name: string) => resolve('node_modules/.bin', name);

/**
 * Puppeteer will not navigate to moz-extension:// pages, so a test builds its own copy with
 * VITE_NZ_E2E_OPEN_PANEL=1: that build's background opens the side panel page in a tab when it starts.
 */
export async function buildForTest(out: string): Promise<string> {
  await run(bin('wxt'), ['build', '-b', 'firefox'], { env: { ...process.env, VITE_NZ_E2E_OPEN_PANEL: '1', NZ_OUT_DIR: out }, maxBuffer: 16 << 20 });
  return join(out, 'firefox-mv3');
}

/** The panel page the test build opened; its URL reads about:blank to puppeteer, so ask the page itself. */
export async function findPanel(browser: Browser): Promise<Page> {
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
