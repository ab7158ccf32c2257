import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../lib/app/call';
import { createConversationModel } from '../../../lib/app/conversation';
import { createStatus } from '../../../lib/app/status';
import type { OpInput, OpName, OpOutput } from '../../../lib/backend/operations';
import type { Backend } from '../../../lib/backend/port';
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
  const seen: Backend = { mode: 'training', call: (op, input) => (reachable ? backend.call(op, input) : Promise.reject(new Error('offline'))) };
  const model = createConversationModel(createCaller(() => seen, status), status, () => {});
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

    // A live update reloads the newest page: what the user paged back to stays, the new message is added once.
    await must('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: 'Bericht 130' });
    await model.reload();
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
    expect(await model.reload().then(() => model.view.value?.conversation.id)).toBe(conv.id);
    expect(texts()).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2']);
    expect(status.notice.value).toBeNull();
    offline(false);
    await model.reload();
    expect(texts()).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2', 'Bericht 3']);
  });
});
