import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageAssets, sum } from '../../bench/panel/size';
import { CHROME_BUILD } from '../support/extension';
import { Panel } from '../workflows/panel';
import { inServiceWorker, stopServiceWorker, type Chrome } from './support';

/** Milliseconds from the page's navigation to its first inbox page on screen (the list's heading). */
async function timeToFirstInbox(page: Page): Promise<number> {
  await page.waitForFunction(() => document.getElementById('inbox-title')?.textContent === 'Mijn lijst', undefined, { timeout: 15_000 });
  return page.evaluate(() => Math.round(performance.now()));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('the background owns the backend', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open();
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('the side panel works in training mode through the background, also after its service worker was stopped', async () => {
    await panel.title('Mijn lijst');
    await panel.page.getByRole('region', { name: 'Oefenomgeving' }).waitFor();
    await stopServiceWorker(panel.browser.context);
    // The next request wakes the worker, which builds training mode again from storage.
    await panel.openClient('Jan Pietersen');
    await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
    await stopServiceWorker(panel.browser.context);
    await panel.page.reload();
    await panel.nav.waitFor();
    expect(await panel.page.getByRole('banner').locator('.whoami .name').innerText()).toBe('Yusuf Yilmaz');
    await panel.title('Mijn lijst');
  });

  it('a keyboard shortcut opens the side panel, as the toolbar button does', async () => {
    const [commands, behaviour] = await inServiceWorker(panel.browser.context, async () => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      return [await chrome.commands.getAll(), await chrome.sidePanel.getPanelBehavior()] as const;
    });
    expect(commands).toContainEqual(expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+M' }));
    expect(behaviour.openPanelOnActionClick).toBe(true);
  });

  it('the panel loads no zod, idb, domain service or demo data, and its first load stays within 60 KB gzipped', () => {
    const assets = pageAssets(CHROME_BUILD);
    const first = sum(assets, (a) => !a.lazy);
    const all = sum(assets, () => true);
    console.log(`side panel: first load ${(first.gzip / 1024).toFixed(1)} KiB gzipped (${first.files} files), everything ${(all.gzip / 1024).toFixed(1)} KiB`);
    expect(first.gzip).toBeLessThanOrEqual(60 * 1024);
    // Strings that survive minification.
    const markers = {
      zod: /ZodError|\$ZodType|jitless/,
      'IndexedDB (idb, the store, the outbox)': /indexedDB|IDBKeyRange/,
      'the service and its store': /byUnread/,
      'the demo region': /org-hap-lombok|consent-text-v1/,
    };
    for (const a of assets.filter((x) => x.path.endsWith('.js'))) {
      const code = readFileSync(join(CHROME_BUILD, a.path), 'utf8');
      for (const [what, marker] of Object.entries(markers)) expect(marker.test(code), `${a.path} contains ${what}`).toBe(false);
    }
  });

  it('measures the first inbox page with a sleeping service worker (cold) and a running one (warm)', async () => {
    const { context } = panel.browser;
    await panel.page.close();
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      await stopServiceWorker(context);
      const page = await panel.browser.openPanel();
      cold.push(await timeToFirstInbox(page));
      await page.close();
      const again = await panel.browser.openPanel();
      warm.push(await timeToFirstInbox(again));
      await again.close();
    }
    console.log(`first inbox page: cold ${cold.join(', ')} ms (median ${median(cold)}), warm ${warm.join(', ')} ms (median ${median(warm)})`);
    expect(median(cold)).toBeLessThan(3000);
  });
});
