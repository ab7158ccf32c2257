import { describe, expect, it } from 'vitest';
import { ADMIN_HISTORY_SCAN, AuditEvent, decide, type SharedInbox } from '../../../lib/domain';
import {
  aConsent, actorOf, allInboxes, aNetwork, auditsOf, client, cmd, expectAccepted, expectRefused, inbox, makeEnv, org, otherClient,
  people,
} from '../../fixtures/domain';

/** The audit records a refused decision asks to be kept (R15). */
const refusalAudits = (d: { ok: boolean; audit?: { value: unknown }[] }) => (d.ok ? [] : (d.audit ?? []).map((p) => p.value as AuditEvent));

const assistant = actorOf(people.assistant);
const nurse = actorOf(people.nurse);

describe('readClient', () => {
  const networks = [aNetwork(), aNetwork({ id: 'net-gp-only', orgIds: [org.gp.id] })];

  it('R15: opening a client is an audited read; it shows their consents and the networks the organisation takes part in', () => {
    const { value, puts } = expectAccepted(decide.readClient(nurse, makeEnv(), cmd('readClient', { clientId: client.id }), { client, consents: [aConsent()], networks }));
    expect(value).toEqual({ client, consents: [aConsent()], networks: [networks[0]] });
    expect(puts.map((p) => p.store)).toEqual(['audit']);
    expect(auditsOf(puts)).toMatchObject([{ event: 'read', action: 'readClient', objectType: 'client', objectId: client.id, clientId: client.id }]);
  });

  it.each([
    { why: 'an unknown client', c: undefined },
    { why: 'a client the organisation cannot see', c: otherClient },
  ])('R15: opening $why is refused (not-found) and audited as refused, naming only the id asked for', ({ c }) => {
    const d = decide.readClient(nurse, makeEnv(), cmd('readClient', { clientId: 'c-gevraagd' }), { client: c, consents: [], networks: [] });
    expectRefused(d, 'not-found');
    expect(refusalAudits(d)).toMatchObject([{ event: 'read', action: 'readClient', outcome: 'refused', objectType: 'client', objectId: 'c-gevraagd', userId: people.nurse.id }]);
    expect(refusalAudits(d)[0]).not.toHaveProperty('clientId');
  });
});

describe('findClientByBsn', () => {
  it('R15: finds the client with that BSN whom my organisation may see, and audits the look-up', () => {
    const { value, puts } = expectAccepted(decide.findClientByBsn(nurse, makeEnv(), cmd('findClientByBsn', { bsn: client.bsn! }), { withBsn: [otherClient, client] }));
    expect(value).toEqual(client);
    expect(auditsOf(puts)).toMatchObject([{ event: 'read', action: 'findClientByBsn', outcome: 'success', clientId: client.id, objectId: client.id }]);
  });

  it.each([
    { why: 'no client has that BSN', withBsn: [] },
    { why: 'only another organisation’s client has it', withBsn: [otherClient] },
  ])('R15: is refused (not-found) when $why, the same answer and the same audit record either way, with no BSN in it', ({ withBsn }) => {
    const d = decide.findClientByBsn(nurse, makeEnv(), cmd('findClientByBsn', { bsn: client.bsn! }), { withBsn });
    expectRefused(d, 'not-found');
    const [record] = refusalAudits(d);
    expect(record).toMatchObject({ action: 'findClientByBsn', outcome: 'refused', objectType: 'client', objectId: 'bsn' });
    expect(JSON.stringify(record)).not.toContain(client.bsn!);
    expect(record).not.toHaveProperty('clientId');
  });
});

describe('R15 access history', () => {
  const event = (id: string, at: string, clientId = client.id): AuditEvent => AuditEvent.parse({
    id, at, event: 'read', action: 'readClient', outcome: 'success', userId: people.nurse.id, responsibleUserId: people.nurse.id,
    role: 'nurse', orgId: org.homecare.id, clientId, objectType: 'client', objectId: clientId, source: 'sidepanel', emergency: false,
  });
  const events = [
    event('before', '2025-02-28T23:59:59.999Z'),
    event('first', '2025-03-01T00:00:00.000Z'),
    event('middle', '2025-03-15T12:00:00.000Z'),
    event('last', '2025-03-31T23:59:59.999Z'),
    event('after', '2025-04-01T00:00:00.000Z'),
    event('other-client', '2025-03-15T12:00:00.000Z', otherClient.id),
  ];
  const history = (from: string, to: string, c = client) => decide.accessHistory(assistant, makeEnv(), cmd('accessHistory', { clientId: c.id, from, to }), { client: c, events });

  it.each([
    { period: 'March', from: '2025-03-01', to: '2025-03-31', ids: ['first', 'middle', 'last'] },
    { period: 'one day', from: '2025-03-15', to: '2025-03-15', ids: ['middle'] },
    { period: 'the last day of February', from: '2025-02-28', to: '2025-02-28', ids: ['before'] },
    { period: 'a year', from: '2025-01-01', to: '2025-12-31', ids: ['before', 'first', 'middle', 'last', 'after'] },
  ])('R15: the access history over $period lists exactly that client\'s records of those whole days (UTC)', ({ from, to, ids }) => {
    const { value, puts } = expectAccepted(history(from, to));
    expect(value.map((e) => e.id)).toEqual(ids);
    expect(puts).toEqual([]);
  });

  it('R15: a period that ends before it starts is refused (period-invalid)', () => {
    expectRefused(history('2025-03-31', '2025-03-01'), 'period-invalid');
  });

  it.each([
    { why: 'an unknown client', c: undefined },
    { why: 'a client the organisation cannot see', c: otherClient },
  ])('R15: the access history of $why is refused (not-found)', ({ c }) => {
    expectRefused(decide.accessHistory(assistant, makeEnv(), cmd('accessHistory', { clientId: 'c-x', from: '2025-01-01', to: '2025-12-31' }), { client: c, events }), 'not-found');
  });
});

describe('R17 first message goes to a shared inbox', () => {
  const suggest = (orgId: string, inboxes: SharedInbox[] = allInboxes, network = aNetwork()) =>
    decide.suggestRecipients(assistant, makeEnv(), cmd('suggestRecipients', { networkId: network.id, orgId }), { network, inboxes });

  it('R17: writing to an organisation not yet in the network proposes its primary shared inbox, and lists its inboxes', () => {
    const { value, puts } = expectAccepted(suggest(org.neighbourhood.id));
    expect(value).toEqual({ proposedInboxId: inbox.neighbourhood.id, inboxes: [inbox.neighbourhood] });
    expect(puts).toEqual([]);
  });

  it('R17: the primary inbox comes first, then the others by name', () => {
    const extra: SharedInbox = { ...inbox.neighbourhood, id: 'inbox-a', name: 'Aanmeldingen', primary: false };
    const { value } = expectAccepted(suggest(org.neighbourhood.id, [extra, ...allInboxes]));
    expect(value.proposedInboxId).toBe(inbox.neighbourhood.id);
    expect(value.inboxes.map((i) => i.id)).toEqual([inbox.neighbourhood.id, 'inbox-a']);
  });

  it('R17: without a primary inbox, the first by name is proposed', () => {
    const inboxes = [inbox.poh, inbox.assistants].map((i) => ({ ...i, primary: false }));
    const { value } = expectAccepted(decide.suggestRecipients(nurse, makeEnv(), cmd('suggestRecipients', { networkId: 'net-1', orgId: org.gp.id }), {
      network: aNetwork({ orgIds: [org.homecare.id] }), inboxes,
    }));
    expect(value.proposedInboxId).toBe(inbox.assistants.id);
  });

  it('R17: for an organisation already in the network nothing is proposed: its people are known', () => {
    const { value } = expectAccepted(suggest(org.homecare.id));
    expect(value).toEqual({ proposedInboxId: null, inboxes: [inbox.district] });
  });

  it('R17: an organisation without shared inboxes gets no proposal', () => {
    const { value } = expectAccepted(suggest(org.region.id));
    expect(value).toEqual({ proposedInboxId: null, inboxes: [] });
  });

  it('R17: suggestions for a network the organisation does not take part in are refused (not-found)', () => {
    expectRefused(suggest(org.neighbourhood.id, allInboxes, aNetwork({ orgIds: [org.homecare.id] })), 'not-found');
    expectRefused(decide.suggestRecipients(assistant, makeEnv(), cmd('suggestRecipients', { networkId: 'net-x', orgId: org.gp.id }), { inboxes: allInboxes }), 'not-found');
  });
});

describe('adminHistory', () => {
  const period = cmd('adminHistory', { orgId: org.gp.id, from: '2025-03-01', to: '2025-03-31' });
  const record = (over: Partial<AuditEvent>): AuditEvent => AuditEvent.parse({
    id: `a-${Math.random().toString(36).slice(2)}`, at: '2025-03-10T09:00:00.000Z', event: 'create', action: 'createAccount', outcome: 'success',
    userId: people.gpManager.id, responsibleUserId: people.gpManager.id, role: 'manager', orgId: org.gp.id,
    objectType: 'account', objectId: 'p-nieuw', source: 'sidepanel', emergency: false, ...over,
  });
  const created = record({});
  const deactivated = record({ action: 'deactivateAccount', event: 'update', at: '2025-03-31T23:59:59.999Z' });
  const clientRead = record({ event: 'read', action: 'readClient', objectType: 'client', objectId: client.id, clientId: client.id });
  const before = record({ at: '2025-02-28T23:59:59.999Z' });
  const events = [deactivated, clientRead, created, before];

  it("R15: the account manager lists the organisation's administrative changes of the period (who, what, whom, when), not the client records", () => {
    const { value, puts } = expectAccepted(decide.adminHistory(actorOf(people.gpManager), makeEnv(), period, { org: org.gp, events }));
    expect(value.events).toEqual([deactivated, created]);
    expect(value.complete).toBe(true);
    expect(puts).toEqual([]);
  });

  it("R15: the regional administrator lists any organisation's", () => {
    const { value } = expectAccepted(decide.adminHistory(actorOf(people.regionalAdmin), makeEnv(), period, { org: org.gp, events }));
    expect(value.events).toEqual([deactivated, created]);
  });

  it("R15: another organisation's account manager is told nothing (not-found); a colleague without the role is refused", () => {
    expectRefused(decide.adminHistory(actorOf(people.homecareManager), makeEnv(), period, { org: org.gp, events }), 'not-found');
    expectRefused(decide.adminHistory(actorOf(people.gpManager), makeEnv(), period, { org: undefined, events: [] }), 'not-found');
    expectRefused(decide.adminHistory(actorOf(people.gp), makeEnv(), period, { org: org.gp, events }), 'account-manager-only');
  });

  it('R15: a period that ends before it starts is refused (period-invalid)', () => {
    const backwards = cmd('adminHistory', { orgId: org.gp.id, from: '2025-03-31', to: '2025-03-01' });
    expectRefused(decide.adminHistory(actorOf(people.gpManager), makeEnv(), backwards, { org: org.gp, events }), 'period-invalid');
  });

  it('R15: a period with more records than one read takes says it is incomplete', () => {
    const many = Array.from({ length: ADMIN_HISTORY_SCAN }, () => clientRead);
    expect(expectAccepted(decide.adminHistory(actorOf(people.gpManager), makeEnv(), period, { org: org.gp, events: many })).value.complete).toBe(false);
  });
});
