import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import type { HttpBackend } from '../../../lib/backend/http/http-backend';
import { DEMO_PASSWORD } from '../../../server/seed';
import type { EmbedOrigins } from '../../../server/embed-origins';
import { backendFor, emailOf, pgliteServer, type TestServer } from '../../server/helpers';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A hash of everything the widget is built from, so a build is reused exactly while its sources stay the same. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(tsx?|css|html)$/.test(entry.name)) hash.update(rel).update('\0').update(readFileSync(join(REPO, rel))).update('\0');
    }
  };
  for (const dir of ['widget', 'embed', 'components', 'lib']) walk(dir);
  hash.update(readFileSync(join(REPO, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

let built: Promise<string> | undefined;
/**
 * The widget, built into a private folder under the temp directory named by a
 * hash of its sources: test files (and runs) share one build, and no one
 * else's build in this checkout can change it. NZ_WIDGET_DIR names a build to use instead.
 */
export function widgetDir(): Promise<string> {
  built ??= (async () => {
    const given = process.env.NZ_WIDGET_DIR;
    if (given && existsSync(join(given, 'widget.js'))) return given;
    const dir = join(tmpdir(), `nz-widget-${sourceHash()}`);
    if (existsSync(join(dir, 'embed', 'index.html'))) return dir;
    const { buildWidget } = await import('../../../widget/build');
    const partial = mkdtempSync(`${dir}.tmp-`);
    await buildWidget(partial);
    try {
      renameSync(partial, dir);
    } catch {
      // Another test process finished the same build first: use theirs.
      rmSync(partial, { recursive: true, force: true });
    }
    return dir;
  })();
  return built;
}

/** The reference server on the demo region, serving the widget, allowing these intranet origins. */
export async function widgetServer(embedOrigins: EmbedOrigins): Promise<TestServer> {
  return pgliteServer({ config: { widgetDir: await widgetDir(), embedOrigins } });
}

export interface PageServer {
  origin: string;
  /** Sets what a path answers (an HTML page, with response headers such as a CSP). */
  page(path: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** A web server on its own origin (127.0.0.1, a free port): the intranet, or a page that may not show the widget. */
export async function pageServer(): Promise<PageServer> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const http: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const p = pages.get(path);
    if (!p) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...p.headers }).end(p.html);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    page: (path, html, headers = {}) => void pages.set(path, { html, headers }),
    close: () => new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    }),
  };
}

/** A strict intranet CSP: scripts and frames only from the server (and frames from `partners`), no inline script or style at all. */
export const strictCsp = (server: string, ...partners: string[]) =>
  `default-src 'none'; script-src ${server}; frame-src ${[server, ...partners].join(' ')}; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'`;

/** An intranet page with the loader and one widget element (attributes as given). */
export function hostHtml(server: string, attrs: Record<string, string | true>, body = '') {
  const a = Object.entries(attrs).map(([k, v]) => (v === true ? k : `${k}="${v}"`)).join(' ');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Intranet</title>
<script src="${server}/widget.js"></script></head>
<body><h1>Intranet</h1>${body}<netwerkzorg-widget server="${server}" ${a}></netwerkzorg-widget></body></html>`;
}

/** The widget's frame (the embed page), once it is there. */
export async function widgetFrame(page: Page, server: string): Promise<Frame> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(`${server}/embed/`));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('no widget frame');
    await page.waitForTimeout(50);
  }
}

/** Signs in inside the widget's frame, as a demo person. */
export async function signInInWidget(frame: Frame, server: TestServer, id: string) {
  await frame.getByLabel('E-mailadres').fill(await emailOf(server, id));
  await frame.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await frame.getByRole('button', { name: 'Aanmelden' }).click();
}

/**
 * A conversation from home care (Yusuf Yilmaz) to the GP practice's shared
 * inbox "Doktersassistentes", about a new client with consent and a network.
 */
export async function conversationToPractice(server: TestServer, subject: string, text: string) {
  const yilmaz = await backendFor(server, 'p-yilmaz');
  const must = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; code: string }>) => {
    const r = await p;
    if (!r.ok) throw new Error(`refused: ${r.code}`);
    return r.value;
  };
  const client = await must(yilmaz.call('createClient', { name: 'Wim de Widget', birthDate: '1939-04-02' }));
  const consentText = await must(yilmaz.call('currentConsentText', {}));
  await must(yilmaz.call('recordConsent', { clientId: client.id, textId: consentText!.id, givenBy: { kind: 'client' }, method: 'verbal' }));
  const network = await must(yilmaz.call('createNetwork', { clientId: client.id }));
  const conversation = await must(yilmaz.call('startConversation', {
    networkId: network.id, subject, inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text,
  }));
  return { yilmaz, client, network, conversation, must };
}

/** The texts of a conversation's messages as another user reads them over the API. */
export async function messagesAs(backend: HttpBackend, conversationId: string): Promise<string[]> {
  const r = await backend.call('readConversation', { conversationId });
  if (!r.ok) throw new Error(`readConversation refused: ${r.code}`);
  return r.value.messages.map((m) => m.text);
}

/** Collects CSP violations in every frame of pages of this context (and console errors mentioning a CSP). */
export const VIOLATION_PROBE = `(() => {
  globalThis.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    globalThis.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
  });
})();`;
