/**
 * "Naar dossier" in the widget: the embed page runs in a sandboxed frame on an intranet page of
 * another origin; copying needs the frame's clipboard-write delegation and the PDF its allow-downloads.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/helpers';
import { launchBrowser } from '../support/extension';
import { conversationToPractice, hostHtml, pageServer, signInInWidget, strictCsp, widgetFrame, widgetServer, type PageServer } from './support';

describe('"Naar dossier" in the widget', () => {
  let server: TestServer;
  let intranet: PageServer;
  let browser: Browser;
  let page: Page;
  const subject = 'Ontslag uit het ziekenhuis';
  const text = `Mevrouw is gisteren thuisgekomen, medicatie aangepast ${Date.now()}`;

  beforeAll(async () => {
    intranet = await pageServer();
    server = await widgetServer({ 'org-hap-lombok': [intranet.origin] });
    await conversationToPractice(server, subject, text);
    intranet.page('/', hostHtml(server.url, { org: 'org-hap-lombok', view: 'inbox', inbox: 'inbox-assistentes' }), {
      'Content-Security-Policy': strictCsp(server.url),
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    await page.goto(intranet.origin + '/');
  });
  afterAll(async () => {
    await browser?.close();
    await intranet?.close();
    await server?.region.dispose();
  });

  it('R15: copies the conversation from inside the frame and saves the same as a PDF', async () => {
    const frame = await widgetFrame(page, server.url);
    await signInInWidget(frame, server, 'p-jansen');
    await frame.getByRole('button', { name: new RegExp(`^${subject}`) }).click();
    await frame.getByText(text).waitFor();
    const exportPanel = frame.locator('details.record-export');
    await exportPanel.getByText('Naar dossier').click();
    await exportPanel.getByRole('button', { name: 'Kopiëren' }).click();
    await frame.getByRole('status').getByText(/aantal berichten: 1\)/).waitFor();
    // Read back on the intranet page: the frame may write to the clipboard, not read it (no clipboard-read for it).
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Cliënt: Wim de Widget, geboren 2 april 1939');
    expect(copied).toContain(text);

    const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: 'Opslaan als pdf' }).click()]);
    const pdf = await getDocumentProxy(new Uint8Array(await readFile((await download.path())!)));
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(squash((await extractText(pdf, { mergePages: true })).text)).toContain(squash(text));
  });
});
