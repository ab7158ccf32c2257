import { beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, openOutbox, type Outbox, type OutboxEntry, type Send } from '../../../lib/extension/outbox';
import { trainingConversation } from '../../fixtures/training-conversation';

let n = 0;
async function setup() {
  const { local, conversationId } = await trainingConversation({
    dbName: `outbox-region-${++n}`, actingAs: 'p-jansen', inboxId: 'inbox-kanaleneiland', firstId: `first-${n}`,
  });
  /** A real backend behind a switch: "down" answers unavailable; "lose answers" stores but reports unavailable. */
  const state = { down: false, loseAnswers: false, keys: [] as string[] };
  const send: Send = async (e: OutboxEntry) => {
    state.keys.push(e.idempotencyKey);
    if (state.down) return { ok: false, code: 'unavailable' };
    const r = await local.call('postMessage', { conversationId: e.conversationId, messageId: e.messageId, text: e.text }, { idempotencyKey: e.idempotencyKey });
    return state.loseAnswers ? { ok: false, code: 'unavailable' } : r;
  };
  const outbox = await openOutbox(`outbox-${n}`);
  const stored = async () => {
    const r = await local.call('readConversation', { conversationId });
    if (!r.ok) throw new Error(r.code);
    return r.value.messages.map((m) => m.text);
  };
  return { local, outbox, send, state, conversationId, clientId: 'c-pietersen', stored };
}

const entry = (messageId: string, conversationId: string, text = messageId) => ({ messageId, conversationId, text, idempotencyKey: `key-${messageId}` });
const later = () => Date.now() + 10 * 60_000;
const states = (outcomes: Awaited<ReturnType<Outbox['flush']>>) => [...(outcomes ?? new Map()).entries()].map(([id, o]) => [id, o.outcome.state]);

describe('outbox', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  let outbox: Outbox;
  beforeEach(async () => {
    t = await setup();
    outbox = t.outbox;
  });

  it('keeps a message written while the server is down and sends it once it is back', async () => {
    t.state.down = true;
    await outbox.enqueue(entry('m-down', t.conversationId, 'Tijdens storing'));
    expect(states(await outbox.flush(t.send))).toEqual([['m-down', 'queued']]);
    expect((await outbox.pending(t.conversationId)).map((e) => e.messageId)).toEqual(['m-down']);
    t.state.down = false;
    expect(states(await outbox.flush(t.send, later))).toEqual([['m-down', 'sent']]);
    expect(await outbox.pending()).toEqual([]);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Tijdens storing']);
  });

  it('stores a message once when the answer to the first try was lost, and every try carries the key made when it was written', async () => {
    t.state.loseAnswers = true;
    await outbox.enqueue(entry('m-lost', t.conversationId, 'Antwoord kwijt'));
    await outbox.flush(t.send);
    t.state.loseAnswers = false;
    await outbox.flush(t.send, later);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Antwoord kwijt']);
    expect(t.state.keys).toEqual(['key-m-lost', 'key-m-lost']);
  });

  it('a message queued again keeps its first key', async () => {
    await outbox.enqueue(entry('m-1', t.conversationId));
    const again = await outbox.enqueue({ ...entry('m-1', t.conversationId), idempotencyKey: 'another-key' });
    expect(again.idempotencyKey).toBe('key-m-1');
  });

  it('keeps the order within a conversation: nothing overtakes a message still waiting', async () => {
    t.state.down = true;
    for (const i of [1, 2, 3]) await outbox.enqueue(entry(`m-${i}`, t.conversationId, `Bericht ${i}`), new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    await outbox.flush(t.send);
    t.state.down = false;
    expect(states(await outbox.flush(t.send, later))).toEqual([['m-1', 'sent'], ['m-2', 'sent'], ['m-3', 'sent']]);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Bericht 1', 'Bericht 2', 'Bericht 3']);
  });

  it('sends messages queued in the same millisecond in the order they were queued, not by their ids', async () => {
    t.state.down = true;
    const at = new Date(Date.UTC(2026, 0, 1));
    for (const id of ['m-z', 'm-a', 'm-m']) await outbox.enqueue(entry(id, t.conversationId), at);
    await outbox.flush(t.send);
    t.state.down = false;
    expect(states(await outbox.flush(t.send, later)).map(([id]) => id)).toEqual(['m-z', 'm-a', 'm-m']);
    expect(await t.stored()).toEqual(['Eerste bericht', 'm-z', 'm-a', 'm-m']);
  });

  it('a message queued again (its answer was lost) keeps its place before later ones', async () => {
    t.state.down = true;
    await outbox.enqueue(entry('m-1', t.conversationId, 'Eerst'), new Date(Date.UTC(2026, 0, 1, 0, 0, 1)));
    await outbox.enqueue(entry('m-2', t.conversationId, 'Daarna'), new Date(Date.UTC(2026, 0, 1, 0, 0, 2)));
    await outbox.enqueue(entry('m-1', t.conversationId, 'Eerst'), new Date(Date.UTC(2026, 0, 1, 0, 0, 3)));
    t.state.down = false;
    expect(states(await outbox.flush(t.send)).map(([id]) => id)).toEqual(['m-1', 'm-2']);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Eerst', 'Daarna']);
  });

  it('R3: shows a refusal (a 4xx) and never retries it', async () => {
    await t.local.call('withdrawConsent', { clientId: t.clientId }, { idempotencyKey: 'withdraw-1' });
    await outbox.enqueue(entry('m-ro', t.conversationId, 'Na intrekking'));
    const first = await outbox.flush(t.send);
    expect(first?.get('m-ro')?.outcome).toMatchObject({ state: 'refused', failure: { code: 'network-read-only' } });
    const [pending] = await outbox.pending(t.conversationId);
    expect(pending?.refused).toBe('network-read-only');
    expect(states(await outbox.flush(t.send, later))).toEqual([]);
    expect(await t.stored()).toEqual(['Eerste bericht']);
  });
});

describe('backoff', () => {
  it.each([
    [1, 0, 500], [1, 1, 1000], [2, 0, 1000], [3, 1, 4000], [10, 1, 300_000], [30, 0, 150_000],
  ])('attempt %i with random %f waits %i ms', (attempts, random, ms) => {
    expect(backoffMs(attempts, () => random)).toBe(ms);
  });
});
