import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppModel, AppState } from '../../../lib/app/app';
import { POLL_MS, RETRY_MS, startLive, type LiveModel, type StreamLike } from '../../../lib/app/live';
import { createRouter } from '../../../lib/app/router';
import type { Result } from '../../../lib/contract/result';

/** An EventSource stand-in: the test plays the server's side. */
class FakeStream implements StreamLike {
  closed = false;
  private listeners = new Map<string, ((e: { data?: unknown }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, fn: (e: { data?: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: object) {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: data && JSON.stringify(data) });
  }
}

/** Resolves what is waiting on promises (and fake timers due now), without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

let state: ReturnType<typeof signal<AppState>>;
let router: ReturnType<typeof createRouter>;
let refresh: ReturnType<typeof vi.fn<() => Promise<void>>>;
let reload: ReturnType<typeof vi.fn<() => Promise<void>>>;
let view: ReturnType<typeof signal<{ emergency: boolean } | null>>;
let streams: FakeStream[];
let tickets: Result<string>[];
let visible: () => void;
let live: LiveModel;

function start(server = true) {
  const app = { state, router, refresh, conversation: { refresh: reload, view } } as unknown as AppModel;
  let n = 0;
  live = startLive(app, {
    streamUrl: server ? async () => tickets.shift() ?? { ok: true, value: `https://nz.test/api/v1/events?ticket=t${++n}` } : undefined,
    open: (url) => {
      const s = new FakeStream(url);
      streams.push(s);
      return s;
    },
    page: {
      onVisible: (fn) => {
        visible = fn;
        return () => (visible = () => undefined);
      },
    },
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  state = signal<AppState>('loading');
  router = createRouter();
  refresh = vi.fn(async () => undefined);
  reload = vi.fn(async () => undefined);
  view = signal<{ emergency: boolean } | null>({ emergency: false });
  streams = [];
  tickets = [];
});
afterEach(() => {
  live?.stop();
  vi.useRealTimers();
});

describe('live updates from the server’s event stream', () => {
  it('opens the stream with a one-time ticket once signed in, and reads the lists when it is ready', async () => {
    start();
    await settle();
    expect(streams).toHaveLength(0);
    state.value = 'ready';
    await settle();
    expect(streams.map((s) => s.url)).toEqual(['https://nz.test/api/v1/events?ticket=t1']);
    streams[0]!.emit('ready', {});
    await settle();
    expect(live.connected.value).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('a burst of events costs one refresh at a time: the running one, and one more after it', async () => {
    let finish = () => {};
    refresh.mockImplementation(() => new Promise<void>((r) => (finish = r)));
    state.value = 'ready';
    start();
    await settle();
    const s = streams[0]!;
    s.emit('ready', {});
    for (let i = 0; i < 5; i++) s.emit('inbox', { type: 'inbox', via: 'inbox-assistentes', conversationId: `c-${i}` });
    await settle();
    expect(refresh).toHaveBeenCalledTimes(1);
    finish();
    await settle();
    expect(refresh).toHaveBeenCalledTimes(2);
    finish();
    await settle();
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('reads the open conversation again only when an event names it', async () => {
    state.value = 'ready';
    router.go({ name: 'conversation', id: 'c-open' });
    start();
    await settle();
    const s = streams[0]!;
    s.emit('ready', {});
    await settle();
    s.emit('conversation', { type: 'conversation', conversationId: 'c-other' });
    await settle();
    expect(reload).not.toHaveBeenCalled();
    const listsBefore = refresh.mock.calls.length;
    s.emit('conversation', { type: 'conversation', conversationId: 'c-open' });
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
    // News of the open conversation alone is shown in it: the lists wait until it is left (one request, not three).
    expect(refresh).toHaveBeenCalledTimes(listsBefore);
    // Not JSON, or no conversation named: the lists are read, the conversation is not.
    s.emit('inbox', { nonsense: true });
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledTimes(listsBefore + 1);
  });

  it('a dropped stream is closed and opened again with a fresh ticket, waiting longer after each failure', async () => {
    state.value = 'ready';
    router.go({ name: 'conversation', id: 'c-open' });
    start();
    await settle();
    streams[0]!.emit('ready', {});
    streams[0]!.emit('error');
    expect(streams[0]!.closed).toBe(true);
    expect(live.connected.value).toBe(false);
    tickets.push({ ok: false, code: 'unavailable' });
    await vi.advanceTimersByTimeAsync(RETRY_MS[0]! - 1);
    expect(streams).toHaveLength(1);
    // The first try finds the server unreachable: the next waits one step longer.
    await vi.advanceTimersByTimeAsync(1);
    expect(streams).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(RETRY_MS[1]! - 1);
    expect(streams).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(streams.map((s) => s.url)).toEqual([
      'https://nz.test/api/v1/events?ticket=t1', 'https://nz.test/api/v1/events?ticket=t2',
    ]);
    // Back after a gap: whatever changed meanwhile is read, the open conversation too.
    reload.mockClear();
    streams[1]!.emit('ready', {});
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
    // Events of the stream that was dropped are ignored.
    streams[0]!.emit('conversation', { type: 'conversation', conversationId: 'c-open' });
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('closes the stream on sign-out and opens none until signed in again; stop() closes it for good', async () => {
    state.value = 'ready';
    start();
    await settle();
    state.value = 'signedOut';
    expect(streams[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(RETRY_MS.at(-1)! * 2);
    expect(streams).toHaveLength(1);
    state.value = 'loading';
    state.value = 'ready';
    await settle();
    expect(streams).toHaveLength(2);
    live.stop();
    expect(streams[1]!.closed).toBe(true);
    state.value = 'loading';
    state.value = 'ready';
    await vi.advanceTimersByTimeAsync(RETRY_MS.at(-1)! * 2);
    expect(streams).toHaveLength(2);
  });

  it('a ticket refused as not signed in opens nothing and lets the lists find out (the sign-in form comes back)', async () => {
    tickets.push({ ok: false, code: 'not-signed-in' });
    state.value = 'ready';
    start();
    await settle();
    expect(streams).toHaveLength(0);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RETRY_MS.at(-1)! * 2);
    expect(streams).toHaveLength(0);
  });

  it('does not poll while the stream is open; does when it is down', async () => {
    state.value = 'ready';
    start();
    await settle();
    streams[0]!.emit('ready', {});
    await settle();
    refresh.mockClear();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(refresh).not.toHaveBeenCalled();
    tickets.push(...Array.from({ length: 20 }, () => ({ ok: false, code: 'unavailable' }) as const));
    streams[0]!.emit('error');
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe('without a server (training mode)', () => {
  it('opens no stream, reads the lists every minute and when the page is seen again', async () => {
    state.value = 'ready';
    start(false);
    await settle();
    expect(streams).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
    visible();
    await settle();
    expect(refresh).toHaveBeenCalledTimes(2);
    live.stop();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
