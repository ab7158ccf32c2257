import { describe, expect, it } from 'vitest';
import type { ContractHarness } from '../harness';
import { aroundNow, networkOf, newClient, consentAndNetwork, start, uid, useRegion } from './support';

const REASON = 'Cliënt onbereikbaar, huisarts met vakantie, zorg nodig.';

export function auditSuite(harness: ContractHarness) {
  describe('message contents and account managers (R13)', () => {
    const region = useRegion(harness);

    it('R13: an account manager without a care role cannot open message contents without an emergency reason', async () => {
      const [devries, mulder] = await region.all('p-devries', 'p-mulder');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-pohs'] });
      await mulder.refused('readConversation', { conversationId: conv.id }, 'contents-restricted');
      await mulder.refused('readConversation', { conversationId: conv.id, emergencyReason: 'kort' }, 'invalid-input');
    });

    it('R13, R15: with an emergency reason the contents open, and the audit log shows emergency=true with the reason', async () => {
      const [devries, mulder] = await region.all('p-devries', 'p-mulder');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-pohs'] }, 'Medicatie is aangepast.');
      const view = await mulder.must('readConversation', { conversationId: conv.id, emergencyReason: REASON });
      expect(view.emergency).toBe(true);
      expect(view.messages.map((m) => m.text)).toEqual(['Medicatie is aangepast.']);

      const history = await devries.must('accessHistory', { clientId: network.clientId, ...aroundNow() });
      const emergencies = history.filter((e) => e.emergency);
      expect(emergencies).toHaveLength(1);
      expect(emergencies[0]).toMatchObject({
        userId: 'p-mulder', orgId: 'org-hap-lombok', role: 'manager', action: 'readConversation', event: 'read',
        objectType: 'conversation', objectId: conv.id, reason: REASON, outcome: 'success',
      });
      expect(history.filter((e) => !e.emergency).every((e) => e.reason === undefined)).toBe(true);
    });

    it('R13: an account manager without a care role writes no messages', async () => {
      const [devries, mulder] = await region.all('p-devries', 'p-mulder');
      const network = await networkOf(devries);
      await mulder.refused('startConversation', {
        networkId: network.id, subject: 'Vraag', inboxIds: ['inbox-pohs'], messageId: uid('m'), text: 'Hallo',
      }, 'contents-restricted');
    });

    it('R13: the emergency step does not open another organisation\'s conversations', async () => {
      const [devries, bos] = await region.all('p-devries', 'p-bos');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-pohs'] });
      await bos.refused('readConversation', { conversationId: conv.id, emergencyReason: REASON }, 'not-found');
    });

    it('R13: an account manager who is also a care professional reads as a participant, without the emergency step', async () => {
      const [devries, ahmadi] = await region.all('p-devries', 'p-ahmadi');
      const network = await networkOf(devries);
      const conv = await start(devries, network.id, { inboxIds: ['inbox-buurtteam'] });
      const view = await ahmadi.must('readConversation', { conversationId: conv.id });
      expect(view.emergency).toBe(false);
    });
  });

  describe('access history (R15)', () => {
    const region = useRegion(harness);

    it('R15: the access history of a period lists each read and change of the client\'s data, by whom, from where', async () => {
      const [jansen, yilmaz] = await region.all('p-jansen', 'p-yilmaz');
      const t0 = new Date().toISOString();
      const client = await newClient(jansen);
      const network = await consentAndNetwork(jansen, client.id);
      await jansen.must('linkPatientCard', { networkId: network.id, system: 'HIS', patientRef: 'HIS-1' });
      const conv = await start(jansen, network.id, { inboxIds: ['inbox-kanaleneiland'] });
      await yilmaz.must('readConversation', { conversationId: conv.id });
      await yilmaz.must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: 'Gezien.' });
      await jansen.must('readNetwork', { networkId: network.id });
      await jansen.must('readClient', { clientId: client.id });
      const t1 = new Date().toISOString();

      const history = await jansen.must('accessHistory', { clientId: client.id, ...aroundNow() });
      const seen = history.map((e) => [e.userId, e.event, e.action, e.objectType]);
      expect(seen).toEqual(expect.arrayContaining([
        ['p-jansen', 'create', 'createClient', 'client'],
        ['p-jansen', 'create', 'recordConsent', 'consent'],
        ['p-jansen', 'create', 'createNetwork', 'network'],
        ['p-jansen', 'update', 'linkPatientCard', 'patientCard'],
        ['p-jansen', 'create', 'startConversation', 'conversation'],
        ['p-jansen', 'create', 'postMessage', 'message'],
        ['p-yilmaz', 'read', 'readConversation', 'conversation'],
        ['p-yilmaz', 'create', 'postMessage', 'message'],
        ['p-jansen', 'read', 'readNetwork', 'network'],
        ['p-jansen', 'read', 'readClient', 'client'],
      ]));
      expect(history).toHaveLength(10);
      expect(history.map((e) => e.at)).toEqual(history.map((e) => e.at).sort().reverse()); // newest first
      for (const e of history) {
        expect(e.clientId).toBe(client.id);
        expect(e.outcome).toBe('success');
        expect(e.emergency).toBe(false);
        expect(e.at >= t0 && e.at <= t1, e.at).toBe(true);
        expect(e.responsibleUserId).toBe(e.userId);
      }
      expect(history.find((e) => e.userId === 'p-yilmaz')).toMatchObject({ orgId: 'org-zorgzaam', role: 'nurse' });
    });

    it('R15: audit records never contain message text', async () => {
      const [jansen, yilmaz] = await region.all('p-jansen', 'p-yilmaz');
      const network = await networkOf(jansen);
      const secret = `Vertrouwelijk ${uid('t')}`;
      const conv = await start(jansen, network.id, { inboxIds: ['inbox-kanaleneiland'] }, secret);
      await yilmaz.must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: `${secret} (antwoord)` });
      await yilmaz.must('readConversation', { conversationId: conv.id });
      const history = await jansen.must('accessHistory', { clientId: network.clientId, ...aroundNow() });
      expect(history.length).toBeGreaterThan(0);
      expect(JSON.stringify(history)).not.toContain(secret);
    });

    it('R15: a period before anything happened lists nothing; a period ending before it starts is refused', async () => {
      const jansen = await region.as('p-jansen');
      const network = await networkOf(jansen);
      expect(await jansen.must('accessHistory', { clientId: network.clientId, from: '2001-01-01', to: '2001-12-31' })).toEqual([]);
      await jansen.refused('accessHistory', { clientId: network.clientId, from: '2001-12-31', to: '2001-01-01' }, 'period-invalid');
    });

    it('R15: queries without client data write no audit record; refused reads write none either', async () => {
      const [jansen, ahmadi] = await region.all('p-jansen', 'p-ahmadi');
      const network = await networkOf(jansen);
      const before = await jansen.must('accessHistory', { clientId: network.clientId, ...aroundNow() });
      await jansen.must('listInbox', { via: '' });
      await jansen.must('unreadCounts', {});
      await ahmadi.refused('readNetwork', { networkId: network.id }, 'not-found');
      expect(await jansen.must('accessHistory', { clientId: network.clientId, ...aroundNow() })).toEqual(before);
    });
  });
}
