import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../lib/backend/local/local-backend';

describe('smoke', () => {
  it('runs a GP start', async () => {
    const b = await LocalBackend.open({ dbName: 'smoke', actingAs: 'p-jansen' });
    const text = await b.call('currentConsentText', {});
    if (!text.ok || !text.value) throw new Error('no text');
    const c = await b.call('recordConsent', { clientId: 'c-pietersen', textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
    expect(c.ok).toBe(true);
    const n = await b.call('createNetwork', { clientId: 'c-pietersen' });
    if (!n.ok) throw new Error(JSON.stringify(n));
    const conv = await b.call('startConversation', { networkId: n.value.id, subject: 'Start', inboxIds: ['inbox-kanaleneiland'], messageId: 'm1', text: 'Hallo' });
    if (!conv.ok) throw new Error(JSON.stringify(conv));
    b.actAs('p-yilmaz');
    const list = await b.call('listInbox', { via: 'inbox-kanaleneiland' });
    expect(list.ok && list.value.items.length).toBe(1);
    const unread = await b.call('unreadCounts', {});
    expect(unread.ok && unread.value.counts['inbox-kanaleneiland']).toBe(1);
    const read = await b.call('readConversation', { conversationId: conv.value.id });
    expect(read.ok && read.value.messages[0]?.text).toBe('Hallo');
    const hist = await b.call('accessHistory', { clientId: 'c-pietersen', from: '2000-01-01', to: '2100-01-01' });
    expect(hist.ok && hist.value.length).toBeGreaterThan(3);
  });
});
