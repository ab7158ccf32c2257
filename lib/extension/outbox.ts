import { openDB, type IDBPDatabase } from 'idb';
import type { Message } from '../domain';
import type { OutboxItem, SendOutcome } from '../contract/port';
import type { Failure, Result } from '../contract/result';

/**
 * Messages the user wrote that the backend has not confirmed yet, per author
 * in an IndexedDB database of its own. Each is one record — the entry to
 * send and the copy the conversation shows as "not sent yet" — with the
 * idempotency key made when the user wrote it, which every retry carries, so
 * closing the panel or the browser loses nothing and a retry after a lost
 * answer is stored once.
 */
export interface OutboxEntry {
  messageId: string;
  conversationId: string;
  text: string;
  idempotencyKey: string;
  /** R20: its files, kept in file-handoff.ts until it is sent or discarded. */
  fileIds?: string[];
  createdAt: string;
  attempts: number;
  /** Earliest next try (ms since epoch). */
  nextAttemptAt: number;
  /** Set when the backend refused it for good (not a retryable failure): shown, never retried by itself. */
  refused?: Failure['code'];
}

export type NewEntry = Pick<OutboxEntry, 'messageId' | 'conversationId' | 'text' | 'idempotencyKey' | 'fileIds'>;
/** Sends one entry (the background's backend of the moment, as the entry's author). */
export type Send = (entry: OutboxEntry) => Promise<Result<Message>>;
/** What became of each entry a flush tried, by message id. */
export type Outcomes = Map<string, { conversationId: string; outcome: SendOutcome }>;

const STORE = 'outbox';
export const OUTBOX_PREFIX = 'netwerkzorg-outbox/';

/** Retryable failures: the backend could not be reached or asked us to slow down. Everything else is final. */
export const isRetryable = (f: Pick<Failure, 'code'>) => f.code === 'unavailable' || f.code === 'rate-limited';

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

/**
 * When the next flush has something to send: per conversation only its
 * oldest waiting message counts (nothing overtakes it), refused ones never.
 */
export function nextDue(entries: readonly OutboxEntry[]): number | null {
  const first = new Map<string, number>();
  for (const e of entries) if (!e.refused && !first.has(e.conversationId)) first.set(e.conversationId, e.nextAttemptAt);
  return first.size ? Math.min(...first.values()) : null;
}

/** An entry as the conversation shows it. */
export const asItem = ({ messageId, conversationId, text, createdAt, refused, fileIds }: OutboxEntry): OutboxItem => ({
  messageId, conversationId, text, createdAt, ...(fileIds?.length ? { files: fileIds.length } : {}), ...(refused ? { refused } : {}),
});

export interface Outbox {
  /** Queue a message (again: it keeps its place, reset to be tried now); resolves once it is safely in IndexedDB. */
  enqueue(entry: NewEntry, now?: Date): Promise<OutboxEntry>;
  pending(conversationId?: string): Promise<OutboxEntry[]>;
  /**
   * Sends what is due, oldest first, keeping order within each conversation.
   * With several extension pages open one flushes at a time (Web Locks);
   * the others skip the round (`null`).
   */
  flush(send: Send, now?: () => number): Promise<Outcomes | null>;
  /** Forget a message (refused, and the user saw it). */
  discard(messageId: string): Promise<void>;
  close(): void;
}

export async function openOutbox(dbName: string): Promise<Outbox> {
  const db: IDBPDatabase = await openDB(dbName, 1, {
    upgrade(db) {
      const store = db.createObjectStore(STORE, { keyPath: 'messageId' });
      store.createIndex('byConversation', ['conversationId', 'createdAt']);
      store.createIndex('byCreated', 'createdAt');
    },
  });

  async function sendDue(send: Send, now: () => number): Promise<Outcomes> {
    const outcomes: Outcomes = new Map();
    const blocked = new Set<string>();
    const entries = (await db.getAllFromIndex(STORE, 'byCreated')) as OutboxEntry[];
    for (const e of entries) {
      if (e.refused) continue;
      // Order within a conversation: nothing overtakes a message still waiting.
      if (blocked.has(e.conversationId) || e.nextAttemptAt > now()) {
        blocked.add(e.conversationId);
        continue;
      }
      // An entry queued before keys travelled with messages has none: its message id is unique as well.
      const r = await send({ ...e, idempotencyKey: e.idempotencyKey ?? e.messageId });
      let outcome: SendOutcome;
      if (r.ok) {
        await db.delete(STORE, e.messageId);
        outcome = { state: 'sent', message: r.value };
      } else if (isRetryable(r)) {
        const attempts = e.attempts + 1;
        await db.put(STORE, { ...e, attempts, nextAttemptAt: now() + backoffMs(attempts) });
        blocked.add(e.conversationId);
        outcome = { state: 'queued' };
      } else {
        await db.put(STORE, { ...e, refused: r.code });
        outcome = { state: 'refused', failure: r };
      }
      outcomes.set(e.messageId, { conversationId: e.conversationId, outcome });
    }
    return outcomes;
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
      const entry: OutboxEntry = {
        ...input, idempotencyKey: same?.idempotencyKey ?? input.idempotencyKey,
        createdAt: placeOf(now, same, last?.value as OutboxEntry | undefined), attempts: 0, nextAttemptAt: 0,
      };
      await store.put(entry);
      await tx.done;
      return entry;
    },
    async pending(conversationId) {
      if (!conversationId) return db.getAllFromIndex(STORE, 'byCreated');
      const range = IDBKeyRange.bound([conversationId], [conversationId, []]);
      return db.getAllFromIndex(STORE, 'byConversation', range);
    },
    async flush(send, now = Date.now) {
      const locks = (globalThis.navigator as Navigator | undefined)?.locks;
      if (!locks) return sendDue(send, now);
      return locks.request(`${dbName}-flush`, { ifAvailable: true }, async (lock) => (lock ? sendDue(send, now) : null));
    },
    discard: (messageId) => db.delete(STORE, messageId),
    close: () => db.close(),
  };
}

/** The authors with an outbox database in this browser. */
export async function knownAuthors(idb: IDBFactory = indexedDB): Promise<string[]> {
  const dbs = typeof idb.databases === 'function' ? await idb.databases() : [];
  return dbs.map((d) => d.name ?? '').filter((n) => n.startsWith(OUTBOX_PREFIX)).map((n) => n.slice(OUTBOX_PREFIX.length));
}

/** Deletes the outboxes of these authors (training starts over: their conversations are gone). */
export async function deleteOutboxes(authors: string[], idb: IDBFactory = indexedDB): Promise<void> {
  await Promise.all(authors.map((a) => new Promise<void>((resolve) => {
    const req = idb.deleteDatabase(`${OUTBOX_PREFIX}${a}`);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  })));
}
