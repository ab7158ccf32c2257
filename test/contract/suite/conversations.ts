import { describe, expect, it } from 'vitest';
import type { ContractHarness } from '../harness';
import { listed, networkOf, nextInstant, readOutcome, start, uid, useRegion } from './support';

export function conversationSuite(harness: ContractHarness) {
  describe('conversations (R7, R9)', () => {
    const region = useRegion(harness);

    it('R7, R9: a professional added later reads the whole history; who added whom, and when, is recorded', async () => {
      const [devries, yilmaz, visser] = await region.all('p-devries', 'p-yilmaz', 'p-visser');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-kanaleneiland'] }, 'Eerste: de wond geneest slecht.');
      await nextInstant(); // messages of one instant have no order of their own
      await yilmaz.must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: 'Tweede: ik kijk morgen.' });
      expect(await readOutcome(visser, conv.id)).toBe('not-found');

      const t0 = new Date().toISOString();
      const added = await yilmaz.must('addParticipant', { conversationId: conv.id, professionalId: 'p-visser' });
      const record = added.participants.find((p) => p.id === 'p-visser');
      expect(record).toMatchObject({ kind: 'professional', addedBy: 'p-yilmaz' });
      expect(record?.viaInboxId).toBeUndefined();
      expect(record!.addedAt >= t0).toBe(true);

      expect(await listed(visser, '', conv.id)).toMatchObject({ unread: 1, archived: 0 });
      const view = await visser.must('readConversation', { conversationId: conv.id });
      expect(view.messages.map((m) => m.text)).toEqual(['Eerste: de wond geneest slecht.', 'Tweede: ik kijk morgen.']);
      expect(view.messages.map((m) => m.authorName)).toEqual(['Anne de Vries', 'Yusuf Yilmaz']);
    });

    it('R7: a long history is read a page at a time, back to the first message, each message once and in order', async () => {
      const [devries, yilmaz] = await region.all('p-devries', 'p-yilmaz');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-kanaleneiland'] }, 'Bericht 0');
      const texts = ['Bericht 0'];
      for (let i = 1; i <= 120; i++) {
        texts.push(`Bericht ${i}`);
        await (i % 2 ? yilmaz : devries).must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: `Bericht ${i}` });
      }
      const newest = await yilmaz.must('readConversation', { conversationId: conv.id });
      expect(newest.earlier).toBe(true);
      expect(newest.messages.at(-1)?.text).toBe('Bericht 120');
      const pages = [newest.messages];
      let cursor = newest;
      while (cursor.earlier) {
        const first = cursor.messages[0]!;
        cursor = await yilmaz.must('readConversation', { conversationId: conv.id, before: { createdAt: first.createdAt, id: first.id } });
        pages.unshift(cursor.messages);
      }
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.flat().map((m) => m.text)).toEqual(texts);
      // Paging back is reading too: a non-participant gets nothing of it.
      const visser = await region.as('p-visser');
      const first = newest.messages[0]!;
      await visser.refused('readConversation', { conversationId: conv.id, before: { createdAt: first.createdAt, id: first.id } }, 'not-found');
    });

    it('R8, R9: a shared inbox added later brings in its members at that moment, recorded via the inbox and by whom', async () => {
      const [devries, visser] = await region.all('p-devries', 'p-visser');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-kanaleneiland'] });
      const added = await devries.must('addParticipant', { conversationId: conv.id, inboxId: 'inbox-pohs' });
      expect(added.inboxes).toContainEqual(expect.objectContaining({ inboxId: 'inbox-pohs', addedBy: 'p-devries' }));
      expect(added.participants).toContainEqual(expect.objectContaining({ id: 'p-visser', viaInboxId: 'inbox-pohs', addedBy: 'p-devries' }));
      expect(await listed(visser, 'inbox-pohs', conv.id)).toMatchObject({ unread: 1 });
      expect(await readOutcome(visser, conv.id)).toBe('ok');
    });

    it('R9: when a participant of another organisation is added, that organisation takes part in the network and sees the client', async () => {
      const [devries, ahmadi] = await region.all('p-devries', 'p-ahmadi');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-pohs'] });
      await ahmadi.refused('readClient', { clientId: network.clientId }, 'not-found');
      await devries.must('addParticipant', { conversationId: conv.id, professionalId: 'p-ahmadi' });
      expect((await ahmadi.must('readNetwork', { networkId: network.id })).network.orgIds).toContain('org-buurtteam');
      expect((await ahmadi.must('readClient', { clientId: network.clientId })).client.id).toBe(network.clientId);
    });

    it.each([
      ['a shared inbox already in it', { inboxId: 'inbox-kanaleneiland' }, 'already-participant'],
      ['a professional already in it', { professionalId: 'p-yilmaz' }, 'already-participant'],
      ['a professional who does not exist', { professionalId: 'p-nobody' }, 'not-found'],
      ['a shared inbox that does not exist', { inboxId: 'inbox-nowhere' }, 'not-found'],
    ] as const)('R9: adding %s is refused', async (_, whom, code) => {
      const devries = await region.as('p-devries');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-kanaleneiland'] });
      await devries.refused('addParticipant', { conversationId: conv.id, ...whom }, code);
    });

    it('R9: only a participant adds others; a colleague of a participating organisation who is not in it cannot', async () => {
      const [devries, degraaf, dekker] = await region.all('p-devries', 'p-degraaf', 'p-dekker');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { professionalIds: ['p-degraaf'] });
      await dekker.refused('addParticipant', { conversationId: conv.id, professionalId: 'p-dekker' }, 'not-found');
      await degraaf.must('addParticipant', { conversationId: conv.id, professionalId: 'p-dekker' });
    });

    it('Input: a conversation without any recipient is refused (recipient-required)', async () => {
      const devries = await region.as('p-devries');
      const network = await networkOf(devries);
      await devries.refused('startConversation', { networkId: network.id, subject: 'Niemand', messageId: uid('m'), text: 'Hallo?' }, 'recipient-required');
    });
  });

  describe('idempotent messages', () => {
    const region = useRegion(harness);

    it('Idempotency: the same messageId posted twice stores one message, and the replay answers with the first', async () => {
      const devries = await region.as('p-devries');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-pohs'] }, 'Eerste');
      const input = { conversationId: conv.id, messageId: uid('m'), text: 'Graag terugbellen' };
      await nextInstant();
      const first = await devries.must('postMessage', input);
      const replay = await devries.must('postMessage', input);
      expect(replay).toEqual(first);
      const { messages } = await devries.must('readConversation', { conversationId: conv.id });
      expect(messages.map((m) => m.text)).toEqual(['Eerste', 'Graag terugbellen']);
    });

    it.each([
      ['with a different text', 'p-devries', 'same conversation', 'Andere tekst'],
      ['in another conversation', 'p-devries', 'other conversation', 'Graag terugbellen'],
      ['by another author', 'p-visser', 'same conversation', 'Graag terugbellen'],
    ] as const)('Idempotency: the same messageId again %s is a conflict and changes nothing', async (_, who, where, text) => {
      const [devries, author] = [await region.as('p-devries'), await region.as(who)];
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-pohs'] });
      const other = await start(devries, network.id, { inboxIds: ['inbox-pohs'] });
      const messageId = uid('m');
      await devries.must('postMessage', { conversationId: conv.id, messageId, text: 'Graag terugbellen' });
      const target = where === 'same conversation' ? conv.id : other.id;
      await author.refused('postMessage', { conversationId: target, messageId, text }, 'conflict');
    });

    it.each([
      ['a replay of the same start', 'Eerste', 'Eerste gesprek'],
      ['another conversation', 'Tweede', 'Tweede gesprek'],
    ])('Idempotency: starting %s with a messageId already sent is a conflict; the first conversation keeps its message', async (_, subject, text) => {
      const devries = await region.as('p-devries');
      const network = await networkOf(devries);
      const messageId = uid('m');
      const first = await devries.must('startConversation', {
        networkId: network.id, subject: 'Eerste', inboxIds: ['inbox-pohs'], messageId, text: 'Eerste gesprek',
      });
      await devries.refused('startConversation', { networkId: network.id, subject, inboxIds: ['inbox-pohs'], messageId, text }, 'conflict');
      const { messages } = await devries.must('readConversation', { conversationId: first.id });
      expect(messages.map((m) => [m.id, m.text])).toEqual([[messageId, 'Eerste gesprek']]);
      expect((await devries.must('readNetwork', { networkId: network.id })).conversations.map((c) => c.id)).toEqual([first.id]);
    });
  });
}
