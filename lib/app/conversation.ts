import { signal, type ReadonlySignal } from '@preact/signals';
import type { DownloadedFile, FileData, Files, FileVariant, OutboxPort } from '../contract/port';
import { fail, type Result } from '../contract/result';
import type { Conversation, ConversationView, ExportScope, Message, Network, RecordExport } from '../domain';
import type { Caller } from './call';
import { createPendingModel, type PendingMessage } from './pending';
import type { StatusModel } from './status';

export { PENDING_RECHECK_MS, type PendingMessage } from './pending';

export type Recipient = { inboxId: string } | { professionalId: string };

export interface ConversationModel {
  view: ReadonlySignal<ConversationView | null>;
  network: ReadonlySignal<Network | null>;
  /** R13: opening was refused because this account may not read contents; the emergency step can follow. */
  restricted: ReadonlySignal<boolean>;
  loading: ReadonlySignal<boolean>;
  pending: ReadonlySignal<PendingMessage[]>;
  /** Opening is one read (R15), audited; with a reason, through the emergency step (R13). */
  open(id: string, emergencyReason?: string): Promise<boolean>;
  /** R7: the page of messages before the oldest one shown. */
  loadEarlier(): Promise<boolean>;
  /** New messages (a live event): only what came after the last one shown, not a new read (R15). */
  refresh(): Promise<void>;
  send(text: string, files?: FileData[]): Promise<boolean>;
  /** R20: a file of a message shown, or its thumbnail; under the emergency step when the conversation was opened through it (R13). */
  file(attachmentId: string, variant: FileVariant): Promise<Result<DownloadedFile>>;
  retry(id: string): Promise<boolean>;
  discard(id: string): void;
  /** R9: add a shared inbox or a professional; R8: an inbox's members now become participants. */
  add(recipient: Recipient): Promise<boolean>;
  /** R6, R7: the resident joins after activating the portal and sees the history. */
  addResident(): Promise<boolean>;
  /** "Naar dossier": the conversation (or what came after my last export) for the record; an audited read (R15). */
  exportToRecord(scope: ExportScope): Promise<RecordExport | null>;
  close(): void;
  dispose(): void;
}

const before = (a: Message, b: Message) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/** Messages merged in their stored order (time, then id); one received twice is shown once. */
export function mergeMessages(shown: readonly Message[], arriving: readonly Message[]): Message[] {
  const ids = new Set(shown.map((m) => m.id));
  const fresh = arriving.filter((m) => !ids.has(m.id));
  if (!fresh.length) return shown as Message[];
  return [...shown, ...fresh].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

/** A fresh newest page keeps the earlier pages the user had paged back to (a reopening must not take them away). */
function withEarlier(fresh: ConversationView, shown: ConversationView | null): ConversationView {
  const first = fresh.messages[0];
  if (!shown || shown.conversation.id !== fresh.conversation.id || !first) return fresh;
  const older = shown.messages.filter((m) => before(m, first) && !fresh.messages.some((f) => f.id === m.id));
  return older.length ? { ...fresh, messages: [...older, ...fresh.messages], earlier: shown.earlier } : fresh;
}

export function createConversationModel(
  call: Caller, status: StatusModel, changed: () => void, outbox: OutboxPort, files?: Files,
): ConversationModel {
  const view = signal<ConversationView | null>(null);
  const network = signal<Network | null>(null);
  const restricted = signal(false);
  const loading = signal(false);
  let currentId = '';
  let reason: string | undefined;
  /** Messages of others shown by a refresh: the conversation's rows are read once it is left. */
  let unseenShown = false;

  const shown = (messages: readonly Message[]) => {
    const v = view.value;
    if (v) view.value = { ...v, messages: mergeMessages(v.messages, messages) };
  };
  const setConversation = (c: Conversation) => {
    if (view.value) view.value = { ...view.value, conversation: c };
  };
  const pending = createPendingModel({
    outbox, status, changed,
    conversationId: () => currentId,
    shown: () => new Set(view.value?.messages.map((m) => m.id)),
    stored: (m) => shown([m]),
  });

  async function loadNetwork(networkId: string) {
    const r = await call('readNetwork', { networkId }, { quiet: true });
    network.value = r.ok ? r.value.network : null;
  }

  /** Leaving a conversation in which a refresh showed others' messages: they were read. */
  function leave() {
    if (currentId && unseenShown) void call('markRead', { conversationId: currentId }, { quiet: true }).then(() => changed());
    unseenShown = false;
  }

  const model: ConversationModel = {
    view,
    network,
    restricted,
    loading,
    pending: pending.pending,
    async open(id, emergencyReason) {
      if (id !== currentId) {
        leave();
        view.value = null;
        network.value = null;
        pending.reset();
        reason = undefined;
      }
      currentId = id;
      if (emergencyReason) reason = emergencyReason;
      loading.value = true;
      const r = await call('readConversation', { conversationId: id, emergencyReason: reason }, { quiet: !reason });
      loading.value = false;
      if (id !== currentId) return false;
      if (!r.ok) {
        // A reopening that could not reach the backend keeps what is on screen (and the composer with
        // what the user is typing); the next refresh catches up.
        if (r.code === 'unavailable' && view.value?.conversation.id === id) return false;
        restricted.value = r.code === 'contents-restricted';
        view.value = null;
        if (!restricted.value) status.refused(r);
        return false;
      }
      restricted.value = false;
      unseenShown = false;
      view.value = withEarlier(r.value, view.value);
      if (r.value.emergency && emergencyReason) status.done('emergency.logged');
      await Promise.all([loadNetwork(r.value.conversation.networkId), pending.sync()]);
      changed();
      return true;
    },
    async loadEarlier() {
      const v = view.value;
      const first = v?.messages[0];
      if (!v || !first || !v.earlier) return false;
      const id = currentId;
      const r = await call('readConversation', { conversationId: id, emergencyReason: reason, before: { createdAt: first.createdAt, id: first.id } });
      const now = view.value;
      if (!r.ok || id !== currentId || !now) return false;
      view.value = { ...now, messages: mergeMessages(now.messages, r.value.messages), earlier: r.value.earlier };
      return true;
    },
    async refresh() {
      const v = view.value;
      const last = v?.messages.at(-1);
      // Under the emergency step every reading is audited as such: that takes the user's own step, not an event.
      if (!v || v.emergency || !currentId) return;
      if (!last) return void (await model.open(currentId));
      const id = currentId;
      const r = await call('conversationUpdates', { conversationId: id, after: { createdAt: last.createdAt, id: last.id } }, { quiet: true });
      if (id !== currentId || !view.value) return;
      if (!r.ok) {
        // This session has not opened it (the page outlived its session, or a new one began): open it again.
        if (r.code === 'conversation-not-open') await model.open(id);
        return;
      }
      const mine = view.value.messages;
      view.value = { ...view.value, conversation: r.value.conversation, readOnly: r.value.readOnly, messages: mergeMessages(mine, r.value.messages) };
      if (r.value.messages.some((m) => !mine.some((x) => x.id === m.id))) unseenShown = true;
      // More than a page arrived at once: the rest is read the same way.
      if (r.value.more) await model.refresh();
      await pending.sync();
    },
    send: (text, attached) => pending.send(text, attached),
    async file(attachmentId, variant) {
      if (!files) return fail('unavailable', 'files');
      return files.download(attachmentId, variant, reason ? { emergencyReason: reason } : {});
    },
    retry: (id) => pending.retry(id),
    discard: (id) => pending.discard(id),
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
    async exportToRecord(scope) {
      const r = await call('exportConversation', { conversationId: currentId, scope });
      return r.ok ? r.value : null;
    },
    close() {
      leave();
      pending.reset();
      currentId = '';
      view.value = null;
      network.value = null;
      restricted.value = false;
      reason = undefined;
    },
    dispose() {
      model.close();
      pending.dispose();
    },
  };
  return model;
}
