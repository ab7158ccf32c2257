// The demo intranet page of a GP practice, embedding the Netwerkzorg widget,
// on its own origin (port 8790 by default; the server's demo configuration
// allows exactly that origin for org-hap-lombok, see server/embed-origins.ts).
//
//   import { serveIntranetDemo } from './demo/intranet/serve.mjs';
//   const demo = await serveIntranetDemo({ port: 8790, serverUrl: 'http://127.0.0.1:8787' });
//
// or on its own: node demo/intranet/serve.mjs [port] [serverUrl]
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const FILES = { '/': ['index.html', 'text/html; charset=utf-8'], '/index.html': ['index.html', 'text/html; charset=utf-8'], '/intranet.css': ['intranet.css', 'text/css; charset=utf-8'] };

/**
 * What an intranet with a strict CSP would send: scripts and frames only from
 * the Netwerkzorg server, styles only from itself (nothing inline).
 * @param {string} server the Netwerkzorg server's origin
 */
export const intranetCsp = (server) =>
  `default-src 'self'; script-src ${server}; frame-src ${server}; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'`;

/**
 * Serves the demo intranet page. Resolves when it listens.
 * @param {{ port?: number, host?: string, serverUrl?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function serveIntranetDemo({ port = 8790, host = '127.0.0.1', serverUrl = 'http://127.0.0.1:8787' } = {}) {
  const server = new URL(serverUrl).origin;
  const http = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = FILES[/** @type {keyof typeof FILES} */ (path)];
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const text = (await readFile(`${here}${file[0]}`, 'utf8')).replaceAll('{{SERVER}}', server);
    res.writeHead(200, {
      'Content-Type': file[1],
      'Content-Security-Policy': intranetCsp(server),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    }).end(req.method === 'HEAD' ? undefined : text);
  });
  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (http.address());
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    close: () => new Promise((resolve) => {
      http.close(() => resolve(undefined));
      http.closeAllConnections();
    }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const demo = await serveIntranetDemo({ port: Number(process.argv[2] ?? 8790), serverUrl: process.argv[3] ?? 'http://127.0.0.1:8787' });
  process.stdout.write(`Demo intranet page (with the widget): ${demo.url}\n`);
}
