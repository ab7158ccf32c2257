import { beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, openOutbox, type Outbox } from '../../../lib/backend/outbox';
import type { Backend } from '../../../lib/backend/port';
import { trainingConversation } from '../../fixtures/training-conversation';

/** A real backend behind a switch: "down" answers unavailable; "lose answers" stores but reports unavailable. */
function flaky(inner: Backend) {
  const state = { down: false, loseAnswers: false };
  const backend: Backend = {
    mode: inner.mode,
    async call(op, input) {
      if (state.down) return { ok: false, code: 'unavailable' };
      const r = await inner.call(op, input);
      return state.loseAnswers ? { ok: false, code: 'unavailable' } : r;
    },
  };
  return { backend, state };
}

let n = 0;
async function setup() {
  const { local, conversationId } = await trainingConversation({
    dbName: `outbox-region-${++n}`, actingAs: 'p-jansen', inboxId: 'inbox-kanaleneiland', firstId: `first-${n}`,
  });
  const { backend, state } = flaky(local);
  const outbox = await openOutbox(backend, { dbName: `outbox-${n}` });
  const stored = async () => {
    const r = await local.call('readConversation', { conversationId });
    if (!r.ok) throw new Error(r.code);
    return r.value.messages.map((m) => m.text);
  };
  return { local, outbox, state, conversationId, clientId: 'c-pietersen', stored };
}

describe('outbox', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  let outbox: Outbox;
  beforeEach(async () => {
    t = await setup();
    outbox = t.outbox;
  });

  it('keeps a message written while the server is down and sends it once it is back', async () => {
    t.state.down = true;
    await outbox.enqueue({ messageId: 'm-down', conversationId: t.conversationId, text: 'Tijdens storing' });
    const first = await outbox.flush();
    expect(first.sent).toEqual([]);
    expect((await outbox.pending(t.conversationId)).map((e) => e.messageId)).toEqual(['m-down']);
    t.state.down = false;
    const later = () => Date.now() + 10 * 60_000;
    expect((await outbox.flush(later)).sent).toEqual(['m-down']);
    expect(await outbox.pending()).toEqual([]);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Tijdens storing']);
  });

  it('stores a message once when the answer to the first try was lost', async () => {
    t.state.loseAnswers = true;
    await outbox.enqueue({ messageId: 'm-lost', conversationId: t.conversationId, text: 'Antwoord kwijt' });
    await outbox.flush();
    t.state.loseAnswers = false;
    await outbox.flush(() => Date.now() + 10 * 60_000);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Antwoord kwijt']);
  });

  it('keeps the order within a conversation: nothing overtakes a message still waiting', async () => {
    t.state.down = true;
    for (const i of [1, 2, 3]) {
      await outbox.enqueue({ messageId: `m-${i}`, conversationId: t.conversationId, text: `Bericht ${i}` }, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    }
    await outbox.flush();
    t.state.down = false;
    expect((await outbox.flush(() => Date.now() + 10 * 60_000)).sent).toEqual(['m-1', 'm-2', 'm-3']);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Bericht 1', 'Bericht 2', 'Bericht 3']);
  });

  it('sends messages queued in the same millisecond in the order they were queued, not by their ids', async () => {
    t.state.down = true;
    const at = new Date(Date.UTC(2026, 0, 1));
    for (const id of ['m-z', 'm-a', 'm-m']) await outbox.enqueue({ messageId: id, conversationId: t.conversationId, text: id }, at);
    await outbox.flush();
    t.state.down = false;
    expect((await outbox.flush(() => Date.now() + 10 * 60_000)).sent).toEqual(['m-z', 'm-a', 'm-m']);
    expect(await t.stored()).toEqual(['Eerste bericht', 'm-z', 'm-a', 'm-m']);
  });

  it('a message queued again (its answer was lost) keeps its place before later ones', async () => {
    t.state.down = true;
    await outbox.enqueue({ messageId: 'm-1', conversationId: t.conversationId, text: 'Eerst' }, new Date(Date.UTC(2026, 0, 1, 0, 0, 1)));
    await outbox.enqueue({ messageId: 'm-2', conversationId: t.conversationId, text: 'Daarna' }, new Date(Date.UTC(2026, 0, 1, 0, 0, 2)));
    await outbox.enqueue({ messageId: 'm-1', conversationId: t.conversationId, text: 'Eerst' }, new Date(Date.UTC(2026, 0, 1, 0, 0, 3)));
    t.state.down = false;
    expect((await outbox.flush()).sent).toEqual(['m-1', 'm-2']);
    expect(await t.stored()).toEqual(['Eerste bericht', 'Eerst', 'Daarna']);
  });

  it('R3: shows a refusal (a 4xx) and never retries it', async () => {
    await t.local.call('withdrawConsent', { clientId: t.clientId });
    await outbox.enqueue({ messageId: 'm-ro', conversationId: t.conversationId, text: 'Na intrekking' });
    expect((await outbox.flush()).refused).toEqual(['m-ro']);
    const [entry] = await outbox.pending(t.conversationId);
    expect(entry?.refused).toBe('network-read-only');
    expect((await outbox.flush(() => Date.now() + 10 * 60_000)).refused).toEqual([]);
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
