import type { Message } from '../../domain';
import { isRetryable, openOutbox, type Outbox, type OutboxEntry } from '../outbox';
import type { Backend } from '../port';
import type { Failure, Result } from '../result';
import { coalesce } from './coalesce';
import type { OutboxItem } from './protocol';

/** Whose messages an outbox holds: `training/<person>` or `server/<origin>/<professional>`; each has its own database. */
export type Author = string;

export const OUTBOX_PREFIX = 'netwerkzorg-outbox/';
export const outboxDbName = (author: Author) => `${OUTBOX_PREFIX}${author}`;

/** The answer to the user while a message waits to be sent again. */
export const QUEUED: Failure = { ok: false, code: 'unavailable', detail: 'queued' };

export type SendResult = Result<Message>;

export interface OutboxRunnerDeps {
  /** Authors whose outboxes may be sent now (training: everyone; server: who is signed in). */
  authors(): Promise<Author[]>;
  /** The backend that writes as this author, or null while it cannot (another account signed in). */
  sendingAs(author: Author): Backend | null;
  /** After a round that sent or refused something: per conversation, what it stored. */
  settled?(conversationId: string, sent: Message[]): void;
  /** Runs `fn` in `ms` (setTimeout); replaced in tests. */
  later?(fn: () => void, ms: number): () => void;
}

const setTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/**
 * When the next round has something to send: per conversation only its
 * oldest waiting message counts (nothing overtakes it), refused ones never.
 */
export function nextDue(entries: readonly OutboxEntry[]): number | null {
  const first = new Map<string, number>();
  for (const e of entries) if (!e.refused && !first.has(e.conversationId)) first.set(e.conversationId, e.nextAttemptAt);
  return first.size ? Math.min(...first.values()) : null;
}

export interface OutboxRunner {
  /** Stores the user's message in the author's outbox, then tries to send it at once. */
  post(author: Author, input: { conversationId: string; messageId: string; text: string }): Promise<SendResult>;
  pending(author: Author, conversationId: string): Promise<OutboxItem[]>;
  /** Sends a refused (or waiting) message again, now, under the same id. */
  retry(author: Author, messageId: string): Promise<SendResult>;
  discard(author: Author, messageId: string): Promise<void>;
  /** One round over every outbox that may be sent now; rounds never overlap, a request during one gets the next. */
  flush(): Promise<Map<string, SendResult>>;
  /** The connection is back: what waits is due now, whatever its backoff said; then a round. */
  flushNow(): Promise<Map<string, SendResult>>;
  close(): void;
}

/** The background's outboxes, one per author, over lib/backend/outbox.ts. Nothing is kept only in memory. */
export function createOutboxRunner(deps: OutboxRunnerDeps): OutboxRunner {
  const open = new Map<Author, Promise<Outbox>>();
  let outcomes = new Map<string, { conversationId: string; result: SendResult }>();

  function outboxOf(author: Author): Promise<Outbox> {
    let box = open.get(author);
    if (!box) {
      // The outbox calls this backend while it flushes: the author's backend of the moment, and we see every answer.
      const backend: Backend = {
        mode: 'training',
        async call(op, input) {
          const target = deps.sendingAs(author);
          const result = target ? await target.call(op, input) : QUEUED;
          if (op === 'postMessage') {
            const { messageId, conversationId } = input as { messageId: string; conversationId: string };
            outcomes.set(messageId, { conversationId, result: result as SendResult });
          }
          return result as never;
        },
      };
      box = openOutbox(backend, { dbName: outboxDbName(author) });
      box.catch(() => open.delete(author));
      open.set(author, box);
    }
    return box;
  }

  let cancelRetry = () => {};
  async function round(): Promise<Map<string, SendResult>> {
    outcomes = new Map();
    let due: number | null = null;
    for (const author of await deps.authors()) {
      if (!deps.sendingAs(author)) continue;
      const box = await outboxOf(author);
      await box.flush();
      const next = nextDue(await box.pending());
      if (next !== null) due = Math.min(due ?? next, next);
    }
    // What waits is tried again when its backoff says, not only at the next minute's alarm
    // (which still covers a worker stopped meanwhile). At least a second on: what this round
    // could not even try (another page held the lock) is not retried in a tight loop.
    cancelRetry();
    if (due !== null) cancelRetry = (deps.later ?? setTimer)(() => void flush().catch(() => undefined), Math.max(1000, due - Date.now()));
    const byConversation = new Map<string, Message[]>();
    for (const { conversationId, result } of outcomes.values()) {
      const sent = byConversation.get(conversationId) ?? [];
      if (result.ok) sent.push(result.value);
      // A retryable failure changes nothing anyone sees; a stored or refused message does.
      if (result.ok || !isRetryable(result)) byConversation.set(conversationId, sent);
    }
    for (const [conversationId, sent] of byConversation) deps.settled?.(conversationId, sent);
    return new Map([...outcomes].map(([id, o]) => [id, o.result]));
  }

  const flush = coalesce(round);

  const answer = (results: Map<string, SendResult>, messageId: string): SendResult => {
    const r = results.get(messageId);
    return !r || (!r.ok && isRetryable(r)) ? QUEUED : r;
  };

  /** Puts an entry back as new (no attempts, not refused), keeping its place in the conversation's order. */
  const requeue = (box: Outbox, e: { messageId: string; conversationId: string; text: string; createdAt: string }) =>
    box.enqueue({ messageId: e.messageId, conversationId: e.conversationId, text: e.text }, new Date(e.createdAt));

  return {
    async post(author, input) {
      const box = await outboxOf(author);
      // The user is acting now: what waits in this conversation is tried again now too, ahead of this one.
      for (const e of await box.pending(input.conversationId)) if (!e.refused && e.attempts > 0) await requeue(box, e);
      await box.enqueue(input);
      return answer(await flush(), input.messageId);
    },
    async pending(author, conversationId) {
      const box = await outboxOf(author);
      return (await box.pending(conversationId)).map(({ messageId, conversationId: c, text, createdAt, refused }) =>
        refused ? { messageId, conversationId: c, text, createdAt, refused } : { messageId, conversationId: c, text, createdAt });
    },
    async retry(author, messageId) {
      const box = await outboxOf(author);
      const entry = (await box.pending()).find((e) => e.messageId === messageId);
      if (!entry) return { ok: false, code: 'not-found', detail: 'outbox' };
      await requeue(box, entry);
      return answer(await flush(), messageId);
    },
    async discard(author, messageId) {
      await (await outboxOf(author)).discard(messageId);
    },
    flush,
    async flushNow() {
      for (const author of await deps.authors()) {
        if (!deps.sendingAs(author)) continue;
        const box = await outboxOf(author);
        for (const e of await box.pending()) if (!e.refused && e.attempts > 0) await requeue(box, e);
      }
      return flush();
    },
    close() {
      cancelRetry();
      for (const box of open.values()) void box.then((b) => b.close(), () => undefined);
      open.clear();
    },
  };
}

/** The authors with an outbox database in this browser. */
export async function knownAuthors(idb: IDBFactory = indexedDB): Promise<Author[]> {
  const dbs = typeof idb.databases === 'function' ? await idb.databases() : [];
  return dbs.map((d) => d.name ?? '').filter((n) => n.startsWith(OUTBOX_PREFIX)).map((n) => n.slice(OUTBOX_PREFIX.length));
}

/** Deletes the outboxes of these authors (training starts over: their conversations are gone). */
export async function deleteOutboxes(authors: Author[], idb: IDBFactory = indexedDB): Promise<void> {
  await Promise.all(authors.map((a) => new Promise<void>((resolve) => {
    const req = idb.deleteDatabase(outboxDbName(a));
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  })));
}
