import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath } from '../../../scripts/chromium-path.mjs';

export const CHROME_BUILD = resolve(process.env.NZ_OUT_DIR || '.output', 'chrome-mv3');

/** Flags that keep Chromium off a closed network and quiet in a container. */
export const QUIET = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Opens the side panel page in a tab of the given width (side panels are 320–480 px wide). */
  openPanel(width?: number, path?: string): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium with the built extension loaded, in a throwaway profile. */
export async function launchExtension(dir = CHROME_BUILD): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'nz-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath() ?? '/usr/bin/chromium',
    headless: true,
    args: [...QUIET, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async openPanel(width = 400, path = 'sidepanel.html') {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A plain Chromium (no extension) for pages served over HTTP, e.g. the widget's host page. */
export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath() ?? '/usr/bin/chromium', headless: true, args: QUIET });
}
