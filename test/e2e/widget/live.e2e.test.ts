import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
});
