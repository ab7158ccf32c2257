import { describe, expect, it } from 'vitest';
import { decide, MESSAGES_PAGE, mayAddResident, type Actor, type Conversation, type Network, type Participant, type SharedInbox } from '../../../lib/domain';
import {
  aConversation, actorOf, allInboxes, aMessage, aNetwork, aRow, auditsOf, client, cmd, conversationRows, deactivated, EARLIER,
  everyone, expectAccepted, expectRefused, inbox, makeEnv, NOW, org, people, putsTo, team,
} from '../../fixtures/domain';

const assistant = actorOf(people.assistant);
const nurse = actorOf(people.nurse);
const gpManager = actorOf(people.gpManager);
const viaOf = (c: Conversation, inboxId: string) => c.participants.filter((p) => p.viaInboxId === inboxId).map((p) => p.id).sort();

function start(
  input: Partial<Parameters<typeof cmd<'startConversation'>>[1]> = {},
  over: Partial<Parameters<typeof decide.startConversation>[3]> = {},
  actor: Actor = assistant,
) {
  const command = cmd('startConversation', { networkId: 'net-1', subject: 'Medicatie', messageId: 'msg-new', text: 'Graag overleg.', ...input });
  return decide.startConversation(actor, makeEnv(), command, { network: aNetwork(), client, inboxes: allInboxes, named: everyone, members: [], ...over });
}

describe('startConversation', () => {
  it('R8: starting with a shared inbox makes its members at that moment participants "via" it, each with a row in that inbox', () => {
    const { value, puts } = expectAccepted(start({ inboxIds: [inbox.district.id] }));
    expect(viaOf(value, inbox.district.id)).toEqual([people.nurse.id, people.nurse2.id].sort());
    expect(value.inboxes).toEqual([{ inboxId: inbox.district.id, addedBy: people.assistant.id, addedAt: NOW }]);
    const rows = putsTo(puts, 'inboxItems');
    expect(rows.filter((r) => r.via === inbox.district.id).map((r) => [r.ownerId, r.unread]).sort()).toEqual([[people.nurse.id, 1], [people.nurse2.id, 1]].sort());
    expect(rows.filter((r) => r.via === '')).toMatchObject([{ ownerId: people.assistant.id, unread: 0 }]);
  });

  it('R8: a deactivated member of the inbox does not become a participant', () => {
    const withFormer: SharedInbox = { ...inbox.assistants, memberIds: [...inbox.assistants.memberIds, people.former.id] };
    const { value } = expectAccepted(start({ inboxIds: [withFormer.id] }, { inboxes: [withFormer] }, nurse));
    expect(viaOf(value, withFormer.id)).toEqual([people.assistant.id, people.assistant2.id].sort());
  });

  it('R8: the writer who is also a member of the inbox stays a direct participant, once, and gets a row in the inbox as read', () => {
    const { value, puts } = expectAccepted(start({ inboxIds: [inbox.assistants.id] }));
    expect(value.participants.filter((p) => p.id === people.assistant.id)).toEqual([
      { kind: 'professional', id: people.assistant.id, addedBy: people.assistant.id, addedAt: NOW },
    ]);
    expect(putsTo(puts, 'inboxItems').find((r) => r.ownerId === people.assistant.id && r.via === inbox.assistants.id)?.unread).toBe(0);
  });

  it('R8: an inbox named twice is added once', () => {
    const { value } = expectAccepted(start({ inboxIds: [inbox.district.id, inbox.district.id] }));
    expect(value.inboxes).toHaveLength(1);
    expect(viaOf(value, inbox.district.id)).toHaveLength(2);
  });

  it('R9: named professionals join directly, each with a row in their own list; their organisations join the network and see the client', () => {
    const network = aNetwork({ orgIds: [org.gp.id] });
    const c = { ...client, orgIds: [org.gp.id] };
    const { value, puts } = expectAccepted(start({ professionalIds: [people.social.id, people.social.id] }, { network, client: c }));
    expect(value.participants.map((p) => [p.id, p.viaInboxId])).toEqual([[people.assistant.id, undefined], [people.social.id, undefined]]);
    expect(putsTo(puts, 'inboxItems').map((r) => [r.ownerId, r.via])).toEqual([[people.assistant.id, ''], [people.social.id, '']]);
    expect(putsTo(puts, 'networks')).toMatchObject([{ orgIds: [org.gp.id, org.neighbourhood.id] }]);
    expect(putsTo(puts, 'clients')).toMatchObject([{ orgIds: [org.gp.id, org.neighbourhood.id] }]);
  });

  it('R4: the first conversation is a checklist step, recorded once', () => {
    const first = expectAccepted(start({ inboxIds: [inbox.district.id] }));
    const network = putsTo(first.puts, 'networks')[0]!;
    expect(network.steps.firstConversation).toEqual({ by: people.assistant.id, byName: people.assistant.name, orgName: org.gp.name, at: NOW });
    const second = expectAccepted(start({ inboxIds: [inbox.district.id] }, { network }, assistant));
    expect(putsTo(second.puts, 'networks')).toEqual([]);
  });

  it('R15: starting writes the message with its author and two audit records, neither with the text', () => {
    const { value, puts } = expectAccepted(start({ inboxIds: [inbox.district.id], text: 'Heeft u morgen tijd?' }));
    expect(putsTo(puts, 'messages')).toEqual([{
      id: 'msg-new', conversationId: value.id, text: 'Heeft u morgen tijd?', createdAt: NOW, authorId: people.assistant.id,
      authorKind: 'professional', authorName: people.assistant.name, authorRole: 'assistant', authorOrgName: org.gp.name,
    }]);
    const audits = auditsOf(puts);
    expect(audits.map((a) => [a.action, a.objectType, a.objectId])).toEqual([['startConversation', 'conversation', value.id], ['postMessage', 'message', 'msg-new']]);
    expect(JSON.stringify(audits)).not.toContain('morgen tijd');
  });

  it.each([
    { why: 'no recipient', input: {}, over: {}, code: 'recipient-required' },
    { why: 'an unknown network', input: { inboxIds: [inbox.district.id] }, over: { network: undefined }, code: 'not-found' },
    { why: 'a network the practice is not in', input: { inboxIds: [inbox.district.id] }, over: { network: aNetwork({ orgIds: [org.homecare.id] }) }, code: 'not-found' },
    { why: 'an unknown inbox', input: { inboxIds: ['inbox-onbekend'] }, over: {}, code: 'not-found' },
    { why: 'an unknown professional', input: { professionalIds: ['p-onbekend'] }, over: {}, code: 'not-found' },
    { why: 'a deactivated professional', input: { professionalIds: [people.former.id] }, over: {}, code: 'not-found' },
    { why: 'a read-only network (R3)', input: { inboxIds: [inbox.district.id] }, over: { network: aNetwork({ status: 'readOnly' }) }, code: 'network-read-only' },
    { why: 'a message id that is already stored', input: { inboxIds: [inbox.district.id] }, over: { existing: aMessage({ id: 'msg-new' }) }, code: 'conflict' },
  ] as const)('startConversation with $why is refused ($code)', ({ input, over, code }) => {
    expectRefused(start(input as { inboxIds?: string[]; professionalIds?: string[] }, over), code);
  });

  it('R13: an account manager without a care role cannot write (contents-restricted)', () => {
    expectRefused(start({ inboxIds: [inbox.district.id] }, {}, gpManager), 'contents-restricted');
  });
});

describe('addParticipant', () => {
  const add = (input: { inboxId: string } | { professionalId: string }, over: Partial<Parameters<typeof decide.addParticipant>[3]> = {}, actor: Actor = nurse) =>
    decide.addParticipant(actor, makeEnv(), cmd('addParticipant', { conversationId: 'conv-1', ...input }), {
      conversation: aConversation(), network: aNetwork(), client, inbox: 'inboxId' in input ? allInboxes.find((i) => i.id === input.inboxId) : undefined,
      members: everyone, ...over,
    });

  it('R9: any participant adds a professional; who added whom and when is kept, and the person gets a row', () => {
    const { value, puts } = expectAccepted(add({ professionalId: people.gp.id }));
    expect(value.participants.at(-1)).toEqual({ kind: 'professional', id: people.gp.id, addedBy: people.nurse.id, addedAt: NOW } satisfies Participant);
    expect(putsTo(puts, 'inboxItems')).toMatchObject([{ ownerId: people.gp.id, via: '', unread: 1, lastActivity: EARLIER }]);
    expect(auditsOf(puts)).toMatchObject([{ action: 'addParticipant', objectId: 'conv-1' }]);
  });

  it('R9: adding a shared inbox records who added it and, R8, makes its current members participants via it', () => {
    const { value, puts } = expectAccepted(add({ inboxId: inbox.poh.id }));
    expect(value.inboxes.at(-1)).toEqual({ inboxId: inbox.poh.id, addedBy: people.nurse.id, addedAt: NOW });
    expect(viaOf(value, inbox.poh.id)).toEqual([people.poh.id]);
    expect(putsTo(puts, 'inboxItems')).toMatchObject([{ ownerId: people.poh.id, via: inbox.poh.id }]);
  });

  it('R9: adding another organisation\'s inbox brings that organisation into the network', () => {
    const { puts } = expectAccepted(add({ inboxId: inbox.neighbourhood.id }));
    expect(putsTo(puts, 'networks')).toMatchObject([{ orgIds: [org.gp.id, org.homecare.id, org.neighbourhood.id] }]);
    expect(putsTo(puts, 'clients')).toMatchObject([{ orgIds: [org.gp.id, org.homecare.id, org.neighbourhood.id] }]);
  });

  it.each([
    { why: 'an inbox already in the conversation', input: { inboxId: inbox.district.id }, over: {}, actor: nurse, code: 'already-participant' },
    { why: 'a professional already in it', input: { professionalId: people.nurse2.id }, over: {}, actor: nurse, code: 'already-participant' },
    { why: 'an unknown inbox', input: { inboxId: 'inbox-x' }, over: {}, actor: nurse, code: 'not-found' },
    { why: 'an unknown professional', input: { professionalId: 'p-x' }, over: {}, actor: nurse, code: 'not-found' },
    { why: 'a deactivated professional', input: { professionalId: people.former.id }, over: {}, actor: nurse, code: 'not-found' },
    { why: 'an unknown conversation', input: { professionalId: people.gp.id }, over: { conversation: undefined }, actor: nurse, code: 'not-found' },
    { why: 'an actor who is not a participant', input: { professionalId: people.gp.id }, over: {}, actor: actorOf(people.caregiver), code: 'not-found' },
    { why: 'a read-only network (R3)', input: { professionalId: people.gp.id }, over: { network: aNetwork({ status: 'readOnly' }) }, actor: nurse, code: 'network-read-only' },
  ] as const)('adding $why is refused ($code)', ({ input, over, actor, code }) => {
    expectRefused(add(input, over, actor), code);
  });

  it('R13: an account manager without a care role who is a participant cannot add anyone (contents-restricted)', () => {
    const conversation = aConversation({ participants: [...aConversation().participants, { kind: 'professional', id: people.gpManager.id, addedBy: people.assistant.id, addedAt: EARLIER }] });
    expectRefused(add({ professionalId: people.gp.id }, { conversation }, gpManager), 'contents-restricted');
  });
});

describe('R8 later inbox members, R7 history', () => {
  const messages = [aMessage({ id: 'm1', text: 'Eerste bericht' }), aMessage({ id: 'm2', text: 'Tweede bericht', createdAt: NOW })];
  const read = (actor: Actor, conversation: Conversation) =>
    decide.readConversation(actor, makeEnv(), cmd('readConversation', { conversationId: 'conv-1' }), { conversation, network: aNetwork(), page: [...messages].reverse(), items: [] });

  it('R8: a member who joins the inbox later cannot read earlier conversations', () => {
    // The caregiver joined the district inbox after conv-1 was started with it.
    const joined = expectAccepted(decide.updateSharedInbox(actorOf(people.homecareManager), makeEnv(), cmd('updateSharedInbox', {
      inboxId: inbox.district.id, memberIds: [...inbox.district.memberIds, people.caregiver.id],
    }), { inbox: inbox.district, team: team.district, people: [people.nurse, people.nurse2, { ...people.caregiver, teamIds: [team.district.id] }] }));
    expect(joined.puts.map((p) => p.store)).toEqual(['inboxes', 'audit']);
    expectRefused(read(actorOf(people.caregiver), aConversation()), 'not-found');
  });

  it('R8: a later member can be added individually by any participant (R9), and R7: then reads the whole history', () => {
    const added = expectAccepted(decide.addParticipant(nurse, makeEnv(), cmd('addParticipant', { conversationId: 'conv-1', professionalId: people.caregiver.id }), {
      conversation: aConversation(), network: aNetwork(), client, members: everyone,
    }));
    const { value } = expectAccepted(read(actorOf(people.caregiver), added.value));
    expect(value.messages.map((m) => m.text)).toEqual(['Eerste bericht', 'Tweede bericht']);
  });

  it('R7: a participant reads every message, earlier ones included, and the rows of their own list become read', () => {
    const ownItems = [aRow(people.nurse.id, inbox.district.id, { unread: 1 }), aRow(people.nurse2.id, inbox.district.id, { unread: 1 })];
    const { value, puts } = expectAccepted(decide.readConversation(nurse, makeEnv(), cmd('readConversation', { conversationId: 'conv-1' }), {
      conversation: aConversation(), network: aNetwork(), page: [...messages].reverse(), items: ownItems,
    }));
    expect(value).toMatchObject({ readOnly: false, emergency: false, messages, earlier: false });
    expect(putsTo(puts, 'inboxItems')).toEqual([{ ...ownItems[0], unread: 0 }]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'read', action: 'readConversation', objectType: 'conversation', objectId: 'conv-1', emergency: false }]);
  });

  it('R3: a conversation in a read-only network stays readable and says it is read-only', () => {
    const { value } = expectAccepted(decide.readConversation(nurse, makeEnv(), cmd('readConversation', { conversationId: 'conv-1' }), {
      conversation: aConversation(), network: aNetwork({ status: 'readOnly' }), page: [...messages].reverse(), items: [],
    }));
    expect(value.readOnly).toBe(true);
    expect(value.messages).toHaveLength(2);
  });

  it.each([
    { why: 'an unknown conversation', conversation: undefined, network: aNetwork() },
    { why: 'a conversation without its network', conversation: aConversation(), network: undefined },
  ])('reading $why is refused (not-found)', ({ conversation, network }) => {
    expectRefused(decide.readConversation(nurse, makeEnv(), cmd('readConversation', { conversationId: 'conv-1' }), { conversation, network, page: [...messages].reverse(), items: [] }), 'not-found');
  });
});

describe('R13 account manager and message contents', () => {
  const read = (actor: Actor, emergencyReason?: string, network: Network = aNetwork()) =>
    decide.readConversation(actor, makeEnv(), cmd('readConversation', { conversationId: 'conv-1', emergencyReason }), {
      conversation: aConversation(), network, page: [aMessage()], items: [],
    });
  const reason = 'Verdenking van misbruik van een account, melding van de FG.';

  it('R13: an account manager without a care role cannot open message contents (contents-restricted)', () => {
    expectRefused(read(gpManager), 'contents-restricted');
  });

  it('R13: the emergency step opens them, and its audit record holds emergency=true and the reason', () => {
    const { value, puts } = expectAccepted(read(gpManager, reason));
    expect(value.emergency).toBe(true);
    expect(value.messages).toHaveLength(1);
    expect(auditsOf(puts)).toMatchObject([{ action: 'readConversation', userId: people.gpManager.id, emergency: true, reason }]);
  });

  it('R13: the emergency step reaches only networks of the own organisation (not-found)', () => {
    expectRefused(read(actorOf(people.regionalAdmin), reason), 'not-found');
  });

  it('R13: a care professional\'s reading is never an emergency, even if a reason is sent', () => {
    const { value, puts } = expectAccepted(read(nurse, reason));
    expect(value.emergency).toBe(false);
    expect(auditsOf(puts)[0]).toMatchObject({ emergency: false });
    expect(auditsOf(puts)[0]?.reason).toBeUndefined();
  });

  it('R13: a care professional who is not a participant cannot use the emergency step to read (not-found)', () => {
    expectRefused(read(actorOf(people.gp), reason), 'not-found');
  });

  it('R13: the reason must be at least 10 characters', () => {
    expect(() => cmd('readConversation', { conversationId: 'conv-1', emergencyReason: 'nodig' })).toThrow();
  });
});

describe('R6 adding the resident', () => {
  const activated = { invitedBy: people.assistant.id, invitedAt: EARLIER, activatedAt: EARLIER };
  // `null`: no such conversation (undefined would take the default).
  const add = (network?: Network, conversation: Conversation | null = aConversation(), actor: Actor = assistant) =>
    decide.addResident(actor, makeEnv(), cmd('addResident', { conversationId: 'conv-1' }), { conversation: conversation ?? undefined, network });

  it('R6: after activation the resident joins the conversation, and the checklist step is recorded', () => {
    const { value, puts } = expectAccepted(add(aNetwork({ portal: activated })));
    expect(value.participants.at(-1)).toEqual({ kind: 'client', id: client.id, addedBy: people.assistant.id, addedAt: NOW });
    expect(putsTo(puts, 'networks')[0]?.steps.residentAdded).toMatchObject({ by: people.assistant.id, at: NOW });
  });

  it('R7: the resident joins the same conversation record, so nothing of its history is hidden from them', () => {
    const { value } = expectAccepted(add(aNetwork({ portal: activated })));
    expect({ ...value, participants: value.participants.slice(0, -1) }).toEqual(aConversation());
  });

  it.each([
    { why: 'before an invitation', network: aNetwork(), conversation: aConversation(), actor: assistant, code: 'portal-not-invited' },
    { why: 'before activation', network: aNetwork({ portal: { invitedBy: people.assistant.id, invitedAt: EARLIER } }), conversation: aConversation(), actor: assistant, code: 'portal-not-activated' },
    {
      why: 'twice', network: aNetwork({ portal: activated }), actor: assistant, code: 'already-participant',
      conversation: aConversation({ participants: [...aConversation().participants, { kind: 'client', id: client.id, addedBy: people.assistant.id, addedAt: EARLIER }] }),
    },
    { why: 'in a read-only network (R3)', network: aNetwork({ portal: activated, status: 'readOnly' }), conversation: aConversation(), actor: assistant, code: 'network-read-only' },
    { why: 'to an unknown conversation', network: aNetwork({ portal: activated }), conversation: null, actor: assistant, code: 'not-found' },
    { why: 'by someone not in the conversation', network: aNetwork({ portal: activated }), conversation: aConversation(), actor: actorOf(people.gp), code: 'not-found' },
    {
      why: 'by an account manager without a care role (R13)', network: aNetwork({ portal: activated }), actor: gpManager, code: 'contents-restricted',
      conversation: aConversation({ participants: [...aConversation().participants, { kind: 'professional', id: people.gpManager.id, addedBy: people.assistant.id, addedAt: EARLIER }] }),
    },
  ] as const)('R6: adding the resident $why is refused ($code)', ({ network, conversation, actor, code }) => {
    expectRefused(add(network, conversation, actor), code);
  });

  it('R6: it is the GP practice that adds the resident: a home-care participant is refused (gp-only)', () => {
    expectRefused(add(aNetwork({ portal: activated }), aConversation(), nurse), 'gp-only');
  });

  it('R6: the predicate the screens use agrees with the decision, for the practice and for home care', () => {
    const network = aNetwork({ portal: activated });
    expect(mayAddResident(people.assistant, org.gp, aConversation(), network)).toBe(true);
    expect(mayAddResident(people.nurse, org.homecare, aConversation(), network)).toBe(false);
  });
});

describe('R7 paging, R15 live refreshes', () => {
  const page = (n: number) => Array.from({ length: n }, (_, i) => aMessage({ id: `m${String(i).padStart(3, '0')}`, createdAt: new Date(Date.parse(EARLIER) + i).toISOString() }));

  it('R7: a full page and one more means earlier messages exist; the newest page is shown oldest first', () => {
    const newestFirst = page(MESSAGES_PAGE + 1).reverse();
    const { value } = expectAccepted(decide.readConversation(nurse, makeEnv(), cmd('readConversation', { conversationId: 'conv-1' }), {
      conversation: aConversation(), network: aNetwork(), page: newestFirst, items: [],
    }));
    expect(value.earlier).toBe(true);
    expect(value.messages).toHaveLength(MESSAGES_PAGE);
    expect(value.messages[0]!.id).toBe('m001');
    expect(value.messages.at(-1)!.id).toBe(`m${MESSAGES_PAGE}`);
  });

  it('R15: opening a conversation tells the session it is open; under the emergency step it does not', () => {
    const opened = expectAccepted(decide.readConversation(nurse, makeEnv(), cmd('readConversation', { conversationId: 'conv-1' }), {
      conversation: aConversation(), network: aNetwork(), page: [], items: [],
    }));
    expect(opened.effects).toEqual([{ kind: 'opened', conversationId: 'conv-1' }]);
    const emergency = expectAccepted(decide.readConversation(gpManager, makeEnv(), cmd('readConversation', {
      conversationId: 'conv-1', emergencyReason: 'Cliënt in acute nood, behandelaar onbereikbaar',
    }), { conversation: aConversation(), network: aNetwork(), page: [], items: [] }));
    expect(emergency.effects).toBeUndefined();
  });

  const updates = (actor: Actor, opened: boolean) => decide.conversationUpdates(actor, makeEnv(), cmd('conversationUpdates', {
    conversationId: 'conv-1', after: { createdAt: EARLIER, id: 'm000' },
  }), { conversation: aConversation(), network: aNetwork(), page: page(3).slice(1), opened });

  it('R15: a live refresh of a conversation this session opened reads what is new and writes no audit record', () => {
    const { value, puts } = expectAccepted(updates(nurse, true));
    expect(value.messages.map((m) => m.id)).toEqual(['m001', 'm002']);
    expect(puts).toEqual([]);
  });

  it('R15: a session that has not opened the conversation opens it (audited) instead (conversation-not-open)', () => {
    expectRefused(updates(nurse, false), 'conversation-not-open');
  });

  it('R8: a refresh by someone who is not a participant is refused (not-found)', () => {
    expectRefused(updates(actorOf(people.caregiver), true), 'not-found');
  });

  it('markRead marks only the reader\'s own rows read, and writes no audit record', () => {
    const items = [aRow(people.nurse.id, inbox.district.id, { unread: 1 }), aRow(people.nurse2.id, inbox.district.id, { unread: 1 })];
    const { value, puts } = expectAccepted(decide.markRead(nurse, makeEnv(), cmd('markRead', { conversationId: 'conv-1' }), { conversation: aConversation(), items }));
    expect(value.rows).toBe(1);
    expect(puts).toEqual([{ store: 'inboxItems', value: { ...items[0], unread: 0 } }]);
  });
});

describe('postMessage', () => {
  const post = (over: Partial<Parameters<typeof decide.postMessage>[3]> = {}, actor: Actor = nurse, text = 'Wond ziet er goed uit.') =>
    decide.postMessage(actor, makeEnv(), cmd('postMessage', { conversationId: 'conv-1', messageId: 'msg-9', text }), {
      conversation: aConversation(), network: aNetwork(), items: conversationRows(), ...over,
    });

  it('R10: a new message brings the conversation back from every archive, unread for everyone but the writer', () => {
    const items = conversationRows().map((r) => ({ ...r, archived: 1 as const, unread: 0 as const }));
    const { value, puts } = expectAccepted(post({ items }));
    expect(value).toMatchObject({ id: 'msg-9', authorId: people.nurse.id, authorName: people.nurse.name, createdAt: NOW });
    const rows = putsTo(puts, 'inboxItems');
    expect(rows.map((r) => [r.ownerId, r.archived, r.unread, r.lastActivity])).toEqual([
      [people.assistant.id, 0, 1, NOW], [people.nurse.id, 0, 0, NOW], [people.nurse2.id, 0, 1, NOW],
    ]);
    expect(putsTo(puts, 'conversations')).toMatchObject([{ lastActivity: NOW }]);
  });

  it('R3: no new message in a read-only network (network-read-only)', () => {
    expectRefused(post({ network: aNetwork({ status: 'readOnly' }) }), 'network-read-only');
  });

  it('sending the same message again returns the stored one and writes nothing', () => {
    const existing = aMessage({ id: 'msg-9', authorId: people.nurse.id, text: 'Wond ziet er goed uit.' });
    expect(post({ existing })).toEqual({ ok: true, value: existing, puts: [] });
  });

  it.each([
    { why: 'other text', existing: aMessage({ id: 'msg-9', authorId: people.nurse.id, text: 'Iets anders' }) },
    { why: 'another author', existing: aMessage({ id: 'msg-9', text: 'Wond ziet er goed uit.' }) },
    { why: 'another conversation', existing: aMessage({ id: 'msg-9', authorId: people.nurse.id, conversationId: 'conv-2', text: 'Wond ziet er goed uit.' }) },
  ])('a message id already used with $why is refused (conflict)', ({ existing }) => {
    expectRefused(post({ existing }), 'conflict');
  });

  it.each([
    { why: 'an unknown conversation', over: { conversation: undefined }, actor: nurse },
    { why: 'a conversation without its network', over: { network: undefined }, actor: nurse },
    { why: 'a writer who is not a participant', over: {}, actor: actorOf(people.gp) },
  ])('writing to $why is refused (not-found)', ({ over, actor }) => {
    expectRefused(post(over, actor), 'not-found');
  });

  it('R13: an account manager without a care role cannot write, even as participant (contents-restricted)', () => {
    const conversation = aConversation({ participants: [...aConversation().participants, { kind: 'professional', id: people.gpManager.id, addedBy: people.assistant.id, addedAt: EARLIER }] });
    expectRefused(post({ conversation }, gpManager), 'contents-restricted');
  });

  it('R12: past messages keep their author\'s name after the account is deactivated', () => {
    const { value } = expectAccepted(post());
    // The district first gets another contact person (R14), then the nurse leaves.
    const teams = [{ ...team.district, contactPersonId: 'p-opvolger' }];
    const gone = expectAccepted(decide.deactivateAccount(actorOf(people.homecareManager), makeEnv(), cmd('deactivateAccount', { professionalId: people.nurse.id }), { target: people.nurse, inboxes: allInboxes, teams }));
    expect(putsTo(gone.puts, 'messages')).toEqual([]);
    expect(value.authorName).toBe(people.nurse.name);
    expect(deactivated(people.nurse).name).toBe(value.authorName);
  });
});

describe('R10 archive', () => {
  const archive = (via: string, archived = true, actor: Actor = nurse, over: Partial<Parameters<typeof decide.archive>[3]> = {}) =>
    decide.archive(actor, makeEnv(), cmd('archive', { conversationId: 'conv-1', via, archived }), {
      conversation: aConversation(), inbox: allInboxes.find((i) => i.id === via), items: conversationRows(), ...over,
    });

  it('R10: archiving in a shared inbox hides it for all that inbox\'s members, who all stay participants', () => {
    const { value, puts } = expectAccepted(archive(inbox.district.id));
    expect(value).toEqual({ rows: 2 });
    expect(putsTo(puts, 'inboxItems').map((r) => [r.ownerId, r.via, r.archived])).toEqual([
      [people.nurse.id, inbox.district.id, 1], [people.nurse2.id, inbox.district.id, 1],
    ]);
    expect(putsTo(puts, 'conversations')).toEqual([]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'update', action: 'archive', objectId: 'conv-1' }]);
  });

  it('R10: archiving in the personal list hides it for oneself only', () => {
    const { puts } = expectAccepted(archive('', true, assistant));
    expect(putsTo(puts, 'inboxItems').map((r) => [r.ownerId, r.via, r.archived])).toEqual([[people.assistant.id, '', 1]]);
  });

  it('R10: taking it out of the archive again is the same action with archived=false', () => {
    const items = conversationRows().map((r) => ({ ...r, archived: 1 as const }));
    const { puts } = expectAccepted(archive(inbox.district.id, false, nurse, { items }));
    expect(putsTo(puts, 'inboxItems').map((r) => r.archived)).toEqual([0, 0]);
    expect(auditsOf(puts)[0]?.action).toBe('unarchive');
  });

  it.each([
    { why: 'an unknown conversation', via: inbox.district.id, actor: nurse, over: { conversation: undefined } },
    { why: 'a conversation one is not in', via: inbox.district.id, actor: actorOf(people.caregiver), over: {} },
    { why: 'an inbox one is not a member of', via: inbox.assistants.id, actor: nurse, over: {} },
    { why: 'an inbox that is not in the conversation', via: inbox.poh.id, actor: actorOf(people.poh), over: { conversation: aConversation({ participants: [...aConversation().participants, { kind: 'professional', id: people.poh.id, addedBy: people.assistant.id, addedAt: EARLIER }] }) } },
    { why: 'a personal list without the conversation', via: '', actor: nurse, over: {} },
  ])('R10: archiving in $why is refused (not-found)', ({ via, actor, over }) => {
    expectRefused(archive(via, true, actor, over), 'not-found');
  });
});
