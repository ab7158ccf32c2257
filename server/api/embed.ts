import type { Context, Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ServerContext } from '../context';
import { originsFor } from '../embed-origins';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Where `widget/build.ts` puts the loader and the embed page unless told otherwise. */
export const defaultWidgetDir = () => resolve(REPO, process.env.NZ_OUT_DIR || '.output', 'widget');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

interface Served { body: Buffer; gzip: Buffer; type: string; mtimeMs: number }

/**
 * The built files, read once and gzipped once (kept while unchanged on
 * disk), so the embed page's first load costs the server no work per request.
 */
function fileCache(dir: () => string) {
  const cache = new Map<string, Served>();
  return async (...parts: string[]): Promise<Served | null> => {
    const root = resolve(dir());
    // Names as the build makes them: no `..`, no `.` segments, no backslashes, nothing hidden.
    if (parts.join('/').split('/').some((part) => !/^[\w-][\w.-]*$/.test(part))) return null;
    const path = normalize(join(root, ...parts));
    if (!path.startsWith(root + sep) || !TYPES[extname(path)]) return null;
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const known = cache.get(path);
    if (known && known.mtimeMs === info.mtimeMs) return known;
    const body = await readFile(path);
    const served = { body, gzip: gzipSync(body), type: TYPES[extname(path)]!, mtimeMs: info.mtimeMs };
    cache.set(path, served);
    return served;
  };
}

function send(c: Context, file: Served, headers: Record<string, string>) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  c.header('Content-Type', file.type);
  c.header('Vary', 'Accept-Encoding');
  const gzip = /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
  if (gzip) c.header('Content-Encoding', 'gzip');
  return c.body(new Uint8Array(gzip ? file.gzip : file.body));
}

/**
 * The embed page's CSP: only its own scripts, styles and API; framed only by the organisation's intranet origins.
 * Images also from `blob:`: a message's photos are fetched with the session and shown from memory (R20).
 */
export const embedCsp = (origins: readonly string[]) => [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' blob:", "font-src 'self'",
  `frame-ancestors ${origins.join(' ')}`, "base-uri 'none'", "form-action 'none'",
].join('; ');

const REFUSED_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const REFUSED_PAGE = `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Netwerkzorg</title>
<p>Netwerkzorg kan op deze pagina niet worden getoond. / Netwerkzorg cannot be shown on this page.</p></html>`;

/**
 * The widget: the loader at /widget.js (any page may load it; it is
 * harmless on its own) and the embed page under /embed/, which answers only
 * when the request names an organisation (`org`) and the intranet page's
 * origin (`host`) is one that organisation allowed — and then forbids every
 * other framing page through frame-ancestors, so a page elsewhere gets no
 * working frame even if it forges `host`.
 */
export function embedRoutes(app: Hono, ctx: ServerContext) {
  const dir = () => ctx.config.widgetDir ?? defaultWidgetDir();
  const file = fileCache(dir);
  const notBuilt = (c: Context) => {
    c.header('Cache-Control', 'no-store');
    // A missing build is a missing file (and not a server fault): 404, saying how to make it.
    return c.text('The widget is not built on this server (node --import tsx widget/build.ts).', 404);
  };

  app.get('/widget.js', async (c) => {
    const f = await file('widget.js');
    if (!f) return notBuilt(c);
    // Loaded by intranet pages of other origins (also under Cross-Origin-Embedder-Policy).
    return send(c, f, { 'Cache-Control': 'public, max-age=300', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  });

  app.get('/embed', (c) => c.redirect(`/embed/${new URL(c.req.url).search}`, 308));

  app.get('/embed/*', async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice('/embed/'.length));
    } catch {
      return c.notFound();
    }
    if (rel.startsWith('assets/')) {
      const f = await file('embed', rel);
      if (!f) return c.notFound();
      return send(c, f, { 'Cache-Control': 'public, max-age=31536000, immutable', 'Cross-Origin-Resource-Policy': 'same-origin' });
    }
    if (rel !== '' && !/^[\w-]+\.html$/.test(rel)) return c.notFound();
    const org = c.req.query('org');
    const host = c.req.query('host');
    const origins = originsFor(ctx.config.embedOrigins, org);
    c.header('Cache-Control', 'no-store');
    if (!host || !origins.includes(host)) {
      c.header('Content-Security-Policy', REFUSED_CSP);
      return c.html(REFUSED_PAGE, 403);
    }
    const f = await file('embed', rel || 'index.html');
    if (!f) return rel ? c.notFound() : notBuilt(c);
    return send(c, f, { 'Content-Security-Policy': embedCsp(origins), 'Cache-Control': 'no-store' });
  });
}
