import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A small seeded generator (mulberry32): the same seed makes the same faults, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Answer { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** One request to the server behind the proxy; rejects when it cannot be reached (stopped, restarting). */
function forward(upstream: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, upstream);
    const req = request(url, { method, headers: { ...headers, host: url.host, connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const readBody = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks)));
  req.on('error', reject);
});

export interface FaultCounts {
  refused: number;
  /** The server stored the message, the client never heard: it must send it again. */
  answerLost: number;
  /** The request reached the server twice, back to back. */
  replayed: number;
  /** A copy of the request reached the server again later, after others. */
  lateReplayed: number;
}

export interface FaultProxy {
  origin: string;
  /** Where the server is now (it moves when it restarts). */
  upstream: string;
  /** "The server is down": every connection is cut, in-flight answers included, until `up`. */
  down(): void;
  up(): void;
  readonly counts: FaultCounts;
  /** Requests not answered yet, for a failure's report. */
  inFlight(): { path: string; phase: string; ms: number }[];
  /** Copies still to arrive late: the test waits for them before it checks. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the reference server that injects faults at
 * random (from `random`): it cuts every connection while "down", and for
 * postMessage it loses answers, sends requests twice, or sends a copy again
 * later. Only the transport misbehaves; what the server answers is passed on.
 */
export async function faultProxy(upstream: string, random: () => number): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const late = new Set<Promise<unknown>>();
  const counts: FaultCounts = { refused: 0, answerLost: 0, replayed: 0, lateReplayed: 0 };
  let isDown = false;
  const inFlight = new Set<{ path: string; phase: string; since: number }>();

  const send = (res: ServerResponse, a: Answer) => {
    const headers = { ...a.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(a.status, { ...headers, 'content-length': String(a.body.length) }).end(a.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const mark = { path: req.url ?? '/', phase: 'body', since: Date.now() };
    inFlight.add(mark);
    res.on('close', () => inFlight.delete(mark));
    if (isDown) {
      counts.refused++;
      return void req.socket.destroy();
    }
    const body = await readBody(req);
    mark.phase = 'server';
    const path = req.url ?? '/';
    const go = () => forward(proxy.upstream, req.method ?? 'GET', path, req.headers, body);
    const fault = path.endsWith('/ops/postMessage') && req.method === 'POST' ? random() : 1;
    try {
      if (fault < 0.08) {
        await go();
        counts.answerLost++;
        return void req.socket.destroy();
      }
      if (fault < 0.16) {
        await go();
        counts.replayed++;
        return send(res, await go());
      }
      const answer = await go();
      if (fault < 0.22) {
        counts.lateReplayed++;
        const delay = 200 + random() * 2000;
        const copy = new Promise((r) => setTimeout(r, delay)).then(go).catch(() => undefined);
        late.add(copy);
        void copy.finally(() => late.delete(copy));
      }
      // Cut while the server answered: the answer is lost like the rest.
      if (isDown) return void req.socket.destroy();
      send(res, answer);
    } catch {
      // The server is stopped or restarting: the client sees the connection fail.
      req.socket.destroy();
    }
  };

  const http: Server = createServer((req, res) => void handle(req, res));
  http.on('connection', (s) => {
    if (isDown) {
      counts.refused++;
      return void s.destroy();
    }
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const proxy: FaultProxy = {
    origin: `http://127.0.0.1:${port}`,
    upstream,
    counts,
    down() {
      isDown = true;
      for (const s of sockets) s.destroy();
    },
    up() {
      isDown = false;
    },
    inFlight: () => [...inFlight].map((m) => ({ path: m.path, phase: m.phase, ms: Date.now() - m.since })),
    async settled() {
      while (late.size) await Promise.all([...late]);
    },
    close: () => new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    }),
  };
  return proxy;
}
