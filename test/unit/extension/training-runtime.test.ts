import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { trainingOfflineItem, trainingPersonItem } from '../../../lib/extension/settings';
import { createHandler } from '../../../lib/extension/handler';
import { buildHost, createHostCache, type HostCache } from '../../../lib/extension/hosts';
import { deleteOutboxes, knownAuthors } from '../../../lib/extension/outbox';
import { CHANNEL, type Answer, type Payload, type RequestType, type RuntimeEvent } from '../../../lib/extension/protocol';
import { resetTraining } from '../../../lib/backend/local/local-backend';
import type { Message } from '../../../lib/domain';

/**
 * The background's side of the protocol over real training mode
 * (fake-indexeddb, fakeBrowser storage): what the panel asks and what it is
 * answered, the outbox, and a service worker that was stopped in between.
 */
let events: RuntimeEvent[];
let hosts: HostCache;
let handle: (request: never) => Promise<unknown>;

function start() {
  hosts = createHostCache(() => buildHost((e) => events.push(e)));
  handle = createHandler({ hosts, lang: async () => 'nl', changed: () => undefined }) as never;
}
const ask = <T extends RequestType>(type: T, payload: Payload<T>) => handle({ channel: CHANNEL, type, payload } as never) as Promise<Answer<T>>;
const call = async <T,>(op: string, input: object) =>
  (await ask('call', { op: op as never, input, idempotencyKey: crypto.randomUUID() })) as { ok: true; value: T } | { ok: false; code: string; detail?: string };
const send = (conversationId: string, messageId: string, text: string) => ask('outbox.send', { conversationId, messageId, text, idempotencyKey: `key-${messageId}` });

async function aConversation(): Promise<string> {
  await ask('training.actAs', { professionalId: 'p-yilmaz' });
  const text = await call<{ id: string }>('currentConsentText', {});
  if (!text.ok) throw new Error(text.code);
  await call('recordConsent', { clientId: 'c-pietersen', textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
  const network = await call<{ id: string }>('createNetwork', { clientId: 'c-pietersen' });
  if (!network.ok) throw new Error(network.code);
  const conv = await call<{ id: string }>('startConversation', {
    networkId: network.value.id, subject: 'Wondzorg', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Eerste bericht',
  });
  if (!conv.ok) throw new Error(conv.code);
  return conv.value.id;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await resetTraining();
  await deleteOutboxes(await knownAuthors());
  events = [];
  start();
});
afterEach(() => hosts.forget());

describe('runtime protocol over training mode', () => {
  it('says hello with the mode, the language and who training acts as', async () => {
    const hello = await ask('hello', {});
    expect(hello).toMatchObject({ mode: 'training', lang: 'nl', actingAs: 'p-jansen' });
    expect(hello.mode === 'training' && hello.people.map((p) => p.id)).toContain('p-yilmaz');
  });

  it('where the organisation switched training off and set no server, says so and runs nothing', async () => {
    await fakeBrowser.storage.managed.set({ trainingAllowed: false });
    hosts.forget();
    start();
    expect(await ask('hello', {})).toEqual({ mode: 'none', lang: 'nl' });
    expect(await call('session', {})).toMatchObject({ ok: false, code: 'unavailable' });
    await expect(ask('training.actAs', { professionalId: 'p-yilmaz' })).rejects.toThrow();
  });

  it('answers operations with plain data, and refuses bad input as invalid-input before the backend sees it', async () => {
    const session = await call<{ professional: { id: string } }>('session', {});
    expect(session.ok && session.value.professional.id).toBe('p-jansen');
    expect(structuredClone(session)).toEqual(session);
    const bad = await call('listInbox', { via: '', limit: 1000 });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('remembers the person acted as, also after the service worker was stopped', async () => {
    await ask('training.actAs', { professionalId: 'p-yilmaz' });
    expect(await trainingPersonItem.getValue()).toBe('p-yilmaz');
    hosts.forget();
    start();
    expect(await ask('hello', {})).toMatchObject({ actingAs: 'p-yilmaz' });
  });

  it('sends a message through the outbox at once and tells the pages what was stored', async () => {
    const conversationId = await aConversation();
    const r = await send(conversationId, 'm-now', 'Ik kom morgen langs.');
    expect(r).toMatchObject({ state: 'sent', message: { id: 'm-now', text: 'Ik kom morgen langs.' } });
    expect(await ask('outbox.pending', { conversationId })).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ event: 'outbox', conversationId, sent: [expect.objectContaining({ id: 'm-now' })] }));
  });

  it('keeps a message written while the backend fails, survives a stopped service worker, and sends it once it is back', async () => {
    const conversationId = await aConversation();
    await trainingOfflineItem.setValue(true);
    expect(await send(conversationId, 'm-wait', 'Tijdens storing')).toEqual({ state: 'queued' });
    expect((await ask('outbox.pending', { conversationId })).map((i) => [i.messageId, i.refused])).toEqual([['m-wait', undefined]]);

    hosts.forget();
    start();
    await trainingOfflineItem.setValue(false);
    const host = await hosts.get();
    const sent = await host.outboxes.flushNow();
    expect(sent.get('m-wait')?.outcome).toMatchObject({ state: 'sent' });
    expect(await ask('outbox.pending', { conversationId })).toEqual([]);
    const read = await call<{ messages: Message[] }>('readConversation', { conversationId });
    expect(read.ok && read.value.messages.map((m) => m.text)).toEqual(['Eerste bericht', 'Tijdens storing']);
  });

  it('a refused message stays with its refusal until the user retries or discards it', async () => {
    expect(await send('conv-does-not-exist', 'm-refused', 'Waarheen?')).toMatchObject({ state: 'refused', failure: { code: 'not-found' } });
    expect((await ask('outbox.pending', { conversationId: 'conv-does-not-exist' })).map((i) => i.refused)).toEqual(['not-found']);
    expect(await ask('outbox.retry', { messageId: 'm-refused' })).toMatchObject({ state: 'refused', failure: { code: 'not-found' } });
    await ask('outbox.discard', { messageId: 'm-refused' });
    expect(await ask('outbox.pending', { conversationId: 'conv-does-not-exist' })).toEqual([]);
  });

  it('the same message id twice is stored once', async () => {
    const conversationId = await aConversation();
    await send(conversationId, 'm-twice', 'Eén keer');
    await send(conversationId, 'm-twice', 'Eén keer');
    const read = await call<{ messages: Message[] }>('readConversation', { conversationId });
    expect(read.ok && read.value.messages.filter((m) => m.id === 'm-twice')).toHaveLength(1);
  });

  it('a command with one key runs once however often it is sent; a query of the same key is just read', async () => {
    const conversationId = await aConversation();
    const archive = () => ask('call', { op: 'archive', input: { conversationId, via: '' }, idempotencyKey: 'key-archive-1' });
    expect(await archive()).toMatchObject({ ok: true, value: { rows: 1 } });
    // The second one would find nothing to archive; the key gives the first answer instead.
    expect(await archive()).toMatchObject({ ok: true, value: { rows: 1 } });
    const conflict = await ask('call', { op: 'archive', input: { conversationId, via: '', archived: false }, idempotencyKey: 'key-archive-1' });
    expect(conflict).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('training refuses server requests', async () => {
    await expect(ask('server.signOut', {})).rejects.toThrow('not in server mode');
  });
});
