import { signal, type ReadonlySignal } from '@preact/signals';
import type { FileData, OutboxPort, SendOutcome } from '../contract/port';
import type { Message, RefusalCode } from '../domain';
import { newId } from './call';
import type { StatusModel } from './status';

/** A message the user wrote that the backend has not stored yet (or refused). */
export interface PendingMessage {
  id: string;
  text: string;
  at: string;
  /** `waiting`: in the outbox, tried again by itself ("not sent yet"); `failed`: refused, the user retries or discards it. */
  state: 'sending' | 'waiting' | 'failed';
  code?: RefusalCode;
  /** R20: the names of its files (or, from the outbox, how many), shown while it is on its way. */
  files?: string[] | number;
}

/** How often the page asks the outbox again while something the user wrote is not confirmed. */
export const PENDING_RECHECK_MS = 5000;

export interface PendingModel {
  pending: ReadonlySignal<PendingMessage[]>;
  send(text: string, files?: FileData[]): Promise<boolean>;
  retry(id: string): Promise<boolean>;
  discard(id: string): void;
  /** The outbox's list for the open conversation, merged with what is on its way. */
  sync(): Promise<void>;
  /** Another conversation is open now (or none): forget the old one's. */
  reset(): void;
  dispose(): void;
}

interface PendingDeps {
  outbox: OutboxPort;
  status: StatusModel;
  /** The open conversation's id ('' when none). */
  conversationId(): string;
  /** Ids of the messages shown (stored). */
  shown(): Set<string>;
  /** A stored message to show in its place. */
  stored(message: Message): void;
  /** Something was stored: counts and lists may change. */
  changed(): void;
}

/**
 * The messages of the open conversation that are on their way: one send
 * path, through the host's outbox (the extension's keeps them in IndexedDB
 * and sends them when it can; the widget's sends at once). Each message's
 * idempotency key is made here, when the user sends it, and travels with it.
 */
export function createPendingModel(d: PendingDeps): PendingModel {
  const pending = signal<PendingMessage[]>([]);
  const keys = new Map<string, string>();
  /** R20: the files of a message this page has not handed over yet (a retry sends them again, under the same key). */
  const filesOf = new Map<string, FileData[]>();
  let recheck: ReturnType<typeof setTimeout> | undefined;
  /** Messages the outbox said it holds (or refused): handed over, in the order they were written. */
  const confirmed = new Set<string>();

  const update = (id: string, patch: Partial<PendingMessage>) => {
    pending.value = pending.value.map((x) => (x.id === id ? { ...x, ...patch } : x));
  };
  const drop = (ids: Set<string>) => {
    pending.value = pending.value.filter((p) => !ids.has(p.id));
  };

  function settle(p: PendingMessage, outcome: SendOutcome): boolean {
    if (outcome.state === 'sent') {
      drop(new Set([p.id]));
      d.stored(outcome.message);
      d.changed();
      return true;
    }
    const retryable = outcome.state === 'queued' || outcome.failure.code === 'unavailable' || outcome.failure.code === 'rate-limited';
    if (retryable && d.outbox.keeps) {
      update(p.id, { state: 'waiting', code: undefined });
      // Queued, or not answered (the background may have been stopped mid-send): ask its outbox what became of it.
      void sync();
      return false;
    }
    if (outcome.state === 'queued') return false;
    if (!retryable) d.status.refused(outcome.failure);
    update(p.id, { state: 'failed', code: outcome.failure.code });
    return false;
  }

  /** Hands one message to the outbox; true once the outbox has it (or stored or refused it), false when it never got there. */
  async function deliver(p: PendingMessage): Promise<boolean> {
    update(p.id, { state: 'sending', code: undefined });
    const key = keys.get(p.id) ?? newId();
    keys.set(p.id, key);
    const files = filesOf.get(p.id);
    const outcome = await d.outbox.send({ conversationId: d.conversationId(), messageId: p.id, text: p.text, idempotencyKey: key, ...(files ? { files } : {}) });
    // Not answered by an outbox that keeps (the background was stopped before it queued it): the page still has it.
    const lost = d.outbox.keeps && outcome.state === 'refused' && (outcome.failure.code === 'unavailable' || outcome.failure.code === 'rate-limited');
    // Kept by an outbox that keeps (it has them now), or stored: the page lets go of the bytes.
    if (!lost && (outcome.state === 'sent' || d.outbox.keeps)) filesOf.delete(p.id);
    if (outcome.state !== 'sent' && !lost) confirmed.add(p.id);
    settle(p, outcome);
    return !lost;
  }

  /**
   * Hands what the user wrote to the outbox one message at a time, in the order written: a message
   * the outbox never got (the background stopped first) goes again before anything written after
   * it, and while it cannot, nothing after it goes either; the outbox then keeps that order.
   */
  let handing: Promise<void> | null = null;
  let handAgain = false;
  function handOver(): Promise<void> {
    if (handing) {
      handAgain = true;
      return handing;
    }
    handing = (async () => {
      do {
        handAgain = false;
        for (const p of pending.value) {
          if (confirmed.has(p.id) || p.state === 'failed') continue;
          if (await deliver(p)) continue;
          for (const later of pending.value.slice(pending.value.findIndex((x) => x.id === p.id) + 1)) {
            if (later.state === 'sending') update(later.id, { state: 'waiting' });
          }
          break;
        }
      } while (handAgain);
    })().finally(() => {
      handing = null;
    });
    return handing;
  }

  async function sync() {
    const id = d.conversationId();
    if (!id) return;
    const items = await d.outbox.pending(id);
    if (!items || id !== d.conversationId()) {
      recheckLater();
      return;
    }
    const stored = d.shown();
    const local = new Map(pending.value.map((p) => [p.id, p]));
    const fromOutbox: PendingMessage[] = items.filter((i) => !stored.has(i.messageId)).map((i) => ({
      id: i.messageId, text: i.text, at: i.createdAt,
      state: local.get(i.messageId)?.state === 'sending' ? 'sending' : i.refused ? 'failed' : 'waiting',
      code: i.refused,
      ...(i.files ? { files: local.get(i.messageId)?.files ?? i.files } : {}),
    }));
    const listed = new Set(items.map((i) => i.messageId));
    for (const i of items) confirmed.add(i.messageId);
    // Waiting, yet neither in the outbox nor shown: the background stored it and was stopped before it
    // said so, or was stopped before it queued it. Sent again under its id and key: the server answers
    // a stored one with the stored message, so either way it is shown once and never lost.
    const vanished = pending.value.filter((p) => p.state === 'waiting' && !listed.has(p.id) && !stored.has(p.id));
    pending.value = [
      ...fromOutbox,
      ...pending.value.filter((p) => (p.state === 'sending' || vanished.includes(p)) && !listed.has(p.id) && !stored.has(p.id)),
    ];
    for (const p of vanished) confirmed.delete(p.id);
    if (vanished.length) void handOver();
    recheckLater();
  }

  // The background announces what its outbox sent, but a background stopped mid-flush never does,
  // and the live stream may have missed it too: while anything is unconfirmed, look again now and then.
  function recheckLater() {
    if (recheck || !pending.value.some((p) => p.state === 'waiting')) return;
    recheck = setTimeout(() => {
      recheck = undefined;
      void sync();
    }, PENDING_RECHECK_MS);
  }

  const unsubscribe = d.outbox.subscribe((conversationId, sent) => {
    if (conversationId !== d.conversationId()) return;
    for (const m of sent) d.stored(m);
    drop(new Set(sent.map((m) => m.id)));
    void sync();
    if (sent.length) d.changed();
  });

  return {
    pending,
    async send(text, files = []) {
      const p: PendingMessage = {
        id: newId(), text, at: new Date().toISOString(), state: 'sending', ...(files.length ? { files: files.map((f) => f.name) } : {}),
      };
      if (files.length) filesOf.set(p.id, files);
      pending.value = [...pending.value, p];
      await handOver();
      // Stored: it is no longer among what is on its way.
      return !pending.value.some((x) => x.id === p.id);
    },
    async retry(id) {
      const p = pending.value.find((x) => x.id === id);
      if (!p) return false;
      update(id, { state: 'sending', code: undefined });
      const outcome = await d.outbox.retry(id);
      // Not in the outbox (refused before it got there, or a host that keeps none): sent as it was written.
      if (outcome.state === 'refused' && outcome.failure.code === 'not-found' && outcome.failure.detail === 'outbox') {
        confirmed.delete(id);
        await handOver();
        return !pending.value.some((x) => x.id === id);
      }
      return settle(p, outcome);
    },
    discard(id) {
      drop(new Set([id]));
      confirmed.delete(id);
      keys.delete(id);
      filesOf.delete(id);
      void d.outbox.discard(id);
    },
    sync,
    reset() {
      clearTimeout(recheck);
      recheck = undefined;
      pending.value = [];
      confirmed.clear();
    },
    dispose() {
      clearTimeout(recheck);
      unsubscribe();
    },
  };
}
