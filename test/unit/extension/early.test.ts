import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_CALLS } from '../../../lib/app/first-screen';
import { answerOf, RuntimeBackend, type Send } from '../../../lib/extension/client';
import { askEarly, takeEarly } from '../../../lib/extension/early';
import { CHANNEL, type Envelope, type Reply } from '../../../lib/extension/protocol';

/** A background that answers each message with what was asked, and records them. */
function background(answer: (m: Envelope) => Reply | Promise<never> = () => ({ ok: true, answer: null })) {
  const sent: Envelope[] = [];
  return { sent, ask: async (m: Envelope) => { sent.push(m); return answer(m); } };
}

afterEach(() => void takeEarly());

describe('the side panel asks for its first screen before its code has loaded', () => {
  it('greets the background and asks for each first call at once, in the runtime protocol', () => {
    const bg = background();
    askEarly(FIRST_CALLS, bg.ask);
    expect(bg.sent).toEqual([
      { channel: CHANNEL, type: 'hello', payload: {} },
      ...FIRST_CALLS.map(({ op, input }) => ({ channel: CHANNEL, type: 'call', payload: { op, input } })),
    ]);
  });

  it('leaves its requests to the page’s code once: a second taker gets nothing', () => {
    const early = askEarly(FIRST_CALLS, background().ask);
    expect(takeEarly()).toBe(early);
    expect(takeEarly()).toBeUndefined();
  });

  it('gives the early answer to the model’s first call with the same input, without asking again', async () => {
    const bg = background((m) => ({ ok: true, answer: { ok: true, value: m.type === 'call' ? `early ${m.payload.op}` : 'hi' } }) as Reply);
    const early = askEarly(FIRST_CALLS, bg.ask);
    const later: string[] = [];
    const send: Send = async (type, payload) => {
      later.push(type === 'call' ? (payload as { op: string }).op : type);
      return { ok: true, value: 'asked again' } as never;
    };
    const backend = new RuntimeBackend(send);
    for (const { op, input, reply } of early.calls) backend.prime(op, input as never, reply);
    expect(await answerOf('hello', early.hello)).toEqual({ ok: true, value: 'hi' });
    expect(await backend.call('listInbox', { via: '', archived: false, limit: 25 })).toEqual({ ok: true, value: 'early listInbox' });
    expect(await backend.call('session', {})).toEqual({ ok: true, value: 'early session' });
    // Used once: the same call again is a new request.
    expect(await backend.call('session', {})).toEqual({ ok: true, value: 'asked again' });
    expect(later).toEqual(['session']);
  });

  it('reads an early request the background could not handle as unavailable, like any other', async () => {
    const early = askEarly(FIRST_CALLS, background(() => Promise.reject(new Error('Receiving end does not exist.'))).ask);
    const backend = new RuntimeBackend(async () => { throw new Error('not asked again'); });
    for (const { op, input, reply } of early.calls) backend.prime(op, input as never, reply);
    const r = await backend.call('session', {});
    expect(r).toMatchObject({ ok: false, code: 'unavailable' });
    await expect(answerOf('hello', early.hello)).rejects.toThrow(/Receiving end/);
  });
});
