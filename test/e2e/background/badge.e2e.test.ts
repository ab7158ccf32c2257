import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingAs, homeCareWritesToPractice, Panel } from '../workflows/panel';
import { badgeText, eventually, inServiceWorker, type Chrome } from './support';

const subject = 'Insuline meneer Pietersen';
const text = 'De bloedsuikers zijn hoog; graag overleg over de insuline.';

describe('badge and notifications, with the panel closed', () => {
  let panel: Panel;
  let notified: { id: string; title: string; message: string }[] = [];
  beforeAll(async () => {
    panel = await Panel.open();
    await homeCareWritesToPractice(panel, subject, text);
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('R19: the badge shows the unread message another demo person sent to Doktersassistentes; the notification names the inbox, never the subject, client or text', async () => {
    const { context } = panel.browser;
    await panel.page.close();
    // Record what the background asks the browser to show (headless Chromium shows nothing).
    await inServiceWorker(context, () => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const shown: unknown[] = [];
      (globalThis as unknown as { shown: unknown[] }).shown = shown;
      const create = chrome.notifications.create.bind(chrome.notifications);
      chrome.notifications.create = (id, options) => {
        shown.push({ id, ...options });
        return create(id, options).catch(() => id);
      };
    });
    // Switch to the assistant with no panel open: the background acts as her and looks at her lists.
    await inServiceWorker(context, () => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ trainingActingAs: 'p-jansen' }));
    expect(await eventually(() => badgeText(context), (t) => t !== '')).toBe('1');

    const shown = await eventually(
      () => inServiceWorker(context, () => (globalThis as unknown as { shown: { id: string; title: string; message: string }[] }).shown),
      (s) => s.length > 0,
    );
    expect(shown).toEqual([expect.objectContaining({ title: 'Nieuw bericht in Netwerkzorg', message: 'In: Doktersassistentes' })]);
    notified = shown;
    expect(JSON.stringify(shown)).not.toContain('bloedsuikers');
    expect(JSON.stringify(shown)).not.toContain(subject);
    expect(JSON.stringify(shown)).not.toContain('Pietersen');
  });

  it('reading the conversation clears the badge', async () => {
    const page = await panel.browser.openPanel();
    await actingAs(page, 'Sanne Jansen');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: /^Doktersassistentes/ }).click();
    await page.getByRole('main').getByRole('button', { name: new RegExp(subject) }).first().click();
    await page.getByRole('main').getByRole('heading', { level: 2, name: subject }).waitFor();
    expect(await eventually(() => badgeText(panel.browser.context), (t) => t === '')).toBe('');
  });

  it('clicking the notification shows its conversation in the panel', async () => {
    const { context } = panel.browser;
    const page = await panel.browser.openPanel();
    await actingAs(page, 'Sanne Jansen');
    await page.getByRole('main').getByRole('heading', { level: 2, name: 'Mijn lijst' }).waitFor();
    // Headless Chromium shows no notification to click: the click event is dispatched in the service worker.
    await inServiceWorker(context, (id) => {
      const { chrome } = globalThis as unknown as { chrome: { notifications: { onClicked: { dispatch(id: string): void } } } };
      chrome.notifications.onClicked.dispatch(id);
    }, notified[0]!.id);
    await page.getByRole('main').getByRole('heading', { level: 2, name: subject }).waitFor();
    expect(await page.getByRole('main').getByRole('list', { name: 'Berichten' }).innerText()).toContain('insuline');
  });
});
