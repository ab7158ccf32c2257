import { signal, type ReadonlySignal } from '@preact/signals';
import type { OutboxItem } from '../backend/runtime/protocol';
import type { Result } from '../backend/result';
import type { Conversation, ConversationView, Message, Network, RefusalCode } from '../domain';
import { newId, type Caller } from './call';
import type { StatusModel } from './status';

/** A message the user wrote that the backend has not stored yet (or refused). */
export interface PendingMessage {
  id: string;
  text: string;
  at: string;
  /** `waiting`: in the outbox, tried again by itself; `failed`: refused, the user retries or discards it. */
  state: 'sending' | 'waiting' | 'failed';
  code?: RefusalCode;
}

/**
 * The outbox of a host that has one (the extension's background): what the
 * user wrote survives closing the panel and is sent when it can be.
 */
export interface OutboxView {
  /** What waits for this conversation; null when the background did not answer (nothing is known then). */
  pending(conversationId: string): Promise<OutboxItem[] | null>;
  retry(messageId: string): Promise<Result<Message>>;
  discard(messageId: string): Promise<void>;
  /** The outbox stored or refused messages of a conversation (`sent`: the stored ones); returns a stop function. */
  subscribe(listener: (conversationId: string, sent: Message[]) => void): () => void;
}

const retryable = (code: RefusalCode) => code === 'unavailable' || code === 'rate-limited';

/** How often the page asks the outbox again while something the user wrote is not confirmed. */
export const PENDING_RECHECK_MS = 5000;

export type Recipient = { inboxId: string } | { professionalId: string };

export interface ConversationModel {
  view: ReadonlySignal<ConversationView | null>;
  network: ReadonlySignal<Network | null>;
  /** R13: opening was refused because this account may not read contents; the emergency step can follow. */
  restricted: ReadonlySignal<boolean>;
  loading: ReadonlySignal<boolean>;
  pending: ReadonlySignal<PendingMessage[]>;
  open(id: string, emergencyReason?: string): Promise<boolean>;
  reload(): Promise<void>;
  /** R7: the page of messages before the oldest one shown. */
  loadEarlier(): Promise<boolean>;
  send(text: string): Promise<boolean>;
  retry(id: string): Promise<boolean>;
  discard(id: string): void;
  /** R9: add a shared inbox or a professional; R8: an inbox's members now become participants. */
  add(recipient: Recipient): Promise<boolean>;
  /** R6, R7: the resident joins after activating the portal and sees the history. */
  addResident(): Promise<boolean>;
  close(): void;
}

export function createConversationModel(call: Caller, status: StatusModel, changed: () => void, outbox?: OutboxView): ConversationModel {
  const view = signal<ConversationView | null>(null);
  const network = signal<Network | null>(null);
  const restricted = signal(false);
  const loading = signal(false);
  const pending = signal<PendingMessage[]>([]);
  let currentId = '';
  let reason: string | undefined;

  const setConversation = (c: Conversation) => {
    if (view.value) view.value = { ...view.value, conversation: c };
  };
  /**
   * A fresh newest page, keeping the earlier pages the user already paged back
   * to (a live update or reload must not take them away).
   */
  const withEarlier = (fresh: ConversationView, before: ConversationView | null): ConversationView => {
    const first = fresh.messages[0];
    if (!before || before.conversation.id !== fresh.conversation.id || !first) return fresh;
    const shown = new Set(fresh.messages.map((m) => m.id));
    const older = before.messages.filter((m) => !shown.has(m.id) && (m.createdAt < first.createdAt || (m.createdAt === first.createdAt && m.id < first.id)));
    return older.length ? { ...fresh, messages: [...older, ...fresh.messages], earlier: before.earlier } : fresh;
  };
  const appendMessage = (m: Message) => {
    const v = view.value;
    // A message received twice is shown once; one that arrives late takes its stored place (time, then id).
    if (!v || v.messages.some((x) => x.id === m.id)) return;
    const after = v.messages.findIndex((x) => x.createdAt > m.createdAt || (x.createdAt === m.createdAt && x.id > m.id));
    const messages = after < 0 ? [...v.messages, m] : [...v.messages.slice(0, after), m, ...v.messages.slice(after)];
    view.value = { ...v, messages };
  };

  async function loadNetwork(networkId: string) {
    const r = await call('readNetwork', { networkId }, { quiet: true });
    network.value = r.ok ? r.value.network : null;
  }

  /** The outbox's list for this conversation, merged with what is on its way and without what is stored already. */
  async function syncPending() {
    if (!outbox || !currentId) return;
    const id = currentId;
    const items = await outbox.pending(id);
    if (!items || id !== currentId) {
      recheckLater();
      return;
    }
    const stored = new Set(view.value?.messages.map((m) => m.id));
    const local = new Map(pending.value.map((p) => [p.id, p]));
    const fromOutbox: PendingMessage[] = items.filter((i) => !stored.has(i.messageId)).map((i) => ({
      id: i.messageId, text: i.text, at: i.createdAt,
      state: local.get(i.messageId)?.state === 'sending' ? 'sending' : i.refused ? 'failed' : 'waiting',
      code: i.refused,
    }));
    const listed = new Set(items.map((i) => i.messageId));
    // Waiting, yet neither in the outbox nor shown: the background stored it and was stopped before it
    // said so, or was stopped before it queued it. Sent again under its id: the server answers a
    // stored one with the stored message, so either way it is shown once and never lost.
    const vanished = pending.value.filter((p) => p.state === 'waiting' && !listed.has(p.id) && !stored.has(p.id));
    pending.value = [
      ...fromOutbox,
      ...pending.value.filter((p) => (p.state === 'sending' || vanished.includes(p)) && !listed.has(p.id) && !stored.has(p.id)),
    ];
    for (const p of vanished) void deliver(p);
    recheckLater();
  }

  // The background announces what its outbox sent, but a background stopped mid-round never does,
  // and the live stream may have missed it too: while anything is unconfirmed, look again now and then.
  let recheck: ReturnType<typeof setTimeout> | undefined;
  function recheckLater() {
    if (recheck || !pending.value.some((p) => p.state === 'waiting')) return;
    recheck = setTimeout(() => {
      recheck = undefined;
      void syncPending();
    }, PENDING_RECHECK_MS);
  }

  outbox?.subscribe((conversationId, sent) => {
    if (conversationId !== currentId) return;
    for (const m of sent) appendMessage(m);
    const ids = new Set(sent.map((m) => m.id));
    pending.value = pending.value.filter((p) => !ids.has(p.id));
    void syncPending();
    if (sent.length) changed();
  });

  /** With an outbox: the message is stored, waits there (tried again by itself), or was refused. */
  async function settle(p: PendingMessage, r: Result<Message>): Promise<boolean> {
    if (r.ok) {
      pending.value = pending.value.filter((x) => x.id !== p.id);
      appendMessage(r.value);
      changed();
      return true;
    }
    if (!retryable(r.code)) status.refused(r);
    const state = retryable(r.code) ? 'waiting' : 'failed';
    pending.value = pending.value.map((x) => (x.id === p.id ? { ...x, state, code: state === 'failed' ? r.code : undefined } : x));
    // Not answered may mean the background was stopped mid-send: ask its outbox what became of it.
    if (state === 'waiting') void syncPending();
    return false;
  }

  async function deliver(p: PendingMessage): Promise<boolean> {
    pending.value = pending.value.map((x) => (x.id === p.id ? { ...x, state: 'sending', code: undefined } : x));
    if (outbox) return settle(p, await call('postMessage', { conversationId: currentId, messageId: p.id, text: p.text }, { quiet: true }));
    const r = await call('postMessage', { conversationId: currentId, messageId: p.id, text: p.text });
    if (!r.ok) {
      pending.value = pending.value.map((x) => (x.id === p.id ? { ...x, state: 'failed', code: r.code } : x));
      return false;
    }
    pending.value = pending.value.filter((x) => x.id !== p.id);
    appendMessage(r.value);
    changed();
    return true;
  }

  const model: ConversationModel = {
    view,
    network,
    restricted,
    loading,
    pending,
    async open(id, emergencyReason) {
      if (id !== currentId) {
        view.value = null;
        network.value = null;
        pending.value = [];
        reason = undefined;
      }
      currentId = id;
      if (emergencyReason) reason = emergencyReason;
      loading.value = true;
      const r = await call('readConversation', { conversationId: id, emergencyReason: reason }, { quiet: !reason });
      loading.value = false;
      if (!r.ok) {
        // A refresh that could not reach the backend keeps what is on screen (and the composer with
        // what the user is typing); the next refresh catches up.
        if (r.code === 'unavailable' && view.value?.conversation.id === id) return false;
        restricted.value = r.code === 'contents-restricted';
        view.value = null;
        if (!restricted.value) status.refused(r);
        return false;
      }
      restricted.value = false;
      view.value = withEarlier(r.value, view.value);
      if (r.value.emergency && emergencyReason) status.done('emergency.logged');
      await Promise.all([loadNetwork(r.value.conversation.networkId), syncPending()]);
      changed();
      return true;
    },
    async reload() {
      if (currentId) await model.open(currentId);
    },
    async loadEarlier() {
      const v = view.value;
      const first = v?.messages[0];
      if (!v || !first || !v.earlier) return false;
      const id = currentId;
      const r = await call('readConversation', { conversationId: id, emergencyReason: reason, before: { createdAt: first.createdAt, id: first.id } });
      const now = view.value;
      if (!r.ok || id !== currentId || !now) return false;
      const shown = new Set(now.messages.map((m) => m.id));
      view.value = { ...now, messages: [...r.value.messages.filter((m) => !shown.has(m.id)), ...now.messages], earlier: r.value.earlier };
      return true;
    },
    async send(text) {
      const p: PendingMessage = { id: newId(), text, at: new Date().toISOString(), state: 'sending' };
      pending.value = [...pending.value, p];
      return deliver(p);
    },
    async retry(id) {
      const p = pending.value.find((x) => x.id === id);
      if (!p) return false;
      if (!outbox) return deliver(p);
      pending.value = pending.value.map((x) => (x.id === id ? { ...x, state: 'sending', code: undefined } : x));
      const r = await outbox.retry(id);
      // Refused before it reached the outbox (e.g. signed out meanwhile): send it as new.
      if (!r.ok && r.code === 'not-found' && r.detail === 'outbox') return deliver(p);
      return settle(p, r);
    },
    discard(id) {
      pending.value = pending.value.filter((x) => x.id !== id);
      void outbox?.discard(id);
    },
    async add(recipient) {
      const r = await call('addParticipant', { conversationId: currentId, ...recipient });
      if (!r.ok) return false;
      setConversation(r.value);
      status.done('conversation.added');
      changed();
      return true;
    },
    async addResident() {
      const r = await call('addResident', { conversationId: currentId });
      if (!r.ok) return false;
      setConversation(r.value);
      if (view.value) await loadNetwork(view.value.conversation.networkId);
      status.done('conversation.residentAdded');
      return true;
    },
    close() {
      clearTimeout(recheck);
      recheck = undefined;
      currentId = '';
      view.value = null;
      network.value = null;
      restricted.value = false;
      pending.value = [];
      reason = undefined;
    },
  };
  return model;
}
