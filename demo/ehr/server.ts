import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Static pages of the two demo record systems, each on its own origin as
 * in real life: the GP system (`/his/`) and the home-care record (`/ecd/`).
 * Nothing is started on import; tests and `npm start` call `serveEhrDemo`.
 */

const DEMO_ROOT = fileURLToPath(new URL('../../demo/ehr/', import.meta.url));

export interface EhrDemo {
  /** e.g. `http://127.0.0.1:8788/his/` */
  his: string;
  /** e.g. `http://127.0.0.1:8789/ecd/` */
  ecd: string;
  close(): Promise<void>;
}

/** The file a path names within one system's folder, or null; never a file outside it. */
export function demoFile(system: 'his' | 'ecd', pathname: string): string | null {
  if (!pathname.startsWith(`/${system}/`)) return null;
  const rest = pathname.slice(`/${system}/`.length);
  if (rest === '') return 'index.html';
  // The home-care record links its clients as `/ecd/clienten/40117`.
  const client = system === 'ecd' ? /^clienten\/(\d{1,9})$/.exec(rest) : null;
  if (client) return `client-${client[1]}.html`;
  return /^[a-z0-9-]+\.html$/.test(rest) ? rest : null;
}

function systemServer(system: 'his' | 'ecd', root: string): Server {
  return createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://demo');
    if (pathname === '/' || pathname === `/${system}`) {
      res.writeHead(302, { location: `/${system}/` }).end();
      return;
    }
    const file = demoFile(system, pathname);
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Niet gevonden');
      return;
    }
    readFile(`${root}${system}/${file}`).then(
      (body) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Niet gevonden'),
    );
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Serves the GP system on `port` and the home-care record on `port + 1`
 * (8788 and 8789 by default); port 0 picks two free ports.
 */
export async function serveEhrDemo(port = 8788, { host = '127.0.0.1', root = DEMO_ROOT } = {}): Promise<EhrDemo> {
  const servers = [systemServer('his', root), systemServer('ecd', root)] as const;
  const close = () => Promise.all(servers.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r())))).then(() => undefined);
  try {
    const hisPort = await listen(servers[0], port, host);
    const ecdPort = await listen(servers[1], port === 0 ? 0 : port + 1, host);
    return { his: `http://${host}:${hisPort}/his/`, ecd: `http://${host}:${ecdPort}/ecd/`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
