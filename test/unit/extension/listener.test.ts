import { describe, expect, it, vi } from 'vitest';
import { createRequestListener } from '../../../lib/extension/listener';
import { CHANNEL, type Envelope, type Reply } from '../../../lib/extension/protocol';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const own = { runtimeId: ID, ownBase: `chrome-extension://${ID}/` };
const panel = { id: ID, url: `${own.ownBase}sidepanel.html` };
const contentScript = { id: ID, url: 'http://127.0.0.1:8788/dossier/1' };

/** Runs the listener once; resolves with the reply (or undefined when it did not answer) and what was handled. */
async function deliver(message: unknown, sender: object = panel, handle = vi.fn(async (r: Envelope) => ({ echoed: r.type }))) {
  const listener = createRequestListener(handle, own, () => undefined);
  let reply: Reply | undefined;
  const answered = new Promise<void>((resolve) => {
    const keptOpen = listener(message, sender, (r) => {
      reply = r;
      resolve();
    });
    if (!keptOpen) setTimeout(resolve, 0);
  });
  await answered;
  return { reply, handle };
}

const request = (type: string, payload: unknown) => ({ channel: CHANNEL, type, payload });

describe('runtime protocol: every message is checked before anything acts on it', () => {
  it('answers a valid request from the side panel with the handler’s answer', async () => {
    const { reply, handle } = await deliver(request('call', { op: 'session', input: {} }));
    expect(reply).toEqual({ ok: true, answer: { echoed: 'call' } });
    expect(handle).toHaveBeenCalledWith({ channel: CHANNEL, type: 'call', payload: { op: 'session', input: {} } });
  });

  it('refuses a content script, even with a valid request, and never runs it', async () => {
    const { reply, handle } = await deliver(request('call', { op: 'listInbox', input: { via: '' } }), contentScript);
    expect(reply).toEqual({ ok: false, error: 'refused-sender' });
    expect(handle).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown type', request('token.read', {})],
    ['an unknown operation', request('call', { op: 'dropDatabase', input: {} })],
    ['a missing payload', { channel: CHANNEL, type: 'hello' }],
    ['extra keys in the envelope', { ...request('hello', {}), tabId: 1 }],
    ['extra keys in a payload', request('hello', { admin: true })],
    ['a wrong type in a payload', request('training.actAs', { professionalId: 42 })],
    ['an empty id', request('outbox.discard', { messageId: '' })],
    ['a negative tab id', request('ehr.read', { tabId: -1 })],
    ['a password that is not text', request('server.signIn', { email: 'a@b.nl', password: ['x'] })],
  ])('refuses %s as an invalid request', async (_name, message) => {
    const { reply, handle } = await deliver(message);
    expect(reply?.ok).toBe(false);
    expect(reply && !reply.ok && reply.error).toBe('invalid-request');
    expect(handle).not.toHaveBeenCalled();
  });

  it.each([
    ['another channel', { channel: 'ehr', type: 'hello', payload: {} }],
    ['the EHR content script’s request', { type: 'ehr:read-context' }],
    ['one of our own events', { channel: CHANNEL, event: 'outbox', conversationId: 'c1', sent: [] }],
    ['nothing', undefined],
    ['a string', 'hello'],
  ])('leaves %s alone (no answer, not handled)', async (_name, message) => {
    const { reply, handle } = await deliver(message);
    expect(reply).toBeUndefined();
    expect(handle).not.toHaveBeenCalled();
  });

  it('reports a handler that throws as failed, with its message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { reply } = await deliver(request('training.reset', {}), panel, vi.fn(async () => {
      throw new Error('not in training mode');
    }));
    expect(reply).toEqual({ ok: false, error: 'failed', detail: 'not in training mode' });
  });
});
