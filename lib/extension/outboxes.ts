import type { Message } from '../domain';
import type { OutboxItem, SendOutcome } from '../contract/port';
import type { TrustedBackend } from '../backend/trusted';
import { coalesce } from '../util/coalesce';
import type { Result } from '../contract/result';
import { dropKept, readKept } from './file-handoff';
import { asItem, knownAuthors, nextDue, openOutbox, OUTBOX_PREFIX, type NewEntry, type Outbox, type OutboxEntry, type Outcomes } from './outbox';

/** Whose messages an outbox holds: `training/<person>` or `server/<origin>/<professional>`. */
export type Author = string;

export interface OutboxesDeps {
  /** Authors whose outboxes may be sent now (training: everyone with one; server: who is signed in). */
  authors(): Promise<Author[]>;
  /** The backend that writes as this author, or null while it cannot (another account signed in). */
  sendingAs(author: Author): TrustedBackend | null;
  /** After a flush that stored or refused something: per conversation, the stored messages. */
  settled?(conversationId: string, sent: Message[]): void;
  /** Runs `fn` in `ms` (setTimeout); replaced in tests. */
  later?(fn: () => void, ms: number): () => void;
}

const setTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export interface Outboxes {
  /** Keeps the user's message in the author's outbox, then tries to send it at once. */
  send(author: Author, input: NewEntry): Promise<SendOutcome>;
  pending(author: Author, conversationId: string): Promise<OutboxItem[]>;
  /** Sends a refused (or waiting) message again, now, under the same id and key. */
  retry(author: Author, messageId: string): Promise<SendOutcome>;
  discard(author: Author, messageId: string): Promise<void>;
  /** One flush of every outbox that may be sent now; flushes never overlap, a request during one gets the next. */
  flush(): Promise<Outcomes>;
  /** The connection is back: what waits is due now, whatever its backoff said; then a flush. */
  flushNow(): Promise<Outcomes>;
  close(): void;
}

/**
 * One entry: its files first (R20), each under a key of its own made from the message's, so a retry
 * uploads each once; then the message with them. Its files are forgotten once the message is stored.
 */
async function sendEntry(backend: TrustedBackend, e: OutboxEntry): Promise<Result<Message>> {
  const attachmentIds: string[] = [];
  for (const [i, fileId] of (e.fileIds ?? []).entries()) {
    const file = await readKept(fileId);
    if (!file) return { ok: false, code: 'not-found', detail: 'file' };
    const up = await backend.files.upload(file, { idempotencyKey: `${e.idempotencyKey}.f${i}` });
    if (!up.ok) return up;
    attachmentIds.push(up.value.id);
  }
  const sent = await backend.run('postMessage', { conversationId: e.conversationId, messageId: e.messageId, text: e.text, attachmentIds }, {
    idempotencyKey: e.idempotencyKey,
  });
  if (sent.ok) await dropKept(e.fileIds ?? []);
  return sent;
}

/** The background's outboxes, one per author, each sent through its author's backend. Nothing is kept only in memory. */
export function createOutboxes(deps: OutboxesDeps): Outboxes {
  const open = new Map<Author, Promise<Outbox>>();
  const outboxOf = (author: Author): Promise<Outbox> => {
    let box = open.get(author);
    if (!box) {
      box = openOutbox(`${OUTBOX_PREFIX}${author}`);
      box.catch(() => open.delete(author));
      open.set(author, box);
    }
    return box;
  };

  let cancelRetry = () => {};
  async function round(): Promise<Outcomes> {
    const all: Outcomes = new Map();
    let due: number | null = null;
    for (const author of await deps.authors()) {
      const backend = deps.sendingAs(author);
      if (!backend) continue;
      const box = await outboxOf(author);
      const outcomes = await box.flush((e) => sendEntry(backend, e));
      for (const [id, o] of outcomes ?? []) all.set(id, o);
      const next = nextDue(await box.pending());
      if (next !== null) due = Math.min(due ?? next, next);
    }
    // What waits is tried again when its backoff says, not only at the next minute's alarm (which
    // still covers a worker stopped meanwhile). At least a second on: what this flush could not
    // even try (another page held the lock) is not retried in a tight loop.
    cancelRetry();
    if (due !== null) cancelRetry = (deps.later ?? setTimer)(() => void flush().catch(() => undefined), Math.max(1000, due - Date.now()));
    const byConversation = new Map<string, Message[]>();
    for (const { conversationId, outcome } of all.values()) {
      // A message still waiting changes nothing anyone sees; a stored or refused one does.
      if (outcome.state === 'queued') continue;
      const sent = byConversation.get(conversationId) ?? [];
      if (outcome.state === 'sent') sent.push(outcome.message);
      byConversation.set(conversationId, sent);
    }
    for (const [conversationId, sent] of byConversation) deps.settled?.(conversationId, sent);
    return all;
  }
  const flush = coalesce(round);

  /** Not tried in the flush that followed (another page held the lock, another account signed in): it waits. */
  const outcomeOf = (outcomes: Outcomes, messageId: string): SendOutcome => outcomes.get(messageId)?.outcome ?? { state: 'queued' };

  /** Due now again, keeping its place in the conversation's order. */
  const requeue = (box: Outbox, e: NewEntry & { createdAt: string }) => box.enqueue({
    messageId: e.messageId, conversationId: e.conversationId, text: e.text, idempotencyKey: e.idempotencyKey,
    ...(e.fileIds ? { fileIds: e.fileIds } : {}),
  }, new Date(e.createdAt));

  return {
    async send(author, input) {
      const box = await outboxOf(author);
      // The user is acting now: what waits in this conversation is tried again now too, ahead of this one.
      for (const e of await box.pending(input.conversationId)) if (!e.refused && e.attempts > 0) await requeue(box, e);
      await box.enqueue(input);
      return outcomeOf(await flush(), input.messageId);
    },
    async pending(author, conversationId) {
      return (await (await outboxOf(author)).pending(conversationId)).map(asItem);
    },
    async retry(author, messageId) {
      const box = await outboxOf(author);
      const entry = (await box.pending()).find((e) => e.messageId === messageId);
      if (!entry) return { state: 'refused', failure: { ok: false, code: 'not-found', detail: 'outbox' } };
      await requeue(box, entry);
      return outcomeOf(await flush(), messageId);
    },
    async discard(author, messageId) {
      const box = await outboxOf(author);
      const entry = (await box.pending()).find((e) => e.messageId === messageId);
      await box.discard(messageId);
      await dropKept(entry?.fileIds ?? []);
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

export { knownAuthors };
