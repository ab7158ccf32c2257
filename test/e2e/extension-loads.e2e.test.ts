import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID } from '../../scripts/extension-ids';
import { eventually, inServiceWorker, type Chrome } from './background/support';
import { CHROME_BUILD, launchExtension, type ExtensionBrowser } from './support/extension';

describe('the built extension', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads in Chromium and opens its side panel page in Dutch', async () => {
    expect(browser.extensionId).toBe(CHROME_EXTENSION_ID);
    const page = await browser.openPanel();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await expect.poll(() => page.getByRole('heading').first().textContent()).toContain('Netwerkzorg');
  });

  it('has the documented id wherever the build is loaded from (the manifest\'s key), so one policy fits every machine', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'nz-other-folder-'));
    cpSync(CHROME_BUILD, elsewhere, { recursive: true });
    const other = await launchExtension(elsewhere);
    try {
      expect(other.extensionId).toBe(CHROME_EXTENSION_ID);
    } finally {
      await other.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('registers the EHR content script for configured hosts from the file the build writes, and none while no host is granted', async () => {
    // The background's own registration (lib/ehr/register.ts) runs shortly after start and says what it registered.
    const registered = await eventually(
      () => inServiceWorker(browser.context, async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get('ehrRegisteredHosts')).ehrRegisteredHosts),
      (v) => v !== undefined, 10_000,
    );
    // No host is granted here.
    expect(registered).toEqual([]);
    // The same registration lib/ehr/register.ts makes: Chrome refuses it when the file is not in the build.
    const seen = await inServiceWorker(browser.context, async () => {
      type Scripting = { registerContentScripts(s: object[]): Promise<void>; unregisterContentScripts(f: object): Promise<void>; getRegisteredContentScripts(): Promise<{ id: string; js?: string[] }[]> };
      const { scripting } = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome;
      const before = await scripting.getRegisteredContentScripts();
      await scripting.registerContentScripts([{ id: 'probe', matches: ['https://his.example.nl/*'], js: ['content-scripts/ehr.js'] }]);
      const probe = await scripting.getRegisteredContentScripts();
      await scripting.unregisterContentScripts({ ids: ['probe'] });
      return { before, probe: probe.map((s) => s.js) };
    });
    expect(seen).toEqual({ before: [], probe: [['content-scripts/ehr.js']] });
  });
});
