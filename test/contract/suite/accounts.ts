import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, Network } from '../../../lib/domain';
import type { ContractHarness } from '../harness';
import { aroundNow, networkOf, start, uid, useRegion, type Person } from './support';

const account = (email: string) => ({ name: 'Nieuwe Collega', email, role: 'assistant' as const, isCareProfessional: true });

export function accountSuite(harness: ContractHarness) {
  describe('accounts and e-mail addresses (R11, R12)', () => {
    const region = useRegion(harness);

    it.each([
      ...['gmail.com', 'hotmail.com', 'outlook.com', 'live.nl', 'icloud.com', 'ziggo.nl', 'kpnmail.nl'].map((d) => [`s.devries@${d}`, 'email-private'] as const),
      ['S.de.Vries@GMAIL.com', 'email-private'],
      ['s.devries@zorgzaam.nl', 'email-not-organisational'],
      ['s.devries@lombokhuisartsen.nl.evil.com', 'email-not-organisational'],
      ['s.devries@nietlombokhuisartsen.nl', 'email-not-organisational'],
      ['S.Jansen@LombokHuisartsen.nl', 'email-taken'],
      ['geen-adres', 'invalid-input'],
    ] as const)('R11: an account with %s is refused (%s)', async (email, code) => {
      const mulder = await region.as('p-mulder');
      await mulder.refused('createAccount', account(email), code);
    });

    it('R11, R12: the account manager adds an account on the organisation\'s domain; partners see it without its e-mail address', async () => {
      const [mulder, yilmaz] = await region.all('p-mulder', 'p-yilmaz');
      const created = await mulder.must('createAccount', { ...account('N.Collega@Mail.LombokHuisartsen.nl'), teamIds: ['team-lombok'] });
      expect(created).toMatchObject({ orgId: 'org-hap-lombok', email: 'n.collega@mail.lombokhuisartsen.nl', active: true, isAccountManager: false, teamIds: ['team-lombok'] });
      expect((await mulder.must('listAccounts', {})).map((p) => p.id)).toContain(created.id);
      const seen = (await yilmaz.must('directory', {})).professionals.find((p) => p.id === created.id);
      expect(seen).toMatchObject({ name: 'Nieuwe Collega', orgId: 'org-hap-lombok' });
      expect(seen).not.toHaveProperty('email');
    });

    it.each([
      ['a colleague who is not account manager', 'p-devries', 'account-manager-only', []],
      ['an account manager, into another organisation\'s team', 'p-mulder', 'not-found', ['team-kanaleneiland']],
    ] as const)('R12: accounts are not added by %s', async (_, who, code, teamIds) => {
      const p = await region.as(who);
      await p.refused('createAccount', { ...account('x.nieuw@lombokhuisartsen.nl'), teamIds: [...teamIds] }, code);
    });

    it.each([
      ['a colleague who is not account manager', 'p-devries', 'p-jansen', 'account-manager-only'],
      ['the account manager, themself', 'p-mulder', 'p-mulder', 'cannot-deactivate-self'],
      ['an account manager of another organisation', 'p-bos', 'p-jansen', 'not-found'],
      ['an account manager, for someone who does not exist', 'p-mulder', 'p-nobody', 'not-found'],
    ] as const)('R12: an account is not deactivated by %s', async (_, who, target, code) => {
      const p = await region.as(who);
      await p.refused('deactivateAccount', { professionalId: target }, code);
    });

    it('R14: a team\'s contact person is not deactivated before another one is named (contact-person-first)', async () => {
      const bos = await region.as('p-bos');
      await bos.refused('deactivateAccount', { professionalId: 'p-dekker' }, 'contact-person-first');
      const { teams, professionals } = await bos.must('directory', {});
      expect(teams.find((t) => t.id === 'team-rivierenwijk')?.contactPersonId).toBe('p-dekker');
      expect(professionals.map((p) => p.id)).toContain('p-dekker');
    });

    it('R12: only the account manager or a team contact person lists the organisation\'s accounts', async () => {
      const [devries, jansen] = await region.all('p-devries', 'p-jansen');
      await devries.refused('listAccounts', {}, 'team-manager-only');
      expect((await jansen.must('listAccounts', {})).every((p) => p.orgId === 'org-hap-lombok')).toBe(true);
    });
  });

  describe('deactivation (R12)', () => {
    const region = useRegion(harness);
    let network: Network;
    let conversation: Conversation;
    let elamrani: Person;

    beforeAll(async () => {
      const [yilmaz, mulder] = await region.all('p-yilmaz', 'p-mulder');
      elamrani = await region.as('p-elamrani'); // signed in before she leaves
      network = await networkOf(yilmaz);
      conversation = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] }, 'Wie kan dit oppakken?');
      await elamrani.must('postMessage', { conversationId: conversation.id, messageId: uid('m'), text: 'Ik pak het op.' });
      const gone = await mulder.must('deactivateAccount', { professionalId: 'p-elamrani' });
      expect(gone).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    });

    it('R12: a deactivated account leaves its shared inboxes at once and is not in later conversations', async () => {
      const [jansen, yilmaz] = await region.all('p-jansen', 'p-yilmaz');
      const { inboxes, professionals } = await jansen.must('directory', {});
      expect(inboxes.find((i) => i.id === 'inbox-assistentes')?.memberIds).toEqual(['p-jansen']);
      expect(professionals.map((p) => p.id)).not.toContain('p-elamrani');
      const later = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] });
      expect(later.participants.map((p) => p.id)).not.toContain('p-elamrani');
      const mulder = await region.as('p-mulder');
      await mulder.refused('updateSharedInbox', { inboxId: 'inbox-assistentes', memberIds: ['p-jansen', 'p-elamrani'] }, 'inbox-member-not-in-team');
      // R13: the account manager has no care role, so cannot join the inbox and read what is written to it.
      await mulder.refused('updateSharedInbox', { inboxId: 'inbox-assistentes', memberIds: ['p-jansen', 'p-mulder'] }, 'inbox-member-not-care');
    });

    it('R12: past messages keep the name of their author', async () => {
      const jansen = await region.as('p-jansen');
      const { messages } = await jansen.must('readConversation', { conversationId: conversation.id });
      expect(messages.find((m) => m.authorId === 'p-elamrani')).toMatchObject({ authorName: 'Samira El Amrani', text: 'Ik pak het op.' });
    });

    it('R12: the account manager still sees the deactivated account in the organisation\'s list', async () => {
      const mulder = await region.as('p-mulder');
      expect((await mulder.must('listAccounts', {})).find((p) => p.id === 'p-elamrani')).toMatchObject({ active: false });
    });

    it('R12, R9: a deactivated professional cannot be added to a conversation', async () => {
      const yilmaz = await region.as('p-yilmaz');
      const conv = await start(yilmaz, network.id, { inboxIds: ['inbox-pohs'] });
      await yilmaz.refused('addParticipant', { conversationId: conv.id, professionalId: 'p-elamrani' }, 'not-found');
      await yilmaz.refused('startConversation', {
        networkId: network.id, subject: 'Vraag', professionalIds: ['p-elamrani'], messageId: uid('m'), text: 'Hallo',
      }, 'not-found');
    });
  });

  describe('contact person (R14)', () => {
    const region = useRegion(harness);

    it('R14: each team has one contact person, shown to network partners with their name', async () => {
      const ahmadi = await region.as('p-ahmadi');
      const { teams, professionals } = await ahmadi.must('directory', {});
      const team = teams.find((t) => t.id === 'team-kanaleneiland');
      expect(team?.contactPersonId).toBe('p-yilmaz');
      expect(professionals.find((p) => p.id === team?.contactPersonId)?.name).toBe('Yusuf Yilmaz');
    });

    it('R14: the account manager makes another active team member the one contact person', async () => {
      const [bos, jansen] = await region.all('p-bos', 'p-jansen');
      const team = await bos.must('setContactPerson', { teamId: 'team-kanaleneiland', professionalId: 'p-degraaf' });
      expect(team.contactPersonId).toBe('p-degraaf');
      const seen = (await jansen.must('directory', {})).teams.filter((t) => t.id === 'team-kanaleneiland');
      expect(seen.map((t) => t.contactPersonId)).toEqual(['p-degraaf']);
    });

    it.each([
      ['to someone from another team', 'p-bos', 'team-kanaleneiland', 'p-dekker', 'contact-person-not-member'],
      ['to someone who does not exist', 'p-bos', 'team-kanaleneiland', 'p-nobody', 'not-found'],
      ['by a team member who is not account manager', 'p-yilmaz', 'team-kanaleneiland', 'p-degraaf', 'account-manager-only'],
      ['by another organisation\'s account manager', 'p-mulder', 'team-kanaleneiland', 'p-degraaf', 'not-found'],
    ] as const)('R14: the contact person is not changed %s', async (_, who, teamId, professionalId, code) => {
      const p = await region.as(who);
      await p.refused('setContactPerson', { teamId, professionalId }, code);
    });
  });

  describe('administrative history (R15)', () => {
    const region = useRegion(harness);

    it("R15: the account manager lists the organisation's account and inbox changes of a period, with who, what and whom; client records are not among them", async () => {
      const [mulder, devries] = await region.all('p-mulder', 'p-devries');
      await devries.must('readClient', { clientId: (await networkOf(devries)).clientId });
      const created = await mulder.must('createAccount', { ...account(`h-${uid('x').slice(-8)}@lombokhuisartsen.nl`), teamIds: ['team-lombok'] });
      await mulder.must('updateSharedInbox', { inboxId: 'inbox-assistentes', memberIds: ['p-jansen', 'p-elamrani', created.id] });
      await mulder.must('deactivateAccount', { professionalId: created.id });
      const { events, complete } = await mulder.must('adminHistory', { orgId: 'org-hap-lombok', ...aroundNow() });
      expect(complete).toBe(true);
      // Newest first; changes made within one millisecond may come in either order.
      expect(events.map((e) => e.at)).toEqual(events.map((e) => e.at).sort().reverse());
      expect(events.map((e) => [e.userId, e.event, e.action, e.objectType, e.objectId]).sort()).toEqual([
        ['p-mulder', 'create', 'createAccount', 'account', created.id],
        ['p-mulder', 'update', 'deactivateAccount', 'account', created.id],
        ['p-mulder', 'update', 'updateSharedInbox', 'inbox', 'inbox-assistentes'],
      ]);
      for (const e of events) expect(e).toMatchObject({ orgId: 'org-hap-lombok', outcome: 'success', role: 'manager' });
      expect(events.some((e) => e.clientId !== undefined)).toBe(false);
      const { events: earlier } = await mulder.must('adminHistory', { orgId: 'org-hap-lombok', from: '2000-01-01', to: '2000-12-31' });
      expect(earlier).toEqual([]);
    });

    it("R15: the regional administrator lists any organisation's administrative changes", async () => {
      const [mulder, hoekstra] = await region.all('p-mulder', 'p-hoekstra');
      await mulder.must('setContactPerson', { teamId: 'team-lombok', professionalId: 'p-jansen' });
      const { events } = await hoekstra.must('adminHistory', { orgId: 'org-hap-lombok', ...aroundNow() });
      expect(events.map((e) => e.action)).toContain('setContactPerson');
    });

    it.each([
      ["another organisation's account manager", 'p-ahmadi', 'not-found'],
      ['a colleague who is not account manager', 'p-devries', 'account-manager-only'],
    ] as const)('R15: the administrative history is refused to %s (%s)', async (_, who, code) => {
      const p = await region.as(who);
      await p.refused('adminHistory', { orgId: 'org-hap-lombok', ...aroundNow() }, code);
    });
  });
}
