import { randomUUID } from 'node:crypto';
import http from 'node:http';

/**
 * A light HTTP client for load on loopback: node:http with keep-alive
 * sockets (one per concurrent client), so the client spends as little of
 * the two cores as it can; the server gets the rest.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Answer { status: number; body: string }

function send(url: string, path: string, method: 'GET' | 'POST', data?: Buffer, headers: Record<string, string | number> = {}): Promise<Answer> {
  const u = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}

export function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const data = Buffer.from(JSON.stringify(body));
  return send(url, path, 'POST', data, { 'Content-Type': 'application/json', 'Content-Length': data.length, ...headers });
}

export const getPath = (url: string, path: string, headers: Record<string, string> = {}): Promise<Answer> => send(url, path, 'GET', undefined, headers);

/** `POST /api/v1/ops/:op` as a signed-in person; commands get a fresh Idempotency-Key. */
export function op(url: string, token: string, name: string, input: unknown, command = true): Promise<Answer> {
  return postJson(url, `/api/v1/ops/${name}`, input, {
    Authorization: `Bearer ${token}`, ...(command ? { 'Idempotency-Key': randomUUID() } : {}),
  });
}

export interface LoadResult {
  /** Latencies (ms) of the calls that finished after the warm-up, successful or not. */
  latencies: number[];
  /** Successful calls after the warm-up. */
  ok: number;
  /** Failed calls after the warm-up, by what they answered. */
  errors: Map<string, number>;
  /** Seconds measured (after the warm-up). */
  seconds: number;
}

/**
 * `clients` loops, each calling `call(client)` back to back for `warmupMs`
 * + `durationMs` (and at most `maxCalls` calls in all); only what finishes
 * after the warm-up counts. A call resolves to an error text, or undefined
 * when it succeeded.
 */
export async function runLoad(options: {
  clients: number; warmupMs: number; durationMs: number; maxCalls?: number;
  call: (client: number) => Promise<string | undefined>;
}): Promise<LoadResult> {
  const t0 = performance.now();
  const measureFrom = t0 + options.warmupMs;
  const end = measureFrom + options.durationMs;
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let ok = 0;
  let calls = 0;
  let lastEnd = measureFrom;
  await Promise.all(Array.from({ length: options.clients }, async (_, client) => {
    while (performance.now() < end && calls < (options.maxCalls ?? Infinity)) {
      calls++;
      const s = performance.now();
      let error: string | undefined;
      try {
        error = await options.call(client);
      } catch (e) {
        error = (e as Error).message;
      }
      const f = performance.now();
      if (s < measureFrom) continue;
      latencies.push(f - s);
      lastEnd = Math.max(lastEnd, f);
      if (error === undefined) ok++;
      else errors.set(error, (errors.get(error) ?? 0) + 1);
    }
  }));
  return { latencies, ok, errors, seconds: (lastEnd - measureFrom) / 1000 };
}

/** Nearest-rank percentile. */
export function percentile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
