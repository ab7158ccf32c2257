import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../lib/app/call';
import { createConversationModel } from '../../../lib/app/conversation';
import { createStatus } from '../../../lib/app/status';
import type { OpInput, OpName, OpOutput } from '../../../lib/contract/operations';
import type { Backend } from '../../../lib/contract/port';
import { directOutbox } from '../../../lib/backend/direct-outbox';
import { trainingConversation } from '../../fixtures/training-conversation';

/** A conversation of `count` messages in a fresh training store, started by Anne de Vries. */
async function longConversation(count: number) {
  const { local: backend, conversationId } = await trainingConversation({
    dbName: `pages-${crypto.randomUUID()}`, actingAs: 'p-devries', inboxId: 'inbox-kanaleneiland', firstText: 'Bericht 0',
  });
  const conv = { id: conversationId };
  let reachable = true;
  const must = async <K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> => {
    const r = await backend.call(op, input);
    if (!r.ok) throw new Error(`${op}: ${r.code}`);
    return r.value;
  };
  for (let i = 1; i < count; i++) await must('postMessage', { conversationId, messageId: crypto.randomUUID(), text: `Bericht ${i}` });
  const status = createStatus();
  // The backend as the panel sees it: unreachable while `reachable` is false (a thrown call reads as `unavailable`).
  const seen: Backend = { call: (op, input, o) => (reachable ? backend.call(op, input, o) : Promise.reject(new Error('offline'))), files: backend.files };
  const model = createConversationModel(createCaller(seen, status), status, () => {}, directOutbox(seen));
  const texts = () => model.view.value?.messages.map((m) => m.text) ?? [];
  const offline = (off: boolean) => {
    reachable = !off;
  };
  return { backend, must, conv, model, texts, offline, status };
}

describe('the conversation model pages back through a long history (R7)', () => {
  it('R7: opens on the newest page, pages back to the first message, and keeps the earlier pages when it reloads', async () => {
    const { must, conv, model, texts } = await longConversation(130);
    await model.open(conv.id);
    expect(texts()).toHaveLength(100);
    expect(texts().at(-1)).toBe('Bericht 129');
    expect(model.view.value?.earlier).toBe(true);

    expect(await model.loadEarlier()).toBe(true);
    const all = Array.from({ length: 130 }, (_, i) => `Bericht ${i}`);
    expect(texts()).toEqual(all);
    expect(model.view.value?.earlier).toBe(false);
    expect(await model.loadEarlier()).toBe(false);

    // A live refresh reads what came after: what the user paged back to stays, the new message is added once.
    await must('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: 'Bericht 130' });
    await model.refresh();
    expect(texts()).toEqual([...all, 'Bericht 130']);
    expect(model.view.value?.earlier).toBe(false);
  });
});

describe('the open conversation when the backend cannot be reached', () => {
  it('a refresh that fails keeps the conversation on screen, quietly; the next one catches up', async () => {
    const { must, conv, model, texts, offline, status } = await longConversation(3);
    await model.open(conv.id);
    expect(texts()).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2']);
    offline(true);
    await must('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: 'Bericht 3' });
    expect(await model.refresh().then(() => model.view.value?.conversation.id)).toBe(conv.id);
    expect(texts()).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2']);
    expect(status.notice.value).toBeNull();
    offline(false);
    await model.refresh();
    expect(texts()).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2', 'Bericht 3']);
  });
});

describe('R15: the open conversation and the audit log', () => {
  it('R15: opening is one audited read; live refreshes of it in the same session add no audit record', async () => {
    const { backend, must, conv, model, texts } = await longConversation(2);
    const reads = async () => (await backend.store.transaction('read', (tx) => tx.all('audit')))
      .filter((a) => a.action === 'readConversation' && a.objectId === conv.id).length;
    await model.open(conv.id);
    expect(await reads()).toBe(1);
    for (const n of [2, 3, 4]) {
      await must('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: `Bericht ${n}` });
      await model.refresh();
    }
    expect(texts()).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2', 'Bericht 3', 'Bericht 4']);
    expect(await reads()).toBe(1);
    // Opening it again is a new read.
    await model.open(conv.id);
    expect(await reads()).toBe(2);
  });

  it('R13: a conversation read through the emergency step is not refreshed by itself: each reading takes the user\'s own step', async () => {
    const { backend, conv } = await longConversation(2);
    const asked: string[] = [];
    const status = createStatus();
    const manager: Backend = {
      call: (op, input, o) => {
        asked.push(op);
        backend.actAs('p-mulder');
        return backend.call(op, input, o);
      },
      files: backend.files,
    };
    const model = createConversationModel(createCaller(manager, status), status, () => {}, directOutbox(manager));
    expect(await model.open(conv.id, 'Cliënt in acute nood, behandelaar onbereikbaar')).toBe(true);
    expect(model.view.value?.emergency).toBe(true);
    asked.length = 0;
    await model.refresh();
    expect(asked).toEqual([]);
  });
});
