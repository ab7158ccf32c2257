import { describe, expect, it } from 'vitest';
import { checklist, nextStep, type StepKey } from '../../../lib/domain';
import type { ContractHarness } from '../harness';
import { consentAndNetwork, listed, networkOf, newClient, start, useRegion, type DemoPerson } from './support';

const NAMES: Partial<Record<DemoPerson, string>> = {
  'p-jansen': 'Sanne Jansen', 'p-elamrani': 'Samira El Amrani', 'p-devries': 'Anne de Vries', 'p-yilmaz': 'Yusuf Yilmaz',
};
const ORG_NAMES = { gp: 'Huisartsenpraktijk Lombok', homecare: 'Thuiszorg Zorgzaam' };

export function networkSuite(harness: ContractHarness) {
  describe('workflows and checklists (W1, W2, R4, R17, R18)', () => {
    const region = useRegion(harness);

    it('W1 (R1, R2, R4, R5, R6, R7): a GP practice starts a network; its checklist records who did each step and when', async () => {
      const [jansen, elamrani, devries, yilmaz] = await region.all('p-jansen', 'p-elamrani', 'p-devries', 'p-yilmaz');
      const t0 = new Date().toISOString();
      const client = await newClient(jansen, 'Jan W1');
      const text = (await jansen.must('currentConsentText', {}))!;
      await jansen.must('recordConsent', { clientId: client.id, textId: text.id, givenBy: { kind: 'client' }, method: 'verbal' });
      const network = await devries.must('createNetwork', { clientId: client.id });
      expect(network.initiator).toBe('gp');
      expect(nextStep(network)).toBe('patientCard');

      const carded = await elamrani.must('linkPatientCard', { networkId: network.id, system: 'HIS', patientRef: 'HIS-4711' });
      expect(carded.patientCard).toMatchObject({ system: 'HIS', patientRef: 'HIS-4711', linkedBy: 'p-elamrani' });
      const conv = await start(devries, network.id, { inboxIds: ['inbox-kanaleneiland'] }, 'Wilt u de wondzorg overnemen?');
      await jansen.must('inviteToPortal', { networkId: network.id, email: 'jan.w1@example.org' });
      await devries.refused('addResident', { conversationId: conv.id }, 'portal-not-activated');
      await jansen.must('markPortalActivated', { networkId: network.id });
      const withResident = await devries.must('addResident', { conversationId: conv.id });
      expect(withResident.participants).toContainEqual(expect.objectContaining({ kind: 'client', id: client.id, addedBy: 'p-devries' }));
      const t1 = new Date().toISOString();

      const who: Partial<Record<StepKey, DemoPerson>> = {
        consent: 'p-jansen', network: 'p-devries', patientCard: 'p-elamrani', firstConversation: 'p-devries',
        portalInvited: 'p-jansen', portalActivated: 'p-jansen', residentAdded: 'p-devries',
      };
      // Both sides see the same checklist: the practice and the home-care nurse it wrote to.
      for (const p of [jansen, yilmaz]) {
        const seen = (await p.must('readNetwork', { networkId: network.id })).network;
        const list = checklist(seen);
        expect(list.steps.map((s) => s.key)).toEqual(['consent', 'network', 'patientCard', 'firstConversation', 'portalInvited', 'portalActivated', 'residentAdded']);
        expect(list.done).toBe(list.total);
        for (const { key, done } of list.steps) {
          expect(done, key).toMatchObject({ by: who[key], byName: NAMES[who[key]!], orgName: ORG_NAMES.gp });
          expect(done!.at >= t0 && done!.at <= t1, `${key} at ${done!.at}`).toBe(true);
        }
      }
    });

    it('W2 (R1, R4, R17, R18): home care starts, writes to the practice inbox it is offered, and the assistants complete the handover', async () => {
      const [yilmaz, jansen, elamrani] = await region.all('p-yilmaz', 'p-jansen', 'p-elamrani');
      const client = await newClient(yilmaz, 'Maria W2');
      const text = (await yilmaz.must('currentConsentText', {}))!;
      await yilmaz.must('recordConsent', {
        clientId: client.id, textId: text.id, givenBy: { kind: 'carer', name: 'Kees W2', relation: 'zoon' }, method: 'verbal',
      });
      const network = await yilmaz.must('createNetwork', { clientId: client.id });
      expect(network.initiator).toBe('homecare');

      const offer = await yilmaz.must('suggestRecipients', { networkId: network.id, orgId: 'org-hap-lombok' });
      expect(offer.proposedInboxId).toBe('inbox-assistentes');
      const conv = await start(yilmaz, network.id, { inboxIds: [offer.proposedInboxId!] }, 'Wilt u de patiëntenkaart koppelen?');
      // Once the practice takes part, it is no longer a first contact.
      expect((await yilmaz.must('suggestRecipients', { networkId: network.id, orgId: 'org-hap-lombok' })).proposedInboxId).toBeNull();

      const requested = await yilmaz.must('requestHandover', { networkId: network.id, conversationId: conv.id, inboxId: 'inbox-assistentes' });
      expect(requested.handover).toMatchObject({ status: 'open', conversationId: conv.id, inboxId: 'inbox-assistentes', requestedBy: 'p-yilmaz' });
      for (const p of [jansen, elamrani]) {
        expect(await listed(p, 'inbox-assistentes', conv.id), p.id).toMatchObject({ openTask: true, unread: 1, archived: 0 });
      }

      await jansen.must('linkPatientCard', { networkId: network.id, system: 'HIS', patientRef: 'HIS-0815' });
      // Half done: the invitation is still missing, so the task stays open.
      expect((await listed(elamrani, 'inbox-assistentes', conv.id))?.openTask).toBe(true);
      const done = await elamrani.must('inviteToPortal', { networkId: network.id });
      expect(done.handover).toMatchObject({ status: 'done', completedBy: 'p-elamrani', completedAt: expect.any(String) });
      for (const p of [jansen, elamrani]) {
        expect((await listed(p, 'inbox-assistentes', conv.id))?.openTask, p.id).toBe(false);
      }

      const seen = (await yilmaz.must('readNetwork', { networkId: network.id })).network;
      const list = checklist(seen);
      expect(list.steps.map((s) => [s.key, s.done?.by])).toEqual([
        ['consent', 'p-yilmaz'], ['network', 'p-yilmaz'], ['firstConversation', 'p-yilmaz'], ['handoverRequested', 'p-yilmaz'],
        ['patientCard', 'p-jansen'], ['portalInvited', 'p-elamrani'], ['portalActivated', undefined], ['residentAdded', undefined],
      ]);
      expect(list.steps[0]!.done).toMatchObject({ byName: NAMES['p-yilmaz'], orgName: ORG_NAMES.homecare });
      expect(list.steps[4]!.done).toMatchObject({ byName: NAMES['p-jansen'], orgName: ORG_NAMES.gp });
      expect(nextStep(seen)).toBe('portalActivated');
    });

    it.each([
      ['the GP practice, new to the network', 'org-hap-lombok', 'inbox-assistentes'],
      ['the neighbourhood team, new to the network', 'org-buurtteam', 'inbox-buurtteam'],
      ['its own organisation, already in the network', 'org-zorgzaam', null],
    ])('R17: writing to %s proposes %s', async (_, orgId, proposed) => {
      const yilmaz = await region.as('p-yilmaz');
      const network = await networkOf(yilmaz);
      const offer = await yilmaz.must('suggestRecipients', { networkId: network.id, orgId });
      expect(offer.proposedInboxId).toBe(proposed);
      expect(offer.inboxes.every((i) => i.orgId === orgId)).toBe(true);
      expect(offer.inboxes[0]?.primary).toBe(true);
    });

    it('R16, R17: every shared inbox of the practice is offered, the primary one first', async () => {
      const yilmaz = await region.as('p-yilmaz');
      const network = await networkOf(yilmaz);
      const offer = await yilmaz.must('suggestRecipients', { networkId: network.id, orgId: 'org-hap-lombok' });
      expect(offer.inboxes.map((i) => i.id)).toEqual(['inbox-assistentes', 'inbox-pohggz', 'inbox-pohs']);
    });

    it('R18: a handover goes once, to a GP practice inbox in the conversation, by a participant', async () => {
      const [yilmaz, dekker] = await region.all('p-yilmaz', 'p-dekker');
      const network = await networkOf(yilmaz);
      const conv = await start(yilmaz, network.id, { inboxIds: ['inbox-buurtteam', 'inbox-assistentes'] });
      const ask = (inboxId: string) => ({ networkId: network.id, conversationId: conv.id, inboxId });
      await yilmaz.refused('requestHandover', ask('inbox-buurtteam'), 'handover-needs-gp-inbox');
      await yilmaz.refused('requestHandover', ask('inbox-pohs'), 'handover-needs-gp-inbox');
      await dekker.refused('requestHandover', ask('inbox-assistentes'), 'not-found');
      await yilmaz.must('requestHandover', ask('inbox-assistentes'));
      await yilmaz.refused('requestHandover', ask('inbox-assistentes'), 'handover-exists');
    });

    it.each([
      ['invitation first, then patient card', ['inviteToPortal', 'linkPatientCard'], true],
      ['both before the request', ['linkPatientCard', 'inviteToPortal'], false],
    ] as const)('R18: the handover is done by whichever of the two steps comes last (%s)', async (_, [firstStep, lastStep], requestFirst) => {
      const [yilmaz, jansen] = await region.all('p-yilmaz', 'p-jansen');
      const network = await networkOf(yilmaz);
      const conv = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] });
      const request = () => yilmaz.must('requestHandover', { networkId: network.id, conversationId: conv.id, inboxId: 'inbox-assistentes' });
      const step = (op: 'inviteToPortal' | 'linkPatientCard') => op === 'inviteToPortal'
        ? jansen.must('inviteToPortal', { networkId: network.id })
        : jansen.must('linkPatientCard', { networkId: network.id, system: 'HIS', patientRef: 'HIS-9' });
      if (requestFirst) await request();
      await step(firstStep);
      const last = await step(lastStep);
      const handover = requestFirst ? last.handover : (await request()).handover;
      expect(handover).toMatchObject({ status: 'done' });
      expect((await listed(jansen, 'inbox-assistentes', conv.id))?.openTask).toBe(false);
    });

    it('R18: a handover request brings an archived conversation back into the practice inbox as an unread task', async () => {
      const [yilmaz, jansen] = await region.all('p-yilmaz', 'p-jansen');
      const network = await networkOf(yilmaz);
      const conv = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] });
      await jansen.must('readConversation', { conversationId: conv.id });
      await jansen.must('archive', { conversationId: conv.id, via: 'inbox-assistentes' });
      await yilmaz.must('requestHandover', { networkId: network.id, conversationId: conv.id, inboxId: 'inbox-assistentes' });
      expect(await listed(jansen, 'inbox-assistentes', conv.id)).toMatchObject({ openTask: true, unread: 1, archived: 0 });
    });
  });

  describe('patient card and portal (R5, R6)', () => {
    const region = useRegion(harness);

    it.each([
      ['links a patient card', 'linkPatientCard', { system: 'ECD', patientRef: '12' }],
      ['invites the resident to the portal', 'inviteToPortal', {}],
      ['marks the portal activated', 'markPortalActivated', {}],
    ] as const)('R5, R6: a home-care nurse in the network never %s (gp-only)', async (_, op, rest) => {
      const [jansen, yilmaz] = await region.all('p-jansen', 'p-yilmaz');
      const network = await networkOf(jansen);
      await start(jansen, network.id, { inboxIds: ['inbox-kanaleneiland'] });
      await jansen.must('inviteToPortal', { networkId: network.id });
      await yilmaz.refused(op, { networkId: network.id, ...rest }, 'gp-only');
    });

    it('R6: the resident is added only after invitation and activation, and only once', async () => {
      const jansen = await region.as('p-jansen');
      const network = await networkOf(jansen);
      const conv = await start(jansen, network.id, { inboxIds: ['inbox-pohs'] });
      await jansen.refused('addResident', { conversationId: conv.id }, 'portal-not-invited');
      await jansen.refused('markPortalActivated', { networkId: network.id }, 'portal-not-invited');
      await jansen.must('inviteToPortal', { networkId: network.id });
      await jansen.refused('addResident', { conversationId: conv.id }, 'portal-not-activated');
      const activated = await jansen.must('markPortalActivated', { networkId: network.id });
      expect(activated.portal?.activatedAt).toEqual(expect.any(String));
      await jansen.must('addResident', { conversationId: conv.id });
      await jansen.refused('addResident', { conversationId: conv.id }, 'already-participant');
    });

    it('R5: the patient card of a network the home-care nurse started is linked by the practice once it takes part', async () => {
      const [yilmaz, jansen] = await region.all('p-yilmaz', 'p-jansen');
      const client = await newClient(yilmaz);
      const network = await consentAndNetwork(yilmaz, client.id);
      await jansen.refused('linkPatientCard', { networkId: network.id, system: 'HIS', patientRef: '1' }, 'not-found');
      await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] });
      const linked = await jansen.must('linkPatientCard', { networkId: network.id, system: 'HIS', patientRef: '1' });
      expect(linked.patientCard?.linkedBy).toBe('p-jansen');
    });
  });
}
