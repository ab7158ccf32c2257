import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoWithExif } from '../../fixtures/files';
import type { TestServer } from '../../server/helpers';
import { eventually } from '../background/support';
import { launchBrowser } from '../support/extension';
import { conversationToPractice, hostHtml, pageServer, signInInWidget, strictCsp, widgetFrame, widgetServer, type PageServer } from './support';

/**
 * The widget's embed page keeps its shared inbox live like the side panel:
 * a conversation started elsewhere appears in the frame without reloading,
 * while the page's clock stands still (so no poll or timer brings it).
 */
describe('widget: the shared inbox, live', () => {
  let server: TestServer;
  let intranet: PageServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    intranet = await pageServer();
    server = await widgetServer({ 'org-hap-lombok': [intranet.origin] });
    intranet.page('/', hostHtml(server.url, { org: 'org-hap-lombok', view: 'inbox', inbox: 'inbox-assistentes' }), {
      'Content-Security-Policy': strictCsp(server.url),
    });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    await page.clock.install();
    await page.goto(intranet.origin + '/');
  });
  afterAll(async () => {
    await browser?.close();
    await intranet?.close();
    await server?.region.dispose();
  });

  it('a conversation the home-care nurse starts with “Doktersassistentes” appears in the open frame', async () => {
    const frame = await widgetFrame(page, server.url);
    await signInInWidget(frame, server, 'p-jansen');
    await frame.getByRole('heading', { level: 2, name: 'Doktersassistentes' }).waitFor();
    await frame.getByText('Geen gesprekken.').waitFor();
    await eventually(async () => server.ctx.hub.subscribers, (n) => n >= 1);
    await page.clock.pauseAt(Date.now() + 1_000);
    const subject = 'Wondzorg na ontslag';
    await conversationToPractice(server, subject, 'Graag een controle van de wond deze week.');
    await frame.getByRole('button', { name: new RegExp(`^${subject}`) }).waitFor();
  });

  it('R20: a photo in a conversation shows as a thumbnail inside the frame and opens larger there, not on the intranet page', async () => {
    await page.clock.resume();
    const frame = await widgetFrame(page, server.url);
    const { yilmaz, conversation, must } = await conversationToPractice(server, 'Foto van de wond', 'Zie de foto.');
    const photo = await must(yilmaz.files.upload({ name: 'wond.jpg', type: 'image/jpeg', bytes: await photoWithExif() }, { idempotencyKey: crypto.randomUUID() }));
    await must(yilmaz.call('postMessage', { conversationId: conversation.id, messageId: crypto.randomUUID(), text: 'Vandaag genomen.', attachmentIds: [photo.id] }));
    await frame.getByRole('button', { name: /^Foto van de wond/ }).click();
    const thumb = frame.getByRole('button', { name: 'Foto wond.jpg groter bekijken' });
    await thumb.locator('img').waitFor();
    expect(await thumb.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.src.startsWith('blob:'))).toBe(true);
    await thumb.click();
    await frame.getByRole('dialog', { name: 'wond.jpg' }).getByRole('img', { name: 'wond.jpg' }).waitFor();
    // Shown in the frame: the intranet page itself has no dialog and no image of it, and no window opened.
    expect(await page.locator('dialog, img').count()).toBe(0);
    expect(page.context().pages()).toHaveLength(1);
  });
});
