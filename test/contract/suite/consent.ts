import { beforeAll, describe, expect, it } from 'vitest';
import type { OpInput, OpName } from '../../../lib/contract/operations';
import type { Conversation, Network } from '../../../lib/domain';
import type { ContractHarness } from '../harness';
import { consentAndNetwork, newClient, start, uid, useRegion } from './support';

async function sha256(text: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function consentSuite(harness: ContractHarness) {
  describe('consent (R1, R2)', () => {
    const region = useRegion(harness);

    it('R1: a network cannot be created without an active consent, and nothing is written', async () => {
      const jansen = await region.as('p-jansen');
      const client = await newClient(jansen);
      await jansen.refused('createNetwork', { clientId: client.id }, 'consent-required');
      expect((await jansen.must('readClient', { clientId: client.id })).networks).toEqual([]);
    });

    it('R1: a client has one open network; a second is refused', async () => {
      const jansen = await region.as('p-jansen');
      const client = await newClient(jansen);
      await consentAndNetwork(jansen, client.id);
      await jansen.refused('createNetwork', { clientId: client.id }, 'network-exists');
    });

    it('R2: a consent keeps who gave it (a carer, with name and relation), when, who recorded it where, how, and the exact text', async () => {
      const yilmaz = await region.as('p-yilmaz');
      const client = await newClient(yilmaz);
      const text = (await yilmaz.must('currentConsentText', {}))!;
      expect(text.hash).toBe(await sha256(text.text));
      const t0 = new Date().toISOString();
      const givenBy = { kind: 'carer' as const, name: 'Kees Hendriks', relation: 'zoon' };
      const consent = await yilmaz.must('recordConsent', { clientId: client.id, textId: text.id, givenBy, method: 'written' });
      const t1 = new Date().toISOString();
      expect(consent).toMatchObject({
        clientId: client.id, givenBy, method: 'written', recordedBy: 'p-yilmaz', recordedByOrg: 'org-zorgzaam',
        textId: text.id, textVersion: text.version, textHash: text.hash, status: 'active',
      });
      expect(consent.recordedAt >= t0 && consent.recordedAt <= t1).toBe(true);
      expect((await yilmaz.must('readClient', { clientId: client.id })).consents).toEqual([consent]);
    });

    it.each<[string, unknown, string]>([
      ['an unknown way of giving consent', { kind: 'client' }, 'by pigeon'],
      ['a carer without a name', { kind: 'carer', name: '', relation: 'dochter' }, 'verbal'],
      ['a carer without a relation', { kind: 'carer', name: 'Kees Hendriks' }, 'verbal'],
    ])('R2: consent with %s is invalid input and writes nothing', async (_, givenBy, method) => {
      const jansen = await region.as('p-jansen');
      const client = await newClient(jansen);
      const text = (await jansen.must('currentConsentText', {}))!;
      await jansen.refused('recordConsent', { clientId: client.id, textId: text.id, givenBy, method } as never, 'invalid-input');
    });
  });

  describe('consent text versions (R2)', () => {
    const region = useRegion(harness);
    const NEW_TEXT = 'Toestemming digitale netwerkzorg, versie 2. Ik geef toestemming dat mijn zorgverleners via Netwerkzorg samenwerken.';

    it.each<[string, 'p-mulder' | 'p-jansen']>([
      ['an account manager of a practice', 'p-mulder'],
      ['a GP practice assistant', 'p-jansen'],
    ])('R2: %s cannot publish a consent text (regional administrators only)', async (_, who) => {
      const p = await region.as(who);
      await p.refused('publishConsentText', { text: NEW_TEXT }, 'regional-admin-only');
    });

    it('R2: a text too short to be the standard text is invalid input', async () => {
      const hoekstra = await region.as('p-hoekstra');
      await hoekstra.refused('publishConsentText', { text: 'Ja.' }, 'invalid-input');
    });

    it('R2: a new version applies to new consents only; the old text id is refused as outdated', async () => {
      const [hoekstra, jansen] = await region.all('p-hoekstra', 'p-jansen');
      const v1 = (await jansen.must('currentConsentText', {}))!;
      const earlier = await jansen.must('recordConsent', { clientId: 'c-pietersen', textId: v1.id, givenBy: { kind: 'client' }, method: 'verbal' });

      const v2 = await hoekstra.must('publishConsentText', { text: NEW_TEXT });
      expect(v2).toMatchObject({ version: v1.version + 1, text: NEW_TEXT, hash: await sha256(NEW_TEXT), publishedBy: 'p-hoekstra' });
      expect(v2.id).not.toBe(v1.id);
      expect(await jansen.must('currentConsentText', {})).toEqual(v2);

      await jansen.refused('recordConsent', { clientId: 'c-hendriks', textId: v1.id, givenBy: { kind: 'client' }, method: 'verbal' }, 'consent-text-outdated');
      const later = await jansen.must('recordConsent', { clientId: 'c-hendriks', textId: v2.id, givenBy: { kind: 'client' }, method: 'verbal' });
      expect(later).toMatchObject({ textId: v2.id, textVersion: v2.version, textHash: v2.hash });

      const kept = (await jansen.must('readClient', { clientId: 'c-pietersen' })).consents;
      expect(kept).toEqual([earlier]);
      expect(kept[0]).toMatchObject({ textId: v1.id, textVersion: 1, textHash: v1.hash });
    });
  });

  describe('withdrawal (R3)', () => {
    const region = useRegion(harness);
    let network: Network;
    let conversation: Conversation;
    const history = 'Mevrouw heeft sinds gisteren meer pijn.';

    beforeAll(async () => {
      const jansen = await region.as('p-jansen');
      const client = await newClient(jansen);
      network = await consentAndNetwork(jansen, client.id);
      conversation = await start(jansen, network.id, { inboxIds: ['inbox-kanaleneiland'] }, history);
      expect(await jansen.must('withdrawConsent', { clientId: client.id })).toEqual({ withdrawn: 1 });
    });

    type Write = { [K in OpName]: [K, () => OpInput<K>] }[OpName];
    it.each<[string, Write]>([
      ['a new message', ['postMessage', () => ({ conversationId: conversation.id, messageId: uid('m'), text: 'Nog een vraag' })]],
      ['a new participant', ['addParticipant', () => ({ conversationId: conversation.id, professionalId: 'p-devries' })]],
      ['a new shared inbox', ['addParticipant', () => ({ conversationId: conversation.id, inboxId: 'inbox-pohs' })]],
      ['a new conversation', ['startConversation', () => ({ networkId: network.id, subject: 'Nieuw', inboxIds: ['inbox-buurtteam'], messageId: uid('m'), text: 'Hallo' })]],
      ['a patient card', ['linkPatientCard', () => ({ networkId: network.id, system: 'HIS', patientRef: '4711' })]],
      ['a portal invitation', ['inviteToPortal', () => ({ networkId: network.id })]],
    ])('R3: after withdrawal %s is refused as network-read-only', async (_, [op, input]) => {
      const jansen = await region.as('p-jansen');
      await jansen.refused(op, input() as never, 'network-read-only');
    });

    it('R3: those who had access still read the history, marked read-only', async () => {
      for (const id of ['p-jansen', 'p-yilmaz', 'p-degraaf'] as const) {
        const p = await region.as(id);
        const view = await p.must('readConversation', { conversationId: conversation.id });
        expect(view.readOnly).toBe(true);
        expect(view.messages.map((m) => m.text)).toEqual([history]);
        expect((await p.must('readNetwork', { networkId: network.id })).network.status).toBe('readOnly');
      }
    });

    it('R3: the consent shows as withdrawn, by whom and when; withdrawing again is refused', async () => {
      const jansen = await region.as('p-jansen');
      const { consents } = await jansen.must('readClient', { clientId: network.clientId });
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({ status: 'withdrawn', withdrawnBy: 'p-jansen', withdrawnAt: expect.any(String) });
      await jansen.refused('withdrawConsent', { clientId: network.clientId }, 'consent-not-active');
    });

    it('R1, R3: without an active consent no network can be created', async () => {
      const jansen = await region.as('p-jansen');
      await jansen.refused('createNetwork', { clientId: network.clientId }, 'consent-required');
    });
  });
}
