import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../lib/app/call';
import { createConversationModel } from '../../../lib/app/conversation';
import { createStatus } from '../../../lib/app/status';
import { LocalBackend } from '../../../lib/backend/local/local-backend';
import type { OpInput, OpName, OpOutput } from '../../../lib/backend/operations';

/** A conversation of `count` messages in a fresh training store, started by Anne de Vries. */
async function longConversation(count: number) {
  const backend = await LocalBackend.open({ dbName: `pages-${crypto.randomUUID()}`, actingAs: 'p-devries' });
  const must = async <K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> => {
    const r = await backend.call(op, input);
    if (!r.ok) throw new Error(`${op}: ${r.code}`);
    return r.value;
  };
  const client = await must('createClient', { name: 'Lange Geschiedenis', birthDate: '1940-05-01' });
  const text = (await must('currentConsentText', {}))!;
  await must('recordConsent', { clientId: client.id, textId: text.id, givenBy: { kind: 'client' }, method: 'verbal' });
  const network = await must('createNetwork', { clientId: client.id });
  const conv = await must('startConversation', {
    networkId: network.id, subject: 'Lang gesprek', inboxIds: ['inbox-kanaleneiland'], messageId: crypto.randomUUID(), text: 'Bericht 0',
  });
  for (let i = 1; i < count; i++) await must('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: `Bericht ${i}` });
  const status = createStatus();
  const model = createConversationModel(createCaller(() => backend, status), status, () => {});
  const texts = () => model.view.value?.messages.map((m) => m.text) ?? [];
  return { backend, must, conv, model, texts };
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
