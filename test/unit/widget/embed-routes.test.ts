import { Hono } from 'hono';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { embedRoutes } from '../../../server/api/embed';
import { security } from '../../../server/api/security';
import type { ServerContext } from '../../../server/context';
import { testConfig } from '../../contract/http-harness';

const INTRANET = 'https://intranet.lombok.nl';

/** The server's headers and the widget's routes over a small stand-in for the built widget. */
function widgetApp(widgetDir: string) {
  const ctx = { config: testConfig({ widgetDir, embedOrigins: { 'org-hap-lombok': [INTRANET, 'http://127.0.0.1:8790'] } }), log: () => {} } as unknown as ServerContext;
  const app = new Hono();
  security(app, ctx);
  embedRoutes(app, ctx);
  return app;
}

const dir = mkdtempSync(join(tmpdir(), 'nz-widget-routes-'));
mkdirSync(join(dir, 'embed', 'assets'), { recursive: true });
writeFileSync(join(dir, 'widget.js'), '/* loader */ customElements;');
writeFileSync(join(dir, 'embed', 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="./assets/index-abc.js"></script>');
writeFileSync(join(dir, 'embed', 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'not for the web');
const app = widgetApp(dir);
const page = (query: string) => app.request(`/embed/?${query}`);
const q = (org: string, host: string) => `org=${org}&host=${encodeURIComponent(host)}&view=inbox`;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server serves the widget', () => {
  it('serves the loader to any page, gzipped when asked, loadable cross-origin', async () => {
    const res = await app.request('/widget.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toContain('customElements');
    const plain = await app.request('/widget.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('customElements');
  });

  it('serves the embed page to an allowed intranet origin, with a CSP that lets only that organisation\'s origins frame it', async () => {
    const res = await page(q('org-hap-lombok', INTRANET));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain(`frame-ancestors ${INTRANET} http://127.0.0.1:8790;`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<div id="app">');
  });

  it.each([
    ['another origin', q('org-hap-lombok', 'https://evil.example')],
    ['an origin with a path', q('org-hap-lombok', `${INTRANET}/x`)],
    ['no host', 'org=org-hap-lombok'],
    ['an organisation that allowed nothing', q('org-zorgzaam', INTRANET)],
    ['no organisation', `host=${encodeURIComponent(INTRANET)}`],
    ['a prototype key as organisation', q('__proto__', INTRANET)],
  ])('refuses the embed page for %s: no app, no framing at all', async (_what, query) => {
    const res = await page(query);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).not.toContain('id="app"');
  });

  it('serves hashed assets for a long time, and nothing outside the embed folder', async () => {
    const asset = await app.request('/embed/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/embed/assets/..%2f..%2fsecret.txt', '/embed/assets/..%2F..%2Fwidget.js', '/embed/..%2fsecret.txt', '/embed/assets/%2e%2e/%2e%2e/secret.txt', '/embed/assets/%E0%A4%A', '/embed/assets/nope.js', '/embed/widget.js']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
  });

  it('/embed without the slash moves to /embed/ with its query', async () => {
    const res = await app.request(`/embed?${q('org-hap-lombok', INTRANET)}`);
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`/embed/?${q('org-hap-lombok', INTRANET)}`);
  });

  it('says so when the widget is not built', async () => {
    const empty = widgetApp(join(dir, 'missing'));
    for (const res of [await empty.request('/widget.js'), await empty.request(`/embed/?${q('org-hap-lombok', INTRANET)}`)]) {
      expect(res.status).toBe(404);
      expect(await res.text()).toMatch(/not built/);
    }
  });

  it('the API keeps refusing to be framed', async () => {
    const res = await app.request('/api/v1/nothing');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
