import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEhrDemo, type EhrDemo } from '../../../demo/ehr/server';
import { launchExtension, type ExtensionBrowser } from '../support/extension';

/** The extension APIs the panel page uses, typed just enough for `page.evaluate`. */
interface Chrome {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  storage: { local: { set(items: object): Promise<void>; remove(key: string): Promise<void> } };
}

describe('reading the client context from record-system pages', () => {
  let demo: EhrDemo;
  let browser: ExtensionBrowser;
  let panel: Page;
  let ehr: Page;

  beforeAll(async () => {
    demo = await serveEhrDemo(0);
    browser = await launchExtension();
    panel = await browser.openPanel();
    ehr = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /**
   * Opens a record page in the active tab and asks for its context from the
   * panel, as the side panel will: by the active tab's id (the extension may
   * not see the tab's URL; content-script hosts do not grant that).
   */
  async function contextOf(url: string): Promise<unknown> {
    await ehr.goto(url);
    await ehr.bringToFront();
    const ask = () =>
      panel.evaluate(async () => {
        const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
        const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
        if (tab?.id === undefined) return { error: 'no active tab' };
        // Until the content script has started, nobody answers; the caller asks again.
        return chrome.tabs.sendMessage(tab.id, { type: 'ehr:read-context' }).catch((e: Error) => ({ error: e.message }));
      });
    let answer = await ask();
    for (let i = 0; i < 50 && (answer as { error?: string }).error; i++) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await ask();
    }
    return answer;
  }

  it.each([
    ['patient-1.html', 'Jan Pietersen', '1941-03-12', '111222333', '100231'],
    ['patient-2.html', 'Maria Hendriks', '1938-11-02', '123456782', '100417'],
    ['patient-3.html', 'Ahmed Bouzid', '1950-06-20', '234567806', '100588'],
  ])('GP system: %s is %s', async (path, name, birthDate, bsn, patientRef) => {
    expect(await contextOf(`${demo.his}${path}`)).toEqual({
      ok: true,
      context: { adapterId: 'praktijkdossier-demo', system: 'Praktijkdossier Demo', kind: 'his', name, birthDate, bsn, patientRef },
    });
  });

  it.each([
    ['clienten/40117', 'Jan Pietersen', '1941-03-12', '111222333', '40117'],
    ['clienten/40233', 'Maria Hendriks', '1938-11-02', '123456782', '40233'],
  ])('home-care record: %s is %s', async (path, name, birthDate, bsn, patientRef) => {
    expect(await contextOf(`${demo.ecd}${path}`)).toEqual({
      ok: true,
      context: { adapterId: 'zorgdossier-demo', system: 'Zorgdossier Demo', kind: 'ecd', name, birthDate, bsn, patientRef },
    });
  });

  it('gives no client for a record whose BSN fails the 11-test', async () => {
    expect(await contextOf(`${demo.his}patient-4.html`)).toEqual({ ok: false, reason: 'bsn-invalid', system: 'Praktijkdossier Demo' });
  });

  it('gives no client on a list page', async () => {
    expect(await contextOf(demo.his)).toEqual({ ok: false, reason: 'no-client', system: 'Praktijkdossier Demo' });
  });

  it('reads with an adapter configured in storage', async () => {
    const adapter = {
      id: 'zorgdossier-demo',
      system: 'Ons Zorgdossier',
      kind: 'ecd',
      match: { hosts: ['127.0.0.1'], path: '^/ecd/' },
      fields: {
        name: { from: 'label', label: 'Naam' },
        birthDate: { from: 'label', label: 'Geboortedatum' },
        patientRef: { from: 'url', pattern: '/clienten/(\\d+)' },
      },
    };
    await panel.evaluate((adapters) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ ehrAdapters: adapters }), [adapter]);
    try {
      expect(await contextOf(`${demo.ecd}clienten/40233`)).toMatchObject({ ok: true, context: { system: 'Ons Zorgdossier', name: 'Maria Hendriks', patientRef: '40233' } });
    } finally {
      await panel.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.remove('ehrAdapters'));
    }
  });
});
