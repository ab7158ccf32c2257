import { signal, type ReadonlySignal } from '@preact/signals';
import type { Conversation, ConversationView, Message, Network, RefusalCode } from '../domain';
import { newId, type Caller } from './call';
import type { StatusModel } from './status';

/** A message the user wrote that the backend has not stored yet (or refused). */
export interface PendingMessage {
  id: string;
  text: string;
  at: string;
  state: 'sending' | 'failed';
  code?: RefusalCode;
}

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
  send(text: string): Promise<boolean>;
  retry(id: string): Promise<boolean>;
  discard(id: string): void;
  /** R9: add a shared inbox or a professional; R8: an inbox's members now become participants. */
  add(recipient: Recipient): Promise<boolean>;
  /** R6, R7: the resident joins after activating the portal and sees the history. */
  addResident(): Promise<boolean>;
  close(): void;
}

export function createConversationModel(call: Caller, status: StatusModel, changed: () => void): ConversationModel {
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
  const appendMessage = (m: Message) => {
    const v = view.value;
    // A message received twice is shown once.
    if (v && !v.messages.some((x) => x.id === m.id)) view.value = { ...v, messages: [...v.messages, m] };
  };

  async function loadNetwork(networkId: string) {
    const r = await call('readNetwork', { networkId }, { quiet: true });
    network.value = r.ok ? r.value.network : null;
  }

  async function deliver(p: PendingMessage): Promise<boolean> {
    pending.value = pending.value.map((x) => (x.id === p.id ? { ...x, state: 'sending', code: undefined } : x));
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
        restricted.value = r.code === 'contents-restricted';
        view.value = null;
        if (!restricted.value) status.refused(r);
        return false;
      }
      restricted.value = false;
      view.value = r.value;
      if (r.value.emergency && emergencyReason) status.done('emergency.logged');
      await loadNetwork(r.value.conversation.networkId);
      changed();
      return true;
    },
    async reload() {
      if (currentId) await model.open(currentId);
    },
    async send(text) {
      const p: PendingMessage = { id: newId(), text, at: new Date().toISOString(), state: 'sending' };
      pending.value = [...pending.value, p];
      return deliver(p);
    },
    async retry(id) {
      const p = pending.value.find((x) => x.id === id);
      return p ? deliver(p) : false;
    },
    discard(id) {
      pending.value = pending.value.filter((x) => x.id !== id);
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
