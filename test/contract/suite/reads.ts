import { beforeAll, describe, expect, it } from 'vitest';
import type { OpInput, OpName } from '../../../lib/contract/operations';
import type { Conversation, Network } from '../../../lib/domain';
import type { ContractHarness } from '../harness';
import { aroundNow, networkOf, start, uid, useRegion } from './support';

interface Target { clientId: string; networkId: string; conversationId: string }
type Attempt = { [K in OpName]: [K, (t: Target) => OpInput<K>] }[OpName];

/** Every operation that names a client, network or conversation, as an outsider would try it. */
const ATTEMPTS: [string, Attempt][] = [
  ['read the client', ['readClient', (t) => ({ clientId: t.clientId })]],
  ['read the network', ['readNetwork', (t) => ({ networkId: t.networkId })]],
  ['read the conversation', ['readConversation', (t) => ({ conversationId: t.conversationId })]],
  ['export the conversation to the record', ['exportConversation', (t) => ({ conversationId: t.conversationId, scope: 'all' as const })]],
  ['read the access history', ['accessHistory', (t) => ({ clientId: t.clientId, from: '2020-01-01', to: '2100-01-01' })]],
  ['get recipient suggestions', ['suggestRecipients', (t) => ({ networkId: t.networkId, orgId: 'org-hap-lombok' })]],
  ['record consent', ['recordConsent', (t) => ({ clientId: t.clientId, textId: 'consent-text-v1', givenBy: { kind: 'client' as const }, method: 'verbal' as const })]],
  ['withdraw consent', ['withdrawConsent', (t) => ({ clientId: t.clientId })]],
  ['create a network', ['createNetwork', (t) => ({ clientId: t.clientId })]],
  ['start a conversation', ['startConversation', (t) => ({ networkId: t.networkId, subject: 'Hallo', inboxIds: ['inbox-buurtteam'], messageId: uid('m'), text: 'Hallo' })]],
  ['post a message', ['postMessage', (t) => ({ conversationId: t.conversationId, messageId: uid('m'), text: 'Hallo' })]],
  ['add a participant', ['addParticipant', (t) => ({ conversationId: t.conversationId, professionalId: 'p-ahmadi' })]],
  ['add the resident', ['addResident', (t) => ({ conversationId: t.conversationId })]],
  ['archive', ['archive', (t) => ({ conversationId: t.conversationId, via: '' })]],
  ['link a patient card', ['linkPatientCard', (t) => ({ networkId: t.networkId, system: 'HIS', patientRef: '1' })]],
  ['invite to the portal', ['inviteToPortal', (t) => ({ networkId: t.networkId })]],
  ['mark the portal activated', ['markPortalActivated', (t) => ({ networkId: t.networkId })]],
  ['request a handover', ['requestHandover', (t) => ({ networkId: t.networkId, conversationId: t.conversationId, inboxId: 'inbox-assistentes' })]],
];

const MISSING: Target = { clientId: 'c-missing', networkId: 'n-missing', conversationId: 'conv-missing' };

export function readSuite(harness: ContractHarness) {
  describe('deny by default', () => {
    const region = useRegion(harness);
    let network: Network;
    let conversation: Conversation;
    let target: Target;

    beforeAll(async () => {
      // A home-care network the GP practice takes part in through a conversation; the neighbourhood team does not.
      const yilmaz = await region.as('p-yilmaz');
      network = await networkOf(yilmaz);
      conversation = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] });
      target = { clientId: network.clientId, networkId: network.id, conversationId: conversation.id };
    });

    it.each(ATTEMPTS)('Deny by default: an actor of an organisation outside the network cannot %s: not-found, as if it did not exist', async (_, [op, input]) => {
      const ahmadi = await region.as('p-ahmadi');
      await ahmadi.refused(op, input(target) as never, 'not-found');
      await ahmadi.refused(op, input(MISSING) as never, 'not-found');
    });

    it.each([
      ['read', 'readConversation', { }],
      ['export', 'exportConversation', { scope: 'all' }],
      ['write in', 'postMessage', { messageId: uid('m'), text: 'Hallo' }],
      ['add someone to', 'addParticipant', { professionalId: 'p-dekker' }],
      ['archive', 'archive', { via: '' }],
    ] as const)('R8: a colleague of a participating organisation who is not in the conversation cannot %s it', async (_, op, rest) => {
      const dekker = await region.as('p-dekker');
      await dekker.refused(op, { conversationId: conversation.id, ...rest } as never, 'not-found');
    });

    it('R8: the network shows each member of a participating organisation only the conversations they take part in', async () => {
      const [dekker, jansen] = await region.all('p-dekker', 'p-jansen');
      expect((await dekker.must('readNetwork', { networkId: network.id })).conversations).toEqual([]);
      expect((await jansen.must('readNetwork', { networkId: network.id })).conversations.map((c) => c.id)).toEqual([conversation.id]);
    });

    it('Deny by default: client lists show only the clients of networks and registrations of one\'s own organisation', async () => {
      const [ahmadi, jansen, yilmaz] = await region.all('p-ahmadi', 'p-jansen', 'p-yilmaz');
      const ids = async (p: typeof ahmadi) => (await p.must('listClients', {})).map((c) => c.id);
      expect(await ids(yilmaz)).toContain(network.clientId);
      expect(await ids(jansen)).toContain(network.clientId);
      expect(await ids(ahmadi)).not.toContain(network.clientId);
      expect(await ids(ahmadi)).toEqual(['c-bouzid']);
    });

    it('Deny by default: a demo client of two organisations is not found by the third', async () => {
      const [ahmadi, yilmaz] = await region.all('p-ahmadi', 'p-yilmaz');
      await ahmadi.refused('readClient', { clientId: 'c-pietersen' }, 'not-found');
      await yilmaz.refused('readClient', { clientId: 'c-bouzid' }, 'not-found');
      expect((await yilmaz.must('readClient', { clientId: 'c-pietersen' })).client.name).toBe('Jan Pietersen');
    });

    it('Deny by default: a client is found by BSN only by their own organisations; every look-up is audited with its outcome (R15)', async () => {
      const [ahmadi, jansen, yilmaz] = await region.all('p-ahmadi', 'p-jansen', 'p-yilmaz');
      // Jan Pietersen (111222333) is a client of the practice and of home care, not of the neighbourhood team.
      expect((await jansen.must('findClientByBsn', { bsn: '111222333' })).id).toBe('c-pietersen');
      expect((await yilmaz.must('findClientByBsn', { bsn: '111222333' })).id).toBe('c-pietersen');
      const history = await jansen.must('accessHistory', { clientId: 'c-pietersen', ...aroundNow() });
      expect(history.filter((e) => e.action === 'findClientByBsn').map((e) => [e.userId, e.outcome]).sort()).toEqual([['p-jansen', 'success'], ['p-yilmaz', 'success']]);
      await ahmadi.refused('findClientByBsn', { bsn: '111222333' }, 'not-found');
      // The refused probe is in the prober's organisation's log, not in the client's history: it names no client.
      const after = await jansen.must('accessHistory', { clientId: 'c-pietersen', ...aroundNow() });
      expect(after.filter((e) => e.userId === 'p-ahmadi')).toEqual([]);
      const { events } = await ahmadi.must('adminHistory', { orgId: 'org-buurtteam', ...aroundNow() });
      expect(events.filter((e) => e.action === 'findClientByBsn')).toMatchObject([{ userId: 'p-ahmadi', outcome: 'refused', objectId: 'bsn' }]);
      // A valid BSN nobody has reads the same as another organisation's client.
      await jansen.refused('findClientByBsn', { bsn: '999999990' }, 'not-found');
      await jansen.refused('findClientByBsn', { bsn: '123456789' }, 'invalid-input');
    });
  });

  describe('input validation', () => {
    const region = useRegion(harness);

    it.each<[string, OpName, unknown]>([
      ['an empty message', 'postMessage', { conversationId: 'conv-1', messageId: 'm-1', text: '   ' }],
      ['a message over 10 000 characters', 'postMessage', { conversationId: 'conv-1', messageId: 'm-1', text: 'x'.repeat(10_001) }],
      ['an id with a slash', 'readNetwork', { networkId: '../networks' }],
      ['a missing field', 'readConversation', {}],
      ['an unknown field on a query', 'session', { as: 'p-hoekstra' }],
      ['a birth date that is no date', 'createClient', { name: 'Iemand', birthDate: '31-02-1950' }],
      ['a BSN that fails the 11-test', 'createClient', { name: 'Iemand', birthDate: '1950-01-01', bsn: '123456789' }],
      ['a page size over 100', 'listInbox', { via: '', limit: 101 }],
    ])('Input: %s is invalid input, says which field, and writes nothing', async (_, op, input) => {
      const jansen = await region.as('p-jansen');
      await jansen.refused(op, input as never, 'invalid-input');
      const r = await jansen.call(op, input as never);
      expect(!r.ok && r.issues?.length).toBeGreaterThan(0);
    });
  });
}
