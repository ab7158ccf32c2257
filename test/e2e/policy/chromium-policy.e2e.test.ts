/**
 * Deployment by IT, as IT does it: a policy file under /etc/chromium/policies/managed (root only; in CI
 * this test runs as root and removes the file afterwards). Chromium passes on only what the
 * extension's managed schema declares, and only to the id the policy names: the stable one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveEhrDemo, type EhrDemo } from '../../../demo/ehr/server';
import { BUILT_IN_ADAPTERS } from '../../../lib/ehr/adapters';
import { CHROME_EXTENSION_ID } from '../../../scripts/extension-ids';
import { inServiceWorker } from '../background/support';
import { launchExtension, type ExtensionBrowser } from '../support/extension';
import { Panel } from '../workflows/panel';
import { policyFile, policyTestsRun } from './support';

const policy = policyFile('settings');
const DIR = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : mkdtempSync(join(tmpdir(), 'nz-screens-'));

/** The organisation's own GP system: the demo one's pages, under another name, in the policy's form (fields as lists). */
const itsAdapter = {
  ...BUILT_IN_ADAPTERS[0]!, id: 'his-van-de-praktijk', system: 'HIS van de praktijk',
  fields: Object.fromEntries(Object.entries(BUILT_IN_ADAPTERS[0]!.fields).map(([k, v]) => [k, [v]])),
};

const writePolicy = (settings: object) => policy.write({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: settings } } });

describe.skipIf(!policyTestsRun)('settings from a Chromium policy', () => {
  let browser: ExtensionBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(() => policy.remove());

  it('every declared setting reaches the extension, and the server and record systems show as set by the organisation', async () => {
    const settings = {
      serverUrl: 'https://netwerkzorg.example.nl', lockServerUrl: true, language: 'en', trainingAllowed: false,
      notifyByDefault: false, lockNotifications: true, ehrAdapters: [itsAdapter],
    };
    writePolicy(settings);
    browser = await launchExtension();
    expect(browser.extensionId).toBe(CHROME_EXTENSION_ID);
    const managed = await inServiceWorker(browser.context, () => (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get());
    expect(managed).toEqual(settings);

    const options = await browser.openPanel(800, 'options.html');
    await options.getByText('Your organisation has set the server: https://netwerkzorg.example.nl').waitFor();
    await options.getByText('Your organisation has set record systems too').waitFor();
    await options.getByText('Your organisation has set the language.').waitFor();
    expect(await options.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => options.getByRole('radio', { name: /Training environment/ }).count()).toBe(0);
    for (const name of ['Nederlands', 'English']) expect(await options.getByRole('radio', { name }).isDisabled()).toBe(true);
    await options.getByText('Your organisation has set notifications: off.').waitFor();
    // Access to the organisation's server stays the user's to grant, locked or not.
    expect(await options.getByRole('button', { name: 'Allow access to the server' }).isEnabled()).toBe(true);
    await options.screenshot({ path: `${DIR}/options-policy.png`, fullPage: true, animations: 'disabled' });
    // The side panel speaks the organisation's language too.
    const panel = await browser.openPanel();
    await expect.poll(() => panel.locator('html').getAttribute('lang')).toBe('en');
  });

  it('with the training environment switched off and no server set, the panel says so and the options page asks for the server', async () => {
    writePolicy({ trainingAllowed: false });
    browser = await launchExtension();
    const panel = await browser.openPanel();
    await panel.getByRole('heading', { name: 'Geen server ingesteld' }).waitFor();
    await panel.getByText(/Uw organisatie heeft de oefenomgeving uitgeschakeld/).waitFor();
    await panel.screenshot({ path: `${DIR}/no-backend.png`, animations: 'disabled' });
    const options = await browser.openPanel(800, 'options.html');
    await options.getByLabel('Adres van de server').waitFor();
    expect(await options.getByRole('radio', { name: /Oefenomgeving/ }).count()).toBe(0);
  });

  describe('record systems from policy', () => {
    let demo: EhrDemo;
    let panel: Panel;
    beforeAll(async () => {
      writePolicy({ ehrAdapters: [itsAdapter] });
      demo = await serveEhrDemo(0);
      panel = await Panel.open(360);
    });
    afterAll(async () => {
      await panel?.close();
      await demo?.close();
    });

    it('read the client on a record page, ahead of the built-in ones', async () => {
      const record = await panel.browser.context.newPage();
      await record.goto(`${demo.his}patient-1.html`);
      await record.bringToFront();
      const current = panel.main.getByRole('region', { name: /^Huidige cliënt/ });
      await current.getByText('Jan Pietersen').waitFor();
      await current.getByText('uit HIS van de praktijk').waitFor();
    });
  });
});
