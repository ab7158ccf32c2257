import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeCareWritesToPractice, Panel } from '../workflows/panel';
import { eventually, inServiceWorker, stopServiceWorker, type Chrome } from './support';

const subject = 'Wondzorg mevrouw Hendriks';
/** Training mode's switch: while on, every call answers "unavailable", as an unreachable server would. */
const setOffline = (panel: Panel, offline: boolean) =>
  inServiceWorker(panel.browser.context, (v) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ trainingOffline: v }), offline);

const messages = (page: Page) => page.getByRole('main').getByRole('list', { name: 'Berichten' }).getByRole('listitem');
const stored = (page: Page, text: string) => messages(page).filter({ has: page.getByRole('article', { name: /^Bericht van / }) }).filter({ hasText: text });
const notStored = (page: Page, text: string) => messages(page).filter({ has: page.getByRole('article', { name: 'Uw bericht, nog niet opgeslagen' }) }).filter({ hasText: text });

async function openConversation(page: Page) {
  await page.getByRole('main').getByRole('button', { name: new RegExp(subject) }).first().click();
  await page.getByRole('main').getByRole('heading', { level: 2, name: subject }).waitFor();
}

describe('the outbox in the background', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open();
    await homeCareWritesToPractice(panel, subject, 'De wond aan het linkerbeen geneest slecht. Kan de huisarts meekijken?');
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('a message written while the backend fails is shown as not sent yet, survives the panel and the service worker, and is sent later', async () => {
    await setOffline(panel, true);
    const text = 'Geschreven tijdens de storing.';
    await panel.send(text);
    await notStored(panel.page, text).getByText('Nog niet verstuurd – wordt vanzelf opnieuw geprobeerd').waitFor();
    expect(await stored(panel.page, text).count()).toBe(0);

    // The panel is closed and the service worker stopped: the message is in IndexedDB, nowhere else.
    await panel.page.close();
    await stopServiceWorker(panel.browser.context);
    // Back "online" (this wakes the worker, which builds training mode again and flushes its outbox).
    const options = await panel.browser.openPanel(400, 'options.html');
    await options.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ trainingOffline: false }));
    await options.close();

    const page = await panel.browser.openPanel();
    await page.getByRole('heading', { level: 2, name: 'Mijn lijst' }).waitFor();
    await openConversation(page);
    await eventually(async () => (await stored(page, text).count()) + (await notStored(page, text).count()) * 10, (n) => n === 1);
    // Received twice (the outbox's answer and the conversation read): shown once.
    expect(await messages(page).filter({ hasText: text }).count()).toBe(1);
    (panel as unknown as { page: Page }).page = page;
  });

  it('a refused message shows its refusal, with “Opnieuw versturen” and “Verwijderen”', async () => {
    const page = panel.page;
    // A second panel withdraws the consent while this one still shows the composer: the next message is refused.
    const other = await panel.browser.openPanel();
    await other.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Cliënten' }).click();
    await other.getByRole('main').getByRole('button', { name: /Maria Hendriks/ }).click();
    await other.getByRole('main').getByRole('button', { name: 'Toestemming intrekken' }).click();
    await other.getByRole('main').getByRole('button', { name: 'Ja, intrekken' }).click();
    await other.getByRole('status').getByText(/De toestemming is ingetrokken/).waitFor();
    await other.close();

    const text = 'Nog één vraag over de wond.';
    const box = page.getByRole('main').getByLabel('Bericht', { exact: true });
    await box.fill(text);
    await box.press('Control+Enter');
    const refused = notStored(page, text);
    await refused.getByText('Niet verstuurd').waitFor();
    await refused.getByText('De toestemming is ingetrokken: dit netwerk is alleen-lezen.').waitFor();
    // Retrying is refused the same way; the message stays, still refused.
    await refused.getByRole('button', { name: 'Opnieuw versturen' }).click();
    await refused.getByText('Niet verstuurd').waitFor();
    // It is kept in the outbox: a reopened panel shows it again, until it is discarded.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Mijn lijst' }).waitFor();
    await openConversation(page);
    await notStored(page, text).getByText('Niet verstuurd').waitFor();
    await notStored(page, text).getByRole('button', { name: 'Verwijderen' }).click();
    expect(await notStored(page, text).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Mijn lijst' }).waitFor();
    await openConversation(page);
    expect(await messages(page).filter({ hasText: text }).count()).toBe(0);
  });
});
