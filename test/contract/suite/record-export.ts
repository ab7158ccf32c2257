import { describe, expect, it } from 'vitest';
import type { ContractHarness } from '../harness';
import { aroundNow, networkOf, nextInstant, start, uid, useRegion } from './support';

export function recordExportSuite(harness: ContractHarness) {
  describe('"Naar dossier": a conversation exported to the record (R15)', () => {
    const region = useRegion(harness);

    it('R15: the whole conversation, then only what came after my last export; each person has their own, and every export is in the access history', async () => {
      const [devries, yilmaz] = await region.all('p-devries', 'p-yilmaz');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-kanaleneiland'] }, 'Eerste: de wond geneest slecht.');
      await nextInstant();
      await yilmaz.must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: 'Tweede: ik kijk morgen.' });

      const whole = await devries.must('exportConversation', { conversationId: conv.id, scope: 'sinceLastExport' });
      expect(whole.since).toBeUndefined();
      expect(whole.messages.map((m) => [m.authorName, m.text])).toEqual([['Anne de Vries', 'Eerste: de wond geneest slecht.'], ['Yusuf Yilmaz', 'Tweede: ik kijk morgen.']]);
      expect(whole.client.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(whole.participants.map((p) => p.name)).toEqual(expect.arrayContaining(['Anne de Vries', 'Yusuf Yilmaz']));
      expect(whole.organisations.length).toBeGreaterThanOrEqual(2);

      await nextInstant();
      await yilmaz.must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: 'Derde: wond ziet er beter uit.' });
      const since = await devries.must('exportConversation', { conversationId: conv.id, scope: 'sinceLastExport' });
      expect(since.since).toBe(whole.exportedAt);
      expect(since.messages.map((m) => m.text)).toEqual(['Derde: wond ziet er beter uit.']);
      expect((await devries.must('exportConversation', { conversationId: conv.id, scope: 'sinceLastExport' })).messages).toEqual([]);
      // Another participant has not exported yet: for them "since the last export" is everything.
      expect((await yilmaz.must('exportConversation', { conversationId: conv.id, scope: 'sinceLastExport' })).messages).toHaveLength(3);
      expect((await devries.must('exportConversation', { conversationId: conv.id, scope: 'all' })).messages).toHaveLength(3);

      const history = await devries.must('accessHistory', { clientId: conv.clientId, ...aroundNow() });
      const exports = history.filter((e) => e.action === 'exportConversation' && e.objectId === conv.id);
      expect(exports.map((e) => e.userId).sort()).toEqual(['p-devries', 'p-devries', 'p-devries', 'p-devries', 'p-yilmaz']);
      expect(JSON.stringify(exports)).not.toContain('wond');
    });

    it('R8: a colleague of a participating organisation who is not in the conversation cannot export it, and the attempt is not an export mark', async () => {
      const [devries, visser] = await region.all('p-devries', 'p-visser');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-kanaleneiland'] });
      await visser.refused('exportConversation', { conversationId: conv.id, scope: 'all' }, 'not-found');
      await devries.must('addParticipant', { conversationId: conv.id, professionalId: 'p-visser' });
      expect((await visser.must('exportConversation', { conversationId: conv.id, scope: 'sinceLastExport' })).since).toBeUndefined();
    });
  });
}
