import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTicket, eventsUrl } from '../../lib/backend/http/auth-client';
import { LiveEvent } from '../../lib/contract/wire';
import { backendFor, bearer, openSse, pgliteServer, tokenFor, type TestServer } from './helpers';

describe('live events (SSE)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await pgliteServer();
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('needs a session or a one-time ticket', async () => {
    const none = await openSse(`${server.url}/api/v1/events`);
    expect(none.status).toBe(401);
    const token = await tokenFor(server, 'p-jansen');
    const t = await eventTicket(server.url, token);
    if (!t.ok) throw new Error(t.code);
    const first = await openSse(eventsUrl(server.url, t.value.ticket));
    expect(first.status).toBe(200);
    await first.next((e) => e.event === 'ready');
    first.close();
    const again = await openSse(eventsUrl(server.url, t.value.ticket));
    expect(again.status).toBe(401);
  });

  it('tells the people concerned which list and conversation changed, never the text, and nobody else', async () => {
    const jansen = await backendFor(server, 'p-jansen');
    const yilmazToken = await tokenFor(server, 'p-yilmaz');
    const ticket = await eventTicket(server.url, yilmazToken);
    if (!ticket.ok) throw new Error(ticket.code);
    const yilmaz = await openSse(eventsUrl(server.url, ticket.value.ticket));
    const bos = await openSse(`${server.url}/api/v1/events`, bearer(await tokenFor(server, 'p-bos')));
    const smit = await openSse(`${server.url}/api/v1/events`, bearer(await tokenFor(server, 'p-smit')));
    const jansenStream = await openSse(`${server.url}/api/v1/events`, bearer(await tokenFor(server, 'p-jansen')));
    await Promise.all([yilmaz, bos, smit, jansenStream].map((s) => s.next((e) => e.event === 'ready')));

    const client = await jansen.call('createClient', { name: 'Live Test', birthDate: '1950-01-01' });
    if (!client.ok) throw new Error(client.code);
    const text = await jansen.call('currentConsentText', {});
    if (!text.ok || !text.value) throw new Error('text');
    await jansen.call('recordConsent', { clientId: client.value.id, textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
    const network = await jansen.call('createNetwork', { clientId: client.value.id });
    if (!network.ok) throw new Error(network.code);
    const secret = `Vertrouwelijk ${crypto.randomUUID()}`;
    const conv = await jansen.call('startConversation', {
      networkId: network.value.id, subject: 'Live', inboxIds: ['inbox-kanaleneiland'], messageId: crypto.randomUUID(), text: secret,
    });
    if (!conv.ok) throw new Error(conv.code);

    // One event per person and conversation: the new conversation (its list row needs no event of its own).
    const started = await yilmaz.next((e) => e.event === 'conversation');
    expect(JSON.parse(started.data)).toEqual({ type: 'conversation', conversationId: conv.value.id });
    expect(yilmaz.events.filter((e) => e.event === 'inbox')).toEqual([]);
    const seenByYilmaz = yilmaz.events.length;
    const reply = await (await backendFor(server, 'p-yilmaz')).call('postMessage', { conversationId: conv.value.id, messageId: crypto.randomUUID(), text: secret });
    expect(reply.ok).toBe(true);
    // The positive signal: the other participant hears of the reply. Events of one commit reach every stream of a
    // process in one pass, so by now anything meant for the others (or told to the sender) has arrived too.
    await jansenStream.next((e) => e.event === 'conversation');
    // The one who wrote is not told of their own write (no echo).
    expect(yilmaz.events.slice(seenByYilmaz)).toEqual([]);
    for (const e of yilmaz.events.filter((e) => e.event !== 'ready')) {
      expect(LiveEvent.safeParse(JSON.parse(e.data)).success).toBe(true);
      expect(e.data).not.toContain('Vertrouwelijk');
    }
    // Not a participant: Bos (another organisation), Smit (same practice, not in the conversation).
    expect(bos.events.filter((e) => e.event !== 'ready')).toEqual([]);
    expect(smit.events.filter((e) => e.event !== 'ready')).toEqual([]);
    for (const s of [yilmaz, bos, smit, jansenStream]) s.close();
  });
});
