import { describe, expect, it } from 'vitest';
import { decide, type Actor, type InboxItem, type Network } from '../../../lib/domain';
import { handoverConversation, handoverRows, homecareNetwork } from '../../fixtures/domain-calls';
import {
  aConversation, actorOf, aNetwork, auditsOf, client, cmd, EARLIER, expectAccepted, expectRefused, inbox, makeEnv, NOW, org,
  people, putsTo,
} from '../../fixtures/domain';

const assistant = actorOf(people.assistant);
const nurse = actorOf(people.nurse);
const social = actorOf(people.social);
const invited = { invitedBy: people.assistant.id, invitedAt: EARLIER };

/** The three GP-only network changes (R5, R6), each as a function of actor and network. */
const gpSteps = {
  linkPatientCard: (a: Actor, network?: Network, items: InboxItem[] = []) =>
    decide.linkPatientCard(a, makeEnv(), cmd('linkPatientCard', { networkId: 'net-1', system: 'Medicom', patientRef: 'P-4711' }), { network, handoverItems: items }),
  inviteToPortal: (a: Actor, network?: Network, items: InboxItem[] = []) =>
    decide.inviteToPortal(a, makeEnv(), cmd('inviteToPortal', { networkId: 'net-1', email: 'jan.jansen@example.nl' }), { network, handoverItems: items }),
  markPortalActivated: (a: Actor, network?: Network) =>
    decide.markPortalActivated(a, makeEnv(), cmd('markPortalActivated', { networkId: 'net-1' }), { network: network && { ...network, portal: network.portal ?? invited } }),
};
const gpStepTable = Object.entries(gpSteps).map(([name, run]) => ({ name, run }));

describe('R5 patient card', () => {
  it('R5: a member of the GP practice links its own system\'s patient reference; the step and the audit record follow', () => {
    const { value, puts } = expectAccepted(gpSteps.linkPatientCard(assistant, aNetwork()));
    expect(value.patientCard).toEqual({ system: 'Medicom', patientRef: 'P-4711', linkedBy: people.assistant.id, linkedAt: NOW });
    expect(value.steps.patientCard).toEqual({ by: people.assistant.id, byName: people.assistant.name, orgName: org.gp.name, at: NOW });
    expect(putsTo(puts, 'networks')).toEqual([value]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'update', objectType: 'patientCard', objectId: 'net-1', clientId: client.id }]);
  });

  it.each([
    { who: 'home care', actor: nurse },
    { who: 'the neighbourhood team', actor: social },
  ])('R5: $who cannot link a patient card (gp-only)', ({ actor }) => {
    expectRefused(gpSteps.linkPatientCard(actor, aNetwork({ orgIds: [org.gp.id, org.homecare.id, org.neighbourhood.id] })), 'gp-only');
  });
});

describe('R6 portal invitation and activation', () => {
  it('R6: the GP practice invites the resident to the portal', () => {
    const { value, puts } = expectAccepted(gpSteps.inviteToPortal(assistant, aNetwork()));
    expect(value.portal).toEqual({ email: 'jan.jansen@example.nl', invitedBy: people.assistant.id, invitedAt: NOW });
    expect(value.steps.portalInvited?.at).toBe(NOW);
    expect(auditsOf(puts)).toMatchObject([{ action: 'inviteToPortal', objectType: 'portal' }]);
  });

  it('R6: inviting again keeps an activation that already happened, so the resident can still be added', () => {
    const { value } = expectAccepted(gpSteps.inviteToPortal(assistant, aNetwork({ portal: { ...invited, activatedAt: EARLIER } })));
    expect(value.portal).toEqual({ email: 'jan.jansen@example.nl', invitedBy: people.assistant.id, invitedAt: NOW, activatedAt: EARLIER });
  });

  it('R6: the practice records the activation once the resident was invited', () => {
    const { value } = expectAccepted(gpSteps.markPortalActivated(assistant, aNetwork({ portal: invited })));
    expect(value.portal).toEqual({ ...invited, activatedAt: NOW });
    expect(value.steps.portalActivated?.by).toBe(people.assistant.id);
  });

  it('R6: recording the activation again keeps the first activation time', () => {
    const { value } = expectAccepted(gpSteps.markPortalActivated(assistant, aNetwork({ portal: { ...invited, activatedAt: EARLIER } })));
    expect(value.portal?.activatedAt).toBe(EARLIER);
  });

  it('R6: an activation cannot be recorded before an invitation (portal-not-invited)', () => {
    const network = aNetwork();
    expectRefused(decide.markPortalActivated(assistant, makeEnv(), cmd('markPortalActivated', { networkId: 'net-1' }), { network }), 'portal-not-invited');
  });

  it.each(gpStepTable.filter((s) => s.name !== 'linkPatientCard'))('R6: home care cannot do $name (gp-only)', ({ run }) => {
    expectRefused(run(nurse, aNetwork()), 'gp-only');
  });
});

describe('R3, and visibility, for every GP-only step', () => {
  it.each(gpStepTable)('R3: $name is refused once the network is read-only (network-read-only)', ({ run }) => {
    expectRefused(run(assistant, aNetwork({ status: 'readOnly' })), 'network-read-only');
  });

  it.each(gpStepTable)('$name on an unknown network is refused (not-found)', ({ run }) => {
    expectRefused(run(assistant, undefined), 'not-found');
  });

  it.each(gpStepTable)('$name on a network the practice does not take part in is refused (not-found)', ({ run }) => {
    expectRefused(run(assistant, aNetwork({ orgIds: [org.homecare.id] })), 'not-found');
  });
});

describe('R18 handover request', () => {
  const request = (over: Partial<Parameters<typeof decide.requestHandover>[3]> = {}, inboxId: string = inbox.assistants.id, actor = nurse) =>
    decide.requestHandover(actor, makeEnv(), cmd('requestHandover', { networkId: 'net-1', conversationId: 'conv-2', inboxId }), {
      network: homecareNetwork(), conversation: handoverConversation(), inbox: inbox.assistants, inboxOrg: org.gp, items: handoverRows(), ...over,
    });

  it('R18: the request is an open task in the practice inbox: back from the archive, unread, marked, with the step recorded', () => {
    const { value, puts } = expectAccepted(request());
    expect(value.handover).toEqual({ conversationId: 'conv-2', inboxId: inbox.assistants.id, requestedBy: people.nurse.id, requestedAt: NOW, status: 'open' });
    expect(value.steps.handoverRequested?.by).toBe(people.nurse.id);
    const rows = putsTo(puts, 'inboxItems');
    expect(rows.map((r) => r.ownerId).sort()).toEqual([people.assistant.id, people.assistant2.id].sort());
    for (const r of rows) expect(r).toMatchObject({ via: inbox.assistants.id, openTask: true, archived: 0, unread: 1, lastActivity: NOW });
    expect(auditsOf(puts)).toMatchObject([{ action: 'requestHandover', objectType: 'handover' }]);
  });

  it.each([
    { order: 'card, then portal', first: gpSteps.linkPatientCard, second: gpSteps.inviteToPortal },
    { order: 'portal, then card', first: gpSteps.inviteToPortal, second: gpSteps.linkPatientCard },
  ])('R18: the practice completes the request by linking the card and inviting the resident ($order)', ({ first, second }) => {
    const requested = expectAccepted(request());
    const openRows = putsTo(requested.puts, 'inboxItems');
    const afterFirst = expectAccepted(first(assistant, requested.value, openRows));
    expect(afterFirst.value.handover?.status).toBe('open');
    expect(putsTo(afterFirst.puts, 'inboxItems')).toEqual([]);
    const afterSecond = expectAccepted(second(assistant, afterFirst.value, openRows));
    expect(afterSecond.value.handover).toMatchObject({ status: 'done', completedAt: NOW, completedBy: people.assistant.id });
    const cleared = putsTo(afterSecond.puts, 'inboxItems');
    expect(cleared).toHaveLength(openRows.length);
    for (const r of cleared) expect(r.openTask).toBe(false);
  });

  it('R18: when the practice already linked the card and invited the resident, the request is done at once and leaves no open task', () => {
    const ready = { ...homecareNetwork(), patientCard: { system: 'HIS', patientRef: '1', linkedBy: people.assistant.id, linkedAt: EARLIER }, portal: invited };
    const { value, puts } = expectAccepted(request({ network: ready }));
    expect(value.handover?.status).toBe('done');
    expect(putsTo(puts, 'inboxItems').filter((r) => r.openTask)).toEqual([]);
  });

  it('R18: a second request for the same network is refused (handover-exists)', () => {
    const { value } = expectAccepted(request());
    expectRefused(request({ network: value }), 'handover-exists');
  });

  it.each([
    { why: 'an inbox of home care, not of a GP practice', over: { inbox: inbox.district, inboxOrg: org.homecare }, inboxId: inbox.district.id },
    { why: 'a GP inbox that is not in the conversation', over: { inbox: inbox.poh }, inboxId: inbox.poh.id },
  ])('R18: a request to $why is refused (handover-needs-gp-inbox)', ({ over, inboxId }) => {
    const conversation = { ...handoverConversation(), inboxes: [...handoverConversation().inboxes, { inboxId: inbox.district.id, addedBy: people.nurse.id, addedAt: EARLIER }] };
    expectRefused(request({ ...over, conversation }, inboxId), 'handover-needs-gp-inbox');
  });

  it.each([
    { why: 'an unknown network', over: { network: undefined }, actor: nurse },
    { why: 'a network home care does not take part in', over: { network: { ...homecareNetwork(), orgIds: [org.gp.id] } }, actor: nurse },
    { why: 'an unknown conversation', over: { conversation: undefined }, actor: nurse },
    { why: 'a conversation of another network', over: { conversation: { ...handoverConversation(), networkId: 'net-9' } }, actor: nurse },
    { why: 'a conversation the actor is not in', over: {}, actor: actorOf(people.nurse2) },
    { why: 'an unknown inbox', over: { inbox: undefined, inboxOrg: undefined }, actor: nurse },
  ])('R18: a request for $why is refused (not-found)', ({ over, actor }) => {
    expectRefused(request(over, inbox.assistants.id, actor), 'not-found');
  });

  it('R3: no handover request in a read-only network (network-read-only)', () => {
    expectRefused(request({ network: { ...homecareNetwork(), status: 'readOnly' } }), 'network-read-only');
  });
});

describe('readNetwork', () => {
  const conversations = [aConversation(), handoverConversation(), aConversation({ id: 'conv-3', participants: [{ kind: 'professional', id: people.gp.id, addedBy: people.gp.id, addedAt: EARLIER }] })];

  it('R15: reading a network is an audited read, and R8: it lists only the conversations the reader takes part in', () => {
    const { value, puts } = expectAccepted(decide.readNetwork(nurse, makeEnv(), cmd('readNetwork', { networkId: 'net-1' }), { network: aNetwork(), client, conversations }));
    expect(value.conversations.map((c) => c.id)).toEqual(['conv-1', 'conv-2']);
    expect(value.client).toEqual(client);
    expect(puts.map((p) => p.store)).toEqual(['audit']);
    expect(auditsOf(puts)).toMatchObject([{ event: 'read', action: 'readNetwork', objectType: 'network', objectId: 'net-1', clientId: client.id }]);
  });

  it.each([
    { why: 'an unknown network', network: undefined, c: client },
    { why: 'a network without its client', network: aNetwork(), c: undefined },
    { why: 'a network the organisation does not take part in', network: aNetwork({ orgIds: [org.gp.id] }), c: client },
  ])('reading $why is refused (not-found)', ({ network, c }) => {
    expectRefused(decide.readNetwork(nurse, makeEnv(), cmd('readNetwork', { networkId: 'net-1' }), { network, client: c, conversations }), 'not-found');
  });
});
