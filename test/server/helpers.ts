import { signIn } from '../../lib/backend/http/auth-client';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { DEMO_PASSWORD } from '../../server/seed';
import type { OperationRegistry } from '../../lib/contract/operations';
import type { RunningServer } from '../../server/server';
import { pgliteRegion, startRegion } from '../contract/http-harness';

export type TestServer = Awaited<ReturnType<typeof startRegion>>;

/** A clock tests can move. */
export function testClock(start = Date.now()) {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/** The reference server on a fresh copy of the seeded demo region (PGlite). */
export async function pgliteServer(
  options: { now?: () => Date; config?: Partial<RunningServer['ctx']['config']>; operations?: OperationRegistry } = {},
): Promise<TestServer> {
  const db = await pgliteRegion();
  return startRegion({ ...db, config: { ...db.config, ...options.config } }, { now: options.now, operations: options.operations });
}

export async function emailOf(server: RunningServer, id: string): Promise<string> {
  const p = await server.ctx.store.transaction('read', (tx) => tx.get('professionals', id));
  if (!p) throw new Error(`no ${id}`);
  return p.email;
}

export async function tokenFor(server: RunningServer, id: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await signIn(server.url, { email: await emailOf(server, id), password });
  if (!r.ok) throw new Error(`sign-in ${id}: ${r.code} ${r.detail ?? ''}`);
  return r.value.token;
}

export async function backendFor(server: RunningServer, id: string): Promise<HttpBackend> {
  return new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(await tokenFor(server, id)) });
}

/** A raw POST, for what HttpBackend would not send. */
export async function post(server: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json: json as Record<string, unknown>, text };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface SseEvent { event: string; data: string }

/** Reads a Server-Sent Events stream with fetch, so a test can wait for the event it expects. */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const ev: SseEvent = { event: 'message', data: '' };
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) ev.event = line.slice(6).trim();
              else if (line.startsWith('data:')) ev.data += line.slice(5).trim();
            }
            if (block.split('\n').some((l) => l.startsWith('data:'))) events.push(ev);
            waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        /* aborted */
      } finally {
        ended = true;
        waiters.splice(0).forEach((w) => w());
      }
    })();
  } else {
    ended = true;
  }
  return {
    status: res.status,
    events,
    get ended() {
      return ended;
    },
    /** Waits for an event matching `pred` (or the stream's end with `pred` undefined). */
    async next(pred: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(pred);
        if (found) return found;
        if (ended) throw new Error('stream ended');
        if (Date.now() > deadline) throw new Error('no such event in time');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    async waitEnd(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return ended;
    },
    close() {
      controller.abort();
    },
  };
}
