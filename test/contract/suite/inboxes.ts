import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, InboxItem } from '../../../lib/domain';
import type { ContractHarness } from '../harness';
import { listed, networkOf, nextInstant, readOutcome, start, uid, useRegion, wholeList, type Person } from './support';

export function inboxSuite(harness: ContractHarness) {
  describe('shared-inbox snapshot (R8)', () => {
    const region = useRegion(harness);
    let earlier: Conversation;
    let earlierToShare: Conversation;

    beforeAll(async () => {
      const [yilmaz, mulder] = await region.all('p-yilmaz', 'p-mulder');
      const network = await networkOf(yilmaz);
      earlier = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] }, 'Vraag van vorige week');
      earlierToShare = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] }, 'Nog een vraag van vorige week');
      const joined = await mulder.must('updateSharedInbox', { inboxId: 'inbox-assistentes', memberIds: ['p-jansen', 'p-elamrani', 'p-deboer'] });
      expect(joined.memberIds).toContain('p-deboer');
    });

    it('R8: members of the inbox at the start become participants, recorded as via that inbox', () => {
      for (const id of ['p-jansen', 'p-elamrani']) {
        expect(earlier.participants).toContainEqual(expect.objectContaining({ kind: 'professional', id, viaInboxId: 'inbox-assistentes', addedBy: 'p-yilmaz' }));
      }
      expect(earlier.participants.map((p) => p.id)).not.toContain('p-deboer');
    });

    it('R8: a member who joins the inbox later neither lists nor reads earlier conversations', async () => {
      const deboer = await region.as('p-deboer');
      expect((await deboer.must('session', {})).inboxes.map((i) => i.id)).toContain('inbox-assistentes');
      expect(await listed(deboer, 'inbox-assistentes', earlier.id)).toBeUndefined();
      expect(await listed(deboer, 'inbox-assistentes', earlier.id, true)).toBeUndefined();
      await deboer.refused('readConversation', { conversationId: earlier.id }, 'not-found');
      await deboer.refused('postMessage', { conversationId: earlier.id, messageId: uid('m'), text: 'Ik neem het over' }, 'not-found');
      await deboer.refused('archive', { conversationId: earlier.id, via: 'inbox-assistentes' }, 'not-found');
      await deboer.refused('addParticipant', { conversationId: earlier.id, professionalId: 'p-deboer' }, 'not-found');
      const { conversations } = await deboer.must('readNetwork', { networkId: earlier.networkId });
      expect(conversations.map((c) => c.id)).not.toContain(earlier.id);
    });

    it('R8: a conversation started after she joined includes her via the inbox', async () => {
      const [yilmaz, deboer] = await region.all('p-yilmaz', 'p-deboer');
      const later = await start(yilmaz, earlier.networkId, { inboxIds: ['inbox-assistentes'] }, 'Nieuwe vraag');
      expect(later.participants).toContainEqual(expect.objectContaining({ id: 'p-deboer', viaInboxId: 'inbox-assistentes' }));
      expect(await listed(deboer, 'inbox-assistentes', later.id)).toMatchObject({ unread: 1 });
      expect(await readOutcome(deboer, later.id)).toBe('ok');
    });

    it('R8, R9, R7: once a participant adds her individually, she reads the earlier conversation with its whole history', async () => {
      const [jansen, yilmaz, deboer] = await region.all('p-jansen', 'p-yilmaz', 'p-deboer');
      await nextInstant(); // messages of one instant have no order of their own
      await yilmaz.must('postMessage', { conversationId: earlierToShare.id, messageId: uid('m'), text: 'Aanvulling' });
      const added = await jansen.must('addParticipant', { conversationId: earlierToShare.id, professionalId: 'p-deboer' });
      const record = added.participants.find((p) => p.id === 'p-deboer');
      expect(record).toMatchObject({ addedBy: 'p-jansen' });
      expect(record?.viaInboxId).toBeUndefined();
      expect(await listed(deboer, '', earlierToShare.id)).toMatchObject({ unread: 1 });
      const view = await deboer.must('readConversation', { conversationId: earlierToShare.id });
      expect(view.messages.map((m) => m.text)).toEqual(['Nog een vraag van vorige week', 'Aanvulling']);
    });
  });

  describe('archive (R10)', () => {
    const region = useRegion(harness);

    async function toAssistants() {
      const yilmaz = await region.as('p-yilmaz');
      const network = await networkOf(yilmaz);
      return start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] });
    }

    it('R10: archiving in a shared inbox hides the conversation from that inbox for all its members, who stay participants', async () => {
      const [jansen, elamrani, yilmaz] = await region.all('p-jansen', 'p-elamrani', 'p-yilmaz');
      const conv = await toAssistants();
      expect(await jansen.must('archive', { conversationId: conv.id, via: 'inbox-assistentes' })).toEqual({ rows: 2 });
      for (const p of [jansen, elamrani]) {
        expect(await listed(p, 'inbox-assistentes', conv.id), p.id).toBeUndefined();
        expect(await listed(p, 'inbox-assistentes', conv.id, true), p.id).toMatchObject({ archived: 1 });
        expect(await readOutcome(p, conv.id), p.id).toBe('ok');
      }
      expect(await listed(yilmaz, '', conv.id)).toMatchObject({ archived: 0 });
    });

    it('R10: a new message brings the conversation back into the inbox of every member, unread', async () => {
      const [jansen, elamrani, yilmaz] = await region.all('p-jansen', 'p-elamrani', 'p-yilmaz');
      const conv = await toAssistants();
      await elamrani.must('readConversation', { conversationId: conv.id });
      await jansen.must('archive', { conversationId: conv.id, via: 'inbox-assistentes' });
      await yilmaz.must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: 'Nog iets' });
      for (const p of [jansen, elamrani]) {
        expect(await listed(p, 'inbox-assistentes', conv.id), p.id).toMatchObject({ archived: 0, unread: 1 });
        expect(await listed(p, 'inbox-assistentes', conv.id, true), p.id).toBeUndefined();
      }
    });

    it('R10: a personal archive hides the conversation from one own list only, until unarchived or a new message', async () => {
      const [yilmaz, devries] = await region.all('p-yilmaz', 'p-devries');
      const network = await networkOf(yilmaz);
      const conv = await start(yilmaz, network.id, { professionalIds: ['p-devries'] });
      expect(await yilmaz.must('archive', { conversationId: conv.id, via: '' })).toEqual({ rows: 1 });
      expect(await listed(yilmaz, '', conv.id)).toBeUndefined();
      expect(await listed(yilmaz, '', conv.id, true)).toBeDefined();
      expect(await listed(devries, '', conv.id)).toBeDefined();
      await yilmaz.must('archive', { conversationId: conv.id, via: '', archived: false });
      expect(await listed(yilmaz, '', conv.id)).toBeDefined();
      await yilmaz.must('archive', { conversationId: conv.id, via: '' });
      await devries.must('postMessage', { conversationId: conv.id, messageId: uid('m'), text: 'Antwoord' });
      expect(await listed(yilmaz, '', conv.id)).toMatchObject({ archived: 0, unread: 1 });
    });

    it.each([
      ['in an inbox one is not a member of', 'p-visser', 'inbox-assistentes'],
      ['in a personal list the conversation is not in', 'p-jansen', ''],
      ['by someone not taking part', 'p-degraaf', ''],
    ] as const)('R10: archiving %s is not found', async (_, who, via) => {
      const p = await region.as(who);
      const conv = await toAssistants();
      if (who === 'p-visser') await (await region.as('p-jansen')).must('addParticipant', { conversationId: conv.id, professionalId: 'p-visser' });
      await p.refused('archive', { conversationId: conv.id, via }, 'not-found');
    });

    it.each([
      ['another organisation\'s inbox', 'p-yilmaz', 'inbox-assistentes'],
      ['an inbox of one\'s own team one is not a member of', 'p-deboer', 'inbox-assistentes'],
      ['an inbox that does not exist', 'p-jansen', 'inbox-nowhere'],
    ] as const)('R8, R16: listing %s is not found', async (_, who, via) => {
      const p = await region.as(who);
      await p.refused('listInbox', { via }, 'not-found');
    });

    it('Lists: unread counts per list: a new conversation counts once in each list it lands in; reading clears it', async () => {
      const [jansen, yilmaz] = await region.all('p-jansen', 'p-yilmaz');
      const { counts: before } = await jansen.must('unreadCounts', {});
      const network = await networkOf(yilmaz);
      const conv = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'], professionalIds: ['p-jansen'] });
      const { counts: after } = await jansen.must('unreadCounts', {});
      expect(after['inbox-assistentes']).toBe((before['inbox-assistentes'] ?? 0) + 1);
      expect(after['']).toBe((before[''] ?? 0) + 1);
      await jansen.must('readConversation', { conversationId: conv.id });
      expect((await jansen.must('unreadCounts', {})).counts).toEqual(before);
    });
  });

  describe('list pages', () => {
    const region = useRegion(harness);
    const COUNT = 7;
    let started: Conversation[] = [];

    beforeAll(async () => {
      // p-smit takes part in nothing else in this region: her personal list is exactly these.
      const devries = await region.as('p-devries');
      const network = await networkOf(devries);
      started = [];
      for (let i = 0; i < COUNT; i++) started.push(await start(devries, network.id, { professionalIds: ['p-smit'] }, `Bericht ${i}`));
    });

    async function pages(p: Person, limit: number) {
      const seen: InboxItem[][] = [];
      let before: { lastActivity: string; id: string } | undefined;
      do {
        const page = await p.must('listInbox', { via: '', limit, before });
        seen.push(page.items);
        before = page.next ?? undefined;
      } while (before && seen.length <= COUNT);
      return seen;
    }

    it.each([1, 3, 7, 25])('Lists: pages of %i list every conversation once, newest first, and then stop', async (limit) => {
      const smit = await region.as('p-smit');
      const seen = await pages(smit, limit);
      const items = seen.flat();
      expect(seen.length).toBe(Math.max(1, Math.ceil(COUNT / limit)));
      expect(new Set(items.map((i) => i.conversationId))).toEqual(new Set(started.map((c) => c.id)));
      expect(items).toHaveLength(COUNT);
      const order = items.map((i) => [i.lastActivity, i.id] as const);
      const newestFirst = [...order].sort((a, b) => b[0].localeCompare(a[0]) || (b[1] < a[1] ? -1 : b[1] > a[1] ? 1 : 0));
      expect(order).toEqual(newestFirst);
      expect(items).toEqual(await wholeList(smit, ''));
    });

    it('R10: a new message moves the conversation to the top of the list', async () => {
      const [devries, smit] = await region.all('p-devries', 'p-smit');
      const oldest = started[0]!;
      await nextInstant();
      await devries.must('postMessage', { conversationId: oldest.id, messageId: uid('m'), text: 'Bovenaan' });
      const [first] = (await smit.must('listInbox', { via: '', limit: 1 })).items;
      expect(first?.conversationId).toBe(oldest.id);
    });
  });

  describe('directory of shared inboxes (R16)', () => {
    const region = useRegion(harness);

    it('R16: every organisation\'s shared inboxes can be found with their guidelines; a practice has several', async () => {
      const yilmaz = await region.as('p-yilmaz');
      const { inboxes } = await yilmaz.must('directory', {});
      const byOrg = (orgId: string) => inboxes.filter((i) => i.orgId === orgId).map((i) => i.name).sort();
      expect(byOrg('org-hap-lombok')).toEqual(['Doktersassistentes', 'POH-GGZ', 'POH-S']);
      expect(byOrg('org-buurtteam')).toEqual(['Buurtteam']);
      expect(inboxes.every((i) => i.guidelines.length > 0)).toBe(true);
    });

    it('R16: the team\'s contact person creates another shared inbox and chooses its members; it is in the directory', async () => {
      const [jansen, deboer, ahmadi] = await region.all('p-jansen', 'p-deboer', 'p-ahmadi');
      const inbox = await jansen.must('createSharedInbox', {
        teamId: 'team-lombok', name: 'Herhaalrecepten', guidelines: 'Alleen voor herhaalrecepten.', memberIds: ['p-deboer'],
      });
      expect(inbox).toMatchObject({ orgId: 'org-hap-lombok', teamId: 'team-lombok', memberIds: ['p-deboer'], primary: false });
      expect((await ahmadi.must('directory', {})).inboxes).toContainEqual(inbox);
      expect((await deboer.must('session', {})).inboxes.map((i) => i.id)).toContain(inbox.id);
    });

    it('R16: the account manager changes who belongs to an inbox', async () => {
      const [mulder, smit] = await region.all('p-mulder', 'p-smit');
      const inbox = await mulder.must('updateSharedInbox', { inboxId: 'inbox-pohggz', memberIds: ['p-smit', 'p-devries'] });
      expect(inbox.memberIds).toEqual(['p-smit', 'p-devries']);
      expect((await smit.must('directory', {})).inboxes.find((i) => i.id === 'inbox-pohggz')?.memberIds).toEqual(['p-smit', 'p-devries']);
    });

    it.each([
      ['a team member who is neither account manager nor contact person', 'p-devries', 'create', 'team-manager-only'],
      ['another organisation', 'p-yilmaz', 'create', 'not-found'],
      ['a member from outside the team', 'p-jansen', 'foreign member', 'inbox-member-not-in-team'],
      ['a team member who is neither account manager nor contact person', 'p-devries', 'update', 'team-manager-only'],
      ['another organisation', 'p-bos', 'update', 'not-found'],
    ] as const)('R16: shared inboxes are not set up by %s (%s)', async (_, who, what, code) => {
      const p = await region.as(who);
      if (what === 'update') await p.refused('updateSharedInbox', { inboxId: 'inbox-pohs', memberIds: ['p-visser', 'p-smit'] }, code);
      else await p.refused('createSharedInbox', { teamId: 'team-lombok', name: 'Extra', memberIds: what === 'create' ? [] : ['p-yilmaz'] }, code);
    });
  });
}
