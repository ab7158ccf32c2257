import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { Result } from '../contract/result';
import { coalesce } from '../util/coalesce';
import type { AppModel } from './app';

/** The part of an `EventSource` this model uses (tests pass a fake). */
export interface StreamLike {
  addEventListener(type: string, listener: (e: { data?: unknown }) => void): void;
  close(): void;
}

/** Whether the page is seen, and when it is seen again. */
export interface PageLike {
  onVisible(listener: () => void): () => void;
}

export interface LiveOptions {
  /** A fresh one-time address of the server's event stream; absent in training mode, where nothing changes elsewhere. */
  streamUrl?: () => Promise<Result<string>>;
  open?: (url: string) => StreamLike;
  page?: PageLike;
}

export interface LiveModel {
  /** The event stream is open: what changes elsewhere shows within a moment. */
  connected: ReadonlySignal<boolean>;
  stop(): void;
}

/** Without a stream (training mode, or while it is down) the lists are read again this often. */
export const POLL_MS = 60_000;
/** Waits before opening a dropped stream again, one step further each failed try. */
export const RETRY_MS = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000];

const documentPage: PageLike = {
  onVisible(listener) {
    const onChange = () => document.visibilityState === 'visible' && listener();
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  },
};

/**
 * The conversation an event names. The side panel loads no zod (its first
 * screen's code budget), and an event only says what to read again: what is
 * read is checked where it is fetched. Anything else refreshes the lists only.
 */
function conversationOf(data: unknown): string | undefined {
  try {
    const id = (JSON.parse(String(data)) as { conversationId?: unknown } | null)?.conversationId;
    return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps what the app shows up to date with changes made elsewhere: by the
 * server's event stream when signed in to one (reopened with a fresh ticket
 * and backoff when it drops), otherwise by reading the lists again every
 * minute; and always when the page is seen again. Bursts of events cost one
 * refresh at a time.
 */
export function startLive(app: AppModel, options: LiveOptions = {}): LiveModel {
  const { streamUrl } = options;
  const open = options.open ?? ((url: string) => new EventSource(url));
  const connected = signal(false);

  /**
   * Conversations named since the last refresh; `all` also reads the open one again (after a gap in the
   * stream); `unnamed`: an event that named none, or the timer or the page shown again.
   */
  const named = new Set<string>();
  let all = false;
  let unnamed = false;
  const refresh = coalesce(async () => {
    const reread = all ? null : new Set(named);
    const everything = all || unnamed;
    named.clear();
    all = false;
    unnamed = false;
    if (app.state.value !== 'ready') return;
    const route = app.router.route.value;
    const open = route.name === 'conversation' ? route.id : undefined;
    // Only what is new, not a new read (R15); the model leaves a conversation read under the emergency step alone.
    const openOne = open !== undefined && (!reread || reread.has(open));
    // News of the open conversation alone is shown in it: the lists and counts wait until the person leaves it
    // (it is read then), so each open panel makes one request for a message, not three.
    const lists = everything || !reread || [...reread].some((id) => id !== open);
    await Promise.all([lists ? app.refresh() : null, openOne ? app.conversation.refresh() : null]);
  });
  const changed = (conversationId: string | undefined, everything = false) => {
    if (conversationId) named.add(conversationId);
    else unnamed = true;
    all ||= everything;
    void refresh();
  };

  let stream: StreamLike | null = null;
  let active = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every close: a ticket or timer from before it is dropped. */
  let generation = 0;

  function close() {
    generation++;
    active = false;
    clearTimeout(retry);
    stream?.close();
    stream = null;
    connected.value = false;
  }

  function later() {
    const mine = generation;
    const wait = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
    retry = setTimeout(() => mine === generation && void connect(), wait);
  }

  async function connect() {
    const mine = generation;
    const url = await streamUrl!();
    if (mine !== generation) return;
    if (!url.ok) {
      // Signed out elsewhere: reading the lists finds that out and brings back the sign-in form.
      if (url.code === 'not-signed-in') return void app.refresh();
      return later();
    }
    let s: StreamLike;
    try {
      s = open(url.value);
    } catch {
      return later();
    }
    stream = s;
    const ours = () => stream === s && mine === generation;
    s.addEventListener('ready', () => {
      if (!ours()) return;
      const gap = attempt > 0;
      attempt = 0;
      connected.value = true;
      // What changed before the stream opened (or while it was down) has no event of its own.
      changed(undefined, gap);
    });
    for (const type of ['inbox', 'conversation']) {
      s.addEventListener(type, (e) => ours() && changed(conversationOf(e.data)));
    }
    // A dropped stream would retry with its spent ticket: close it and open a new one.
    s.addEventListener('error', () => {
      if (!ours()) return;
      s.close();
      stream = null;
      connected.value = false;
      later();
    });
  }

  const stopWatching = effect(() => {
    const ready = app.state.value === 'ready';
    untracked(() => {
      if (!ready || !streamUrl) return close();
      if (active) return;
      active = true;
      attempt = 0;
      void connect();
    });
  });
  const timer = setInterval(() => !connected.value && changed(undefined), POLL_MS);
  const stopVisible = (options.page ?? documentPage).onVisible(() => changed(undefined));

  return {
    connected,
    stop() {
      stopWatching();
      stopVisible();
      clearInterval(timer);
      close();
    },
  };
}
