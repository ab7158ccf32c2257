import { describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../../lib/app/call';
import { createConversationModel, PENDING_RECHECK_MS } from '../../../lib/app/conversation';
import { createStatus } from '../../../lib/app/status';
import type { OutboxItem, OutboxPort, SendOutcome } from '../../../lib/contract/port';
import type { Message } from '../../../lib/domain';

const conversationId = 'c-1';
const message = (id: string, text: string, at: string): Message => ({
  id, conversationId, authorId: 'p-yilmaz', authorKind: 'professional', authorName: 'Yusuf Yilmaz', authorRole: 'nurse',
  authorOrgName: 'Thuiszorg', text, createdAt: at,
});

/**
 * The panel's view of a background that may be stopped mid-send: `stopAfterStoring`
 * stores the next message on the server and then never answers (nor says so to the pages).
 */
function world() {
  const stored: Message[] = [message('m-0', 'Eerste', '2026-01-01T00:00:00.000Z')];
  const outboxItems: OutboxItem[] = [];
  const state = { stopAfterStoring: false, stopBeforeQueueing: false, backgroundGone: false, posts: 0 };
  const store = (input: { messageId: string; text: string }) => {
    const existing = stored.find((m) => m.id === input.messageId);
    if (existing) return existing;
    const m = message(input.messageId, input.text, new Date(Date.UTC(2026, 0, 1, 0, 0, stored.length)).toISOString());
    stored.push(m);
    return m;
  };
  const call = (async (op: string) => {
    if (op === 'readConversation') return { ok: true, value: { conversation: { id: conversationId, networkId: 'n-1' }, readOnly: false, messages: [...stored], emergency: false } };
    if (op === 'readNetwork') return { ok: false, code: 'not-found' };
    throw new Error(op);
  }) as unknown as Caller;
  /** The background's outbox as the page sees it; a background gone (or stopped mid-send) does not answer. */
  const outbox: OutboxPort = {
    keeps: true,
    async send(input): Promise<SendOutcome> {
      state.posts++;
      if (state.backgroundGone) return { state: 'refused', failure: { ok: false, code: 'unavailable', detail: 'no answer' } };
      if (state.stopBeforeQueueing) {
        state.stopBeforeQueueing = false;
        return { state: 'refused', failure: { ok: false, code: 'unavailable', detail: 'no answer' } };
      }
      if (state.stopAfterStoring) {
        state.stopAfterStoring = false;
        store(input);
        return { state: 'refused', failure: { ok: false, code: 'unavailable', detail: 'no answer' } };
      }
      return { state: 'sent', message: store(input) };
    },
    pending: async () => (state.backgroundGone ? null : outboxItems.filter((i) => i.conversationId === conversationId)),
    retry: async () => ({ state: 'refused', failure: { ok: false, code: 'not-found', detail: 'outbox' } }),
    discard: async () => undefined,
    subscribe: () => () => undefined,
  };
  const model = createConversationModel(call, createStatus(), () => undefined, outbox);
  return { model, state, stored };
}

describe('the conversation with the background outbox', () => {
  it('a message the background stored but was stopped before confirming is shown once, not dropped', async () => {
    const { model, state, stored } = world();
    await model.open(conversationId);
    state.stopAfterStoring = true;
    await model.send('Tijdens het stoppen');
    // The outbox does not list it (it was sent): asked again under its id, the server answers the stored message.
    await vi.waitFor(() => expect(model.pending.value).toEqual([]));
    expect(model.view.value?.messages.map((m) => m.text)).toEqual(['Eerste', 'Tijdens het stoppen']);
    expect(stored.map((m) => m.text)).toEqual(['Eerste', 'Tijdens het stoppen']);
  });

  it('a message the background was stopped before it queued goes again before the one written after it: the server keeps the order written', async () => {
    const { model, state, stored } = world();
    await model.open(conversationId);
    state.stopBeforeQueueing = true;
    const first = model.send('Vier');
    const second = model.send('Vijf');
    await Promise.all([first, second]);
    await vi.waitFor(() => expect(model.pending.value).toEqual([]));
    expect(stored.map((m) => m.text)).toEqual(['Eerste', 'Vier', 'Vijf']);
    expect(model.view.value?.messages.map((m) => m.text)).toEqual(['Eerste', 'Vier', 'Vijf']);
  });

  it('while the background does not answer, a waiting message stays shown as not sent yet', async () => {
    const { model, state } = world();
    await model.open(conversationId);
    state.backgroundGone = true;
    await model.send('Niemand luistert');
    await vi.waitFor(() => expect(state.posts).toBe(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(model.pending.value.map((p) => [p.text, p.state])).toEqual([['Niemand luistert', 'waiting']]);
  });

  it('a message confirmed after newer ones were shown takes its stored place', async () => {
    const { model, stored } = world();
    stored.push(message('m-9', 'Later opgeslagen', '2026-01-01T00:10:00.000Z'));
    await model.open(conversationId);
    await model.send('Eerder opgeslagen');
    expect(model.view.value?.messages.map((m) => m.text)).toEqual(['Eerste', 'Eerder opgeslagen', 'Later opgeslagen']);
  });

  it('a message the outbox sent while the background could not tell the page is shown once it looks again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { model, state, stored } = world();
      await model.open(conversationId);
      state.backgroundGone = true;
      await model.send('Later verstuurd');
      await vi.waitFor(() => expect(model.pending.value.map((p) => p.state)).toEqual(['waiting']));
      // The background comes back, its outbox sends the message and is stopped before it announces it.
      const { id } = model.pending.value[0]!;
      stored.push(message(id, 'Later verstuurd', '2026-01-01T00:05:00.000Z'));
      state.backgroundGone = false;
      await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS * 2);
      await vi.waitFor(() => expect(model.pending.value).toEqual([]));
      expect(model.view.value?.messages.map((m) => m.text)).toEqual(['Eerste', 'Later verstuurd']);
    } finally {
      vi.useRealTimers();
    }
  });
});
