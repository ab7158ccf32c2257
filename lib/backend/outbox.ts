import { openDB, type IDBPDatabase } from 'idb';
import type { Backend } from './port';
import type { Failure } from './result';

/**
 * Messages the user wrote that the server has not confirmed yet. Each is one
 * IndexedDB record — the outbox entry and the local copy the conversation
 * shows as "not sent yet" — so closing the panel or the browser loses nothing.
 * The message id is its idempotency key: a retry after a lost answer is
 * stored once by the server.
 */
export interface OutboxEntry {
  messageId: string;
  conversationId: string;
  text: string;
  createdAt: string;
  attempts: number;
  /** Earliest next try (ms since epoch). */
  nextAttemptAt: number;
  /** Set when the server refused it for good (a 4xx): shown, never retried. */
  refused?: Failure['code'];
}

const DB = 'netwerkzorg-outbox';
const STORE = 'outbox';

/** Retryable failures: the server could not be reached or asked us to slow down. Everything else is final. */
export const isRetryable = (f: Failure) => f.code === 'unavailable' || f.code === 'rate-limited';

/** Exponential backoff with full jitter, capped: 1 s, 2 s, 4 s … 5 min. `random` is injectable for tests. */
export function backoffMs(attempts: number, random = Math.random): number {
  const cap = Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * Where a new entry goes in the send order (its `createdAt`). The same message
 * queued again (its answer was lost, the user acted again) keeps its place.
 * A new one goes after everything waiting: two queued in one millisecond
 * would otherwise be sent in the order of their random ids.
 */
export function placeOf(now: Date, same: OutboxEntry | undefined, last: OutboxEntry | undefined): string {
  if (same) return same.createdAt;
  const at = now.toISOString();
  if (!last || at > last.createdAt) return at;
  return new Date(Date.parse(last.createdAt) + 1).toISOString();
}

export interface Outbox {
  /** Queue a message; resolves once it is safely in IndexedDB. */
  enqueue(entry: Pick<OutboxEntry, 'messageId' | 'conversationId' | 'text'>, now?: Date): Promise<OutboxEntry>;
  pending(conversationId?: string): Promise<OutboxEntry[]>;
  /** Send what is due, oldest first, keeping order within each conversation. Returns what was sent. */
  flush(now?: () => number): Promise<{ sent: string[]; refused: string[]; waiting: number }>;
  /** Forget a refused message (after the user saw it). */
  discard(messageId: string): Promise<void>;
  close(): void;
}

export async function openOutbox(backend: Backend, options: { dbName?: string; lockName?: string } = {}): Promise<Outbox> {
  const db: IDBPDatabase = await openDB(options.dbName ?? DB, 1, {
    upgrade(db) {
      const store = db.createObjectStore(STORE, { keyPath: 'messageId' });
      store.createIndex('byConversation', ['conversationId', 'createdAt']);
      store.createIndex('byCreated', 'createdAt');
    },
  });
  const lockName = options.lockName ?? `${options.dbName ?? DB}-flush`;

  async function sendDue(now: () => number) {
    const sent: string[] = [];
    const refused: string[] = [];
    const blocked = new Set<string>();
    const entries = (await db.getAllFromIndex(STORE, 'byCreated')) as OutboxEntry[];
    for (const e of entries) {
      if (e.refused) continue;
      // Order within a conversation: nothing overtakes a message still waiting.
      if (blocked.has(e.conversationId) || e.nextAttemptAt > now()) {
        blocked.add(e.conversationId);
        continue;
      }
      const r = await backend.call('postMessage', { conversationId: e.conversationId, messageId: e.messageId, text: e.text });
      if (r.ok) {
        await db.delete(STORE, e.messageId);
        sent.push(e.messageId);
      } else if (isRetryable(r)) {
        const attempts = e.attempts + 1;
        await db.put(STORE, { ...e, attempts, nextAttemptAt: now() + backoffMs(attempts) });
        blocked.add(e.conversationId);
      } else {
        await db.put(STORE, { ...e, refused: r.code });
        refused.push(e.messageId);
      }
    }
    const waiting = (await db.count(STORE)) - (await db.getAll(STORE)).filter((e: OutboxEntry) => e.refused).length;
    return { sent, refused, waiting };
  }

  return {
    async enqueue(input, now = new Date()) {
      // One transaction: read where it goes, then write it, with no other enqueue in between.
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const [same, last] = await Promise.all([
        store.get(input.messageId) as Promise<OutboxEntry | undefined>,
        store.index('byCreated').openCursor(null, 'prev'),
      ]);
      const entry: OutboxEntry = { ...input, createdAt: placeOf(now, same, last?.value as OutboxEntry | undefined), attempts: 0, nextAttemptAt: 0 };
      await store.put(entry);
      await tx.done;
      return entry;
    },
    async pending(conversationId) {
      if (!conversationId) return db.getAllFromIndex(STORE, 'byCreated');
      const range = IDBKeyRange.bound([conversationId], [conversationId, []]);
      return db.getAllFromIndex(STORE, 'byConversation', range);
    },
    async flush(now = Date.now) {
      // With several extension pages open, one sends at a time (Web Locks); the others skip this round.
      const locks = (globalThis.navigator as Navigator | undefined)?.locks;
      if (!locks) return sendDue(now);
      const result = await locks.request(lockName, { ifAvailable: true }, async (lock) => (lock ? sendDue(now) : null));
      return result ?? { sent: [], refused: [], waiting: -1 };
    },
    discard: (messageId) => db.delete(STORE, messageId),
    close: () => db.close(),
  };
}
