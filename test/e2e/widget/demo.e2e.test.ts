import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM, shared with npm start
import { serveIntranetDemo } from '../../../demo/intranet/serve.mjs';
import { backendFor, type TestServer } from '../../server/helpers';
import { seriousViolations } from '../support/axe';
import { launchBrowser } from '../support/extension';
import { signInInWidget, VIOLATION_PROBE, widgetServer } from './support';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/**
 * The demo intranet page of `npm start`: the practice's shared inbox inline,
 * and a launcher to write to the home-care provider, whose primary shared
 * inbox is proposed (R17).
 */
describe('demo intranet page', () => {
  let server: TestServer;
  let demo: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const subject = `Wondzorg na ontslag ${Date.now()}`;

  beforeAll(async () => {
    const port = await freePort();
    server = await widgetServer({ 'org-hap-lombok': [`http://127.0.0.1:${port}`] });
    demo = await serveIntranetDemo({ port, serverUrl: server.url });
    // The practice has a network for Jan Pietersen with consent; home care is not in it yet.
    const jansen = await backendFor(server, 'p-jansen');
    const text = await jansen.call('currentConsentText', {});
    if (!text.ok || !text.value) throw new Error('no consent text');
    await jansen.call('recordConsent', { clientId: 'c-pietersen', textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
    const network = await jansen.call('createNetwork', { clientId: 'c-pietersen' });
    if (!network.ok) throw new Error(network.code);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.addInitScript(VIOLATION_PROBE);
    page = await context.newPage();
    await page.goto(demo.url);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await server?.region.dispose();
  });

  const frames = () => page.frames().filter((f) => f.url().startsWith(`${server.url}/embed/`));

  it('shows the shared inbox inline; the launcher makes its frame only when first opened', async () => {
    await expect.poll(() => frames().length, { timeout: 15_000 }).toBe(1);
    const inline = frames()[0]!;
    await signInInWidget(inline, server, 'p-jansen');
    await inline.getByRole('heading', { name: 'Doktersassistentes' }).waitFor();
    const launcher = page.getByRole('button', { name: 'Netwerkzorg' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await launcher.click();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => frames().length).toBe(2);
  });

  it('writes to the home-care provider: its primary shared inbox is proposed, and its nurse reads the message', async () => {
    const panel = frames().find((f) => new URL(f.url()).searchParams.get('view') === 'write')!;
    // The same tab and server origin: the sign-in of the inline widget holds here too.
    await panel.getByRole('heading', { name: 'Bericht aan Thuiszorg Zorgzaam' }).waitFor({ timeout: 15_000 });
    await panel.getByLabel('Over cliënt').selectOption('c-pietersen');
    const proposed = panel.getByRole('checkbox', { name: /Wijkverpleging Kanaleneiland/ });
    await proposed.waitFor();
    expect(await proposed.isChecked()).toBe(true);
    expect(await seriousViolations(panel)).toEqual([]);
    await panel.getByLabel('Onderwerp').fill(subject);
    await panel.getByLabel('Bericht', { exact: true }).fill('Graag wondcontrole deze week.');
    await panel.getByRole('button', { name: 'Versturen' }).click();
    await panel.getByRole('heading', { name: subject }).waitFor();
    const yilmaz = await backendFor(server, 'p-yilmaz');
    const list = await yilmaz.call('listInbox', { via: 'inbox-kanaleneiland', archived: false, limit: 25 });
    expect(list.ok && list.value.items.map((i) => i.subject)).toContain(subject);
  });

  it('Escape closes the launcher panel and gives focus back to the button; no CSP violation anywhere', async () => {
    const panel = frames().find((f) => new URL(f.url()).searchParams.get('view') === 'write')!;
    await page.getByRole('button', { name: 'Sluiten' }).focus();
    await page.keyboard.press('Escape');
    const launcher = page.getByRole('button', { name: 'Netwerkzorg' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await launcher.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).toBe(true);
    for (const f of [page.mainFrame(), ...frames()]) {
      expect(await f.evaluate(() => (globalThis as unknown as { __cspViolations: unknown[] }).__cspViolations)).toEqual([]);
    }
    expect(panel.isDetached()).toBe(false);
  });
});
