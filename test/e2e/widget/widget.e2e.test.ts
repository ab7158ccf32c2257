import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL } from '../../../widget/protocol';
import { backendFor, type TestServer } from '../../server/helpers';
import { seriousViolations } from '../support/axe';
import { launchBrowser } from '../support/extension';
import {
  conversationToPractice, hostHtml, messagesAs, pageServer, signInInWidget, strictCsp, VIOLATION_PROBE, widgetFrame, widgetServer,
  type PageServer,
} from './support';

/**
 * The widget on a practice's intranet page: a different origin from the
 * server, under a strict CSP. Sign-in, the shared inbox, a conversation and
 * a reply happen inside the frame; the intranet page's own scripts see none
 * of it and cannot steer it with forged messages.
 */
describe('widget on an intranet page', () => {
  let server: TestServer;
  let intranet: PageServer;
  /** Another site's frame on the intranet page (a partner's news feed, say), which tries to steer the widget. */
  let partner: PageServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const subject = 'Medicatie mevrouw na ontslag';
  const secret = `Geheime medicatie-inhoud ${Date.now()}`;
  const reply = `Antwoord van de praktijk ${Date.now()}`;
  let conversationId = '';

  const iframeHeight = () => page.evaluate(() => document.querySelector('netwerkzorg-widget')!.shadowRoot!.querySelector('iframe')!.getBoundingClientRect().height);

  beforeAll(async () => {
    intranet = await pageServer();
    partner = await pageServer();
    server = await widgetServer({ 'org-hap-lombok': [intranet.origin] });
    ({ conversation: { id: conversationId } } = await conversationToPractice(server, subject, secret));
    intranet.page('/', hostHtml(server.url, { org: 'org-hap-lombok', view: 'inbox', inbox: 'inbox-assistentes' }), {
      'Content-Security-Policy': strictCsp(server.url, partner.origin),
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    await context.addInitScript(VIOLATION_PROBE);
    // Everything any window posts to the intranet page, as the page's own scripts could see it.
    await context.addInitScript(`if (location.origin === ${JSON.stringify(intranet.origin)}) {
      globalThis.__received = [];
      addEventListener('message', (e) => globalThis.__received.push({ origin: e.origin, data: JSON.stringify(e.data) }));
    }`);
    page = await context.newPage();
    const onConsole = (m: ConsoleMessage) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
    };
    page.on('console', onConsole);
    await page.goto(intranet.origin + '/');
  });

  afterAll(async () => {
    await browser?.close();
    await intranet?.close();
    await partner?.close();
    await server?.region.dispose();
  });

  it('signs in inside the frame, shows the shared inbox, opens a conversation and sends a reply the home-care nurse then reads', async () => {
    const frame = await widgetFrame(page, server.url);
    expect(new URL(frame.url()).searchParams.get('host')).toBe(intranet.origin);
    await signInInWidget(frame, server, 'p-jansen');
    await expect.poll(() => frame.getByRole('heading', { name: 'Doktersassistentes' }).count(), { timeout: 15_000 }).toBe(1);
    const row = frame.getByRole('button', { name: new RegExp(`^${subject}`) });
    await row.waitFor();
    // The frame grew to its content: no inner scroll bar, no empty space.
    await expect.poll(async () => Math.abs((await iframeHeight()) - (await frame.evaluate(() => document.getElementById('app')!.getBoundingClientRect().height)))).toBeLessThan(2);

    await row.click();
    await frame.getByText(secret).waitFor();
    await frame.getByLabel('Bericht', { exact: true }).fill(reply);
    await frame.getByRole('button', { name: 'Versturen' }).click();
    const yilmaz = await backendFor(server, 'p-yilmaz');
    await expect.poll(() => messagesAs(yilmaz, conversationId), { timeout: 15_000 }).toContain(reply);
    await frame.getByText(reply).waitFor();
    // R15: the reads and the message are in the audit log as coming from the widget.
    const audit = await server.ctx.store.transaction('read', (tx) => tx.all('audit'));
    const mine = audit.filter((a) => a.userId === 'p-jansen' && (a.objectId === conversationId || a.objectType === 'message'));
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((a) => a.source))).toEqual(new Set(['widget']));
  });

  it('the intranet page\'s scripts cannot read the messages: not in its DOM, not in the shadow root, not through the iframe', async () => {
    const seen = await page.evaluate(() => {
      const host = document.querySelector('netwerkzorg-widget')!;
      const iframe = host.shadowRoot!.querySelector('iframe')!;
      let viaWindow = '';
      try {
        viaWindow = iframe.contentWindow!.document.body.innerText;
      } catch (e) {
        viaWindow = `blocked: ${(e as Error).name}`;
      }
      let storage = '';
      try {
        storage = JSON.stringify({ ...sessionStorage, ...localStorage });
      } catch {
        storage = '';
      }
      return {
        body: document.body.innerText,
        html: document.documentElement.outerHTML,
        shadow: host.shadowRoot!.innerHTML + host.shadowRoot!.textContent,
        contentDocument: iframe.contentDocument === null ? null : 'readable',
        viaWindow,
        storage,
        cookies: document.cookie,
      };
    });
    expect(seen.contentDocument).toBeNull();
    // What reached the intranet page by postMessage: "ready" and heights, from the server's origin, nothing else.
    const received = await page.evaluate(() => (globalThis as unknown as { __received: { origin: string; data: string }[] }).__received);
    expect(received.length).toBeGreaterThan(0);
    for (const m of received) {
      expect(m.origin).toBe(server.url);
      expect(Object.keys(JSON.parse(m.data)).sort()).toEqual(JSON.parse(m.data).type === 'ready' ? ['protocol', 'type'] : ['height', 'protocol', 'type']);
    }
    expect(seen.viaWindow).toMatch(/^blocked: SecurityError/);
    for (const text of [seen.body, seen.html, seen.shadow, seen.storage, seen.cookies]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(reply);
      expect(text).not.toContain(subject);
      expect(text).not.toMatch(/token/i);
    }
  });

  it('a forged postMessage changes nothing: not from the intranet page to the loader, not from another frame to the widget', async () => {
    const frame = await widgetFrame(page, server.url);
    /** A valid message from the page, acted on by the frame: it reads the conversation again. */
    const reopen = async () => {
      const reread = page.waitForRequest((r) => r.url().endsWith('/api/v1/ops/readConversation') && r.postData()?.includes(conversationId) === true);
      await page.evaluate(({ protocol, server, id }) => {
        const iframe = document.querySelector('netwerkzorg-widget')!.shadowRoot!.querySelector('iframe')!;
        iframe.contentWindow!.postMessage({ protocol, type: 'navigate', view: 'conversation', conversation: id }, server);
      }, { protocol: PROTOCOL, server: server.url, id: conversationId });
      await reread;
      await frame.getByText(reply).waitFor();
    };
    await reopen();
    const before = await iframeHeight();
    // The intranet page pretends to be the frame …
    await page.evaluate((protocol) => {
      window.postMessage({ protocol, type: 'resize', height: 9 }, '*');
    }, PROTOCOL);
    // … a frame of another site on the page tries to steer the widget (back to the inbox) and to resize it …
    partner.page('/feed', `<!doctype html><title>Nieuws</title><script>
      for (let i = 0; i < parent.frames.length; i++) {
        parent.frames[i].postMessage({ protocol: '${PROTOCOL}', type: 'navigate', view: 'inbox', inbox: 'inbox-assistentes' }, '*');
      }
      parent.postMessage({ protocol: '${PROTOCOL}', type: 'resize', height: 7 }, '*');
      document.title = 'sent';
    </script>`);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      f.id = 'partner';
      f.title = 'Nieuws';
      document.body.append(f);
    }, `${partner.origin}/feed`);
    await expect.poll(() => page.frames().find((f) => f.url().startsWith(partner.origin))?.title()).toBe('sent');
    // … and the page sends the frame messages outside the protocol.
    await page.evaluate(({ protocol, server }) => {
      const iframe = document.querySelector('netwerkzorg-widget')!.shadowRoot!.querySelector('iframe')!;
      iframe.contentWindow!.postMessage({ protocol, type: 'signIn', email: 'x', password: 'y' }, server);
      iframe.contentWindow!.postMessage({ protocol, type: 'navigate', view: 'admin' }, server);
      iframe.contentWindow!.postMessage({ protocol, type: 'navigate', view: 'conversation', conversation: '<img src=x>' }, server);
      iframe.contentWindow!.postMessage('navigate', server);
    }, { protocol: PROTOCOL, server: server.url });
    // The positive signal: a valid message sent after them is acted on. Messages are handled in the order sent, so
    // every forged one above was handled (and ignored) before it.
    await reopen();
    await expect.poll(iframeHeight).toBe(before);
    // Still the conversation the user opened, with its messages.
    await frame.getByText(reply).waitFor({ timeout: 1000 });
    expect(await frame.getByRole('heading', { name: subject }).count()).toBe(1);
    await page.evaluate(() => document.getElementById('partner')?.remove());
  });

  it('the loader tells the frame to show another screen when the page changes the element\'s attributes', async () => {
    const frame = await widgetFrame(page, server.url);
    // The user went from the inbox to a conversation inside the frame; the element still says view="inbox".
    await page.evaluate((id) => {
      const el = document.querySelector('netwerkzorg-widget')!;
      el.setAttribute('conversation', id);
      el.setAttribute('view', 'conversation');
    }, conversationId);
    await frame.getByRole('heading', { name: subject }).waitFor();
    await page.evaluate(() => document.querySelector('netwerkzorg-widget')!.setAttribute('view', 'inbox'));
    await frame.getByRole('heading', { name: 'Doktersassistentes' }).waitFor();
    // The same frame: the sign-in stayed.
    expect(await frame.getByLabel('Wachtwoord').count()).toBe(0);
  });

  it('axe-core finds no serious or critical violation inside the widget frame', async () => {
    const frame = await widgetFrame(page, server.url);
    await frame.getByRole('heading', { name: 'Doktersassistentes' }).waitFor();
    expect(await seriousViolations(frame)).toEqual([]);
    await page.evaluate(() => document.querySelector('netwerkzorg-widget')!.setAttribute('view', 'conversation'));
    await frame.getByRole('heading', { name: subject }).waitFor();
    expect(await seriousViolations(frame)).toEqual([]);
  });

  it('the strict CSP of the intranet page and the embed page\'s own CSP log no violation', async () => {
    const frame = await widgetFrame(page, server.url);
    const inPage = await page.evaluate(() => (globalThis as unknown as { __cspViolations: unknown[] }).__cspViolations);
    const inFrame = await frame.evaluate(() => (globalThis as unknown as { __cspViolations: unknown[] }).__cspViolations);
    expect(inPage).toEqual([]);
    expect(inFrame).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('removing the element removes the iframe and every listener the loader added', async () => {
    const cdp = await context.newCDPSession(page);
    const messageListeners = async () => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return listeners.filter((l) => l.type === 'message').length;
    };
    const withWidget = await messageListeners();
    expect(withWidget).toBeGreaterThan(0);
    const left = await page.evaluateHandle(() => {
      const el = document.querySelector('netwerkzorg-widget')!;
      el.remove();
      return el;
    });
    await expect.poll(() => page.frames().filter((f) => f.url().startsWith(server.url)).length).toBe(0);
    expect(await messageListeners()).toBe(withWidget - 1);
    expect(await left.evaluate((el) => el.shadowRoot!.querySelectorAll('iframe').length)).toBe(0);
  });
});
