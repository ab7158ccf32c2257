import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveBackend, tokenItem } from '../../lib/extension/settings';
import { createHandler } from '../../lib/extension/handler';
import { buildHost, createHostCache, type HostCache } from '../../lib/extension/hosts';
import { deleteOutboxes, knownAuthors } from '../../lib/extension/outbox';
import { CHANNEL, type Answer, type Payload, type RequestType } from '../../lib/extension/protocol';
import type { Message } from '../../lib/domain';
import { DEMO_PASSWORD } from '../../server/seed';
import { emailOf, openSse, pgliteServer, type TestServer } from './helpers';

/**
 * The background in server mode, against the reference server (PGlite):
 * the token stays in the background, and a message written while the server
 * cannot be reached waits in its author's outbox — sent as them only.
 */
let server: TestServer;
let hosts: HostCache;
let handle: (request: never) => Promise<unknown>;

function start() {
  hosts = createHostCache(() => buildHost(() => undefined));
  handle = createHandler({ hosts, lang: async () => 'nl', changed: () => undefined }) as never;
}
const ask = <T extends RequestType>(type: T, payload: Payload<T>) => handle({ channel: CHANNEL, type, payload } as never) as Promise<Answer<T>>;
const call = async <T,>(op: string, input: object) => (await ask('call', { op: op as never, input })) as { ok: true; value: T } | { ok: false; code: string; detail?: string };
const signInAs = async (id: string) => ask('server.signIn', { email: await emailOf(server, id), password: DEMO_PASSWORD });

/** The server cannot be reached: every fetch to it fails, as with a network down. */
function offline() {
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
    String(input instanceof Request ? input.url : input).startsWith(server.url) ? Promise.reject(new TypeError('fetch failed')) : real(input, init));
  return () => spy.mockRestore();
}

beforeAll(async () => {
  server = await pgliteServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  await deleteOutboxes(await knownAuthors());
  await saveBackend({ kind: 'server', url: server.url });
  start();
});
// Closes the outboxes' databases, so the next test can delete them.
afterEach(() => hosts.forget());

describe('runtime protocol over the server', () => {
  it('signs in through the background, which keeps the token; the page only learns that it is signed in', async () => {
    expect(await ask('hello', {})).toMatchObject({ mode: 'server', baseUrl: server.url, signedIn: false });
    expect(await call('session', {})).toMatchObject({ ok: false, code: 'not-signed-in' });
    expect(await signInAs('p-yilmaz')).toMatchObject({ ok: true });
    expect(await tokenItem.getValue()).toBeTruthy();
    expect(JSON.stringify(await ask('hello', {}))).not.toContain(await tokenItem.getValue());
    expect(await ask('hello', {})).toMatchObject({ signedIn: true });
    await ask('server.signOut', {});
    expect(await tokenItem.getValue()).toBeNull();
    expect(await call('session', {})).toMatchObject({ ok: false, code: 'not-signed-in' });
  });

  it('gives the page a one-time address of the live event stream, never the token; none when signed out', async () => {
    expect(await ask('server.liveUrl', {})).toMatchObject({ ok: false, code: 'not-signed-in' });
    await signInAs('p-jansen');
    const url = await ask('server.liveUrl', {});
    if (!url.ok) throw new Error(url.code);
    expect(url.value.startsWith(`${server.url}/api/v1/events?ticket=`)).toBe(true);
    expect(url.value).not.toContain(await tokenItem.getValue());
    const stream = await openSse(url.value);
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');
    stream.close();
    // One time only.
    const again = await openSse(url.value);
    expect(again.status).toBe(401);
  });

  it('a wrong password reads as not signed in', async () => {
    expect(await ask('server.signIn', { email: await emailOf(server, 'p-yilmaz'), password: 'fout-wachtwoord' })).toMatchObject({ ok: false, code: 'not-signed-in' });
  });

  it('a message written while the server is down waits in its author’s outbox: not sent as someone else, sent once its author is back', async () => {
    await signInAs('p-yilmaz');
    const text = await call<{ id: string }>('currentConsentText', {});
    if (!text.ok) throw new Error(text.code);
    await call('recordConsent', { clientId: 'c-hendriks', textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
    const network = await call<{ id: string }>('createNetwork', { clientId: 'c-hendriks' });
    if (!network.ok) throw new Error(network.code);
    const conv = await call<{ id: string }>('startConversation', {
      networkId: network.value.id, subject: 'Storing', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Eerste bericht',
    });
    if (!conv.ok) throw new Error(conv.code);
    const conversationId = conv.value.id;

    const online = offline();
    expect(await ask('outbox.send', { conversationId, messageId: 'm-offline', text: 'Tijdens de storing', idempotencyKey: 'key-m-offline' })).toEqual({ state: 'queued' });
    online();
    expect((await ask('outbox.pending', { conversationId })).map((i) => i.messageId)).toEqual(['m-offline']);

    // Someone else signs in on this browser: Yusuf's message is not theirs to send.
    await ask('server.signOut', {});
    await signInAs('p-jansen');
    expect(await ask('outbox.pending', { conversationId })).toEqual([]);
    expect((await (await hosts.get()).outboxes.flushNow()).has('m-offline')).toBe(false);

    // The service worker restarts; Yusuf signs in again: his message goes out, under his name.
    await ask('server.signOut', {});
    hosts.forget();
    start();
    await signInAs('p-yilmaz');
    await (await hosts.get()).outboxes.flushNow();
    expect(await ask('outbox.pending', { conversationId })).toEqual([]);
    const read = await call<{ messages: Message[] }>('readConversation', { conversationId });
    expect(read.ok && read.value.messages.map((m) => [m.text, m.authorId])).toEqual([['Eerste bericht', 'p-yilmaz'], ['Tijdens de storing', 'p-yilmaz']]);
  });
});
