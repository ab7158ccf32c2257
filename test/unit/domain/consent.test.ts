import { describe, expect, it } from 'vitest';
import { decide, type ConsentGiver } from '../../../lib/domain';
import {
  aConsent, actorOf, aNetwork, auditsOf, client, cmd, consentText, consentTextV2, expectAccepted, expectRefused, makeEnv, NOW,
  org, otherClient, people, putsTo,
} from '../../fixtures/domain';

const assistant = actorOf(people.assistant);
const nurse = actorOf(people.nurse);

describe('createClient', () => {
  const input = cmd('createClient', { name: 'Piet Nieuw', birthDate: '1950-01-01', bsn: '999999990', carer: { name: 'Ria Nieuw', relation: 'dochter' } });

  it('registers the client for the own organisation only and audits the creation (R15)', () => {
    const { value, puts } = expectAccepted(decide.createClient(nurse, makeEnv(), input, { sameBsn: [] }));
    expect(value).toMatchObject({ name: 'Piet Nieuw', bsn: '999999990', carer: { name: 'Ria Nieuw', relation: 'dochter' }, orgIds: [org.homecare.id], createdAt: NOW });
    expect(putsTo(puts, 'clients')).toEqual([value]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'create', objectType: 'client', clientId: value.id, objectId: value.id }]);
  });

  it('refuses a second client with the same BSN in the organisation (client-exists)', () => {
    expectRefused(decide.createClient(assistant, makeEnv(), input, { sameBsn: [client] }), 'client-exists');
  });

  it('a BSN known only to other organisations is not told apart from an unknown one: the organisation gets its own client', () => {
    const { value } = expectAccepted(decide.createClient(assistant, makeEnv(), input, { sameBsn: [otherClient] }));
    expect(value).toMatchObject({ bsn: '999999990', orgIds: [org.gp.id] });
  });
});

describe('R2 consent text versions', () => {
  const text = cmd('publishConsentText', { text: 'Nieuwe standaardtekst voor toestemming.' });

  it.each([
    ['the first text', undefined, 1],
    ['after version 1', consentText, 2],
    ['after version 2', consentTextV2, 3],
  ])('R2: publishing %s makes the next version, with its hash and publisher', (_, current, version) => {
    const { value, puts } = expectAccepted(decide.publishConsentText(actorOf(people.regionalAdmin), makeEnv(), text, { texts: current ? [current] : [], hash: 'c'.repeat(64) }));
    expect(value).toMatchObject({ version, text: text.text, hash: 'c'.repeat(64), publishedBy: people.regionalAdmin.id, publishedAt: NOW });
    // A new version touches no earlier consent: it applies to new consents only.
    expect(puts.map((p) => p.store)).toEqual(['consentTexts']);
  });

  it.each([people.gpManager, people.assistant, people.homecareManager])('R2: $id is not a regional administrator and cannot publish (regional-admin-only)', (p) => {
    expectRefused(decide.publishConsentText(actorOf(p), makeEnv(), text, { texts: [consentText], hash: 'c'.repeat(64) }), 'regional-admin-only');
  });
});

describe('R2 recording consent', () => {
  const givers: [string, ConsentGiver][] = [
    ['the client', { kind: 'client' }],
    ['a carer, with name and relation', { kind: 'carer', name: 'Ria Jansen', relation: 'dochter' }],
  ];

  it.each(givers)('R2: consent given by %s keeps who gave it, how, who recorded it, when and the exact text', (_, givenBy) => {
    const input = cmd('recordConsent', { clientId: client.id, textId: consentText.id, givenBy, method: 'verbal' });
    const { value, puts } = expectAccepted(decide.recordConsent(assistant, makeEnv(), input, { client, texts: [consentText] }));
    expect(value).toEqual({
      id: 'id-1', clientId: client.id, givenBy, method: 'verbal', recordedBy: people.assistant.id, recordedByOrg: org.gp.id,
      recordedAt: NOW, textId: consentText.id, textVersion: 1, textHash: consentText.hash, status: 'active',
    });
    expect(putsTo(puts, 'consents')).toEqual([value]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'create', action: 'recordConsent', objectType: 'consent', objectId: value.id, clientId: client.id }]);
  });

  it.each([
    ['an older version than the current one', consentText.id, consentTextV2],
    ['a text id that does not exist', 'text-onbekend', consentTextV2],
    ['any text while none is published', consentText.id, undefined],
  ])('R2: consent on %s is refused (consent-text-outdated)', (_, textId, currentText) => {
    const input = cmd('recordConsent', { clientId: client.id, textId, givenBy: { kind: 'client' }, method: 'written' });
    expectRefused(decide.recordConsent(assistant, makeEnv(), input, { client, texts: currentText ? [currentText] : [] }), 'consent-text-outdated');
  });

  it('R2: after a new version, consent on the new text records version 2 and its hash', () => {
    const input = cmd('recordConsent', { clientId: client.id, textId: consentTextV2.id, givenBy: { kind: 'client' }, method: 'portal' });
    const { value } = expectAccepted(decide.recordConsent(assistant, makeEnv(), input, { client, texts: [consentTextV2] }));
    expect(value).toMatchObject({ textId: 'text-v2', textVersion: 2, textHash: consentTextV2.hash, method: 'portal' });
  });

  it.each([
    ['an unknown client', undefined],
    ['a client of organisations the actor does not belong to', otherClient],
  ])('R2: consent for %s is refused (not-found)', (_, c) => {
    const input = cmd('recordConsent', { clientId: 'c-x', textId: consentText.id, givenBy: { kind: 'client' }, method: 'verbal' });
    expectRefused(decide.recordConsent(assistant, makeEnv(), input, { client: c, texts: [consentText] }), 'not-found');
  });
});

describe('R3 withdrawing consent', () => {
  const withdraw = cmd('withdrawConsent', { clientId: client.id });

  it('R3: one action withdraws every active consent and makes every open network read-only', () => {
    const consents = [aConsent(), aConsent({ id: 'consent-2' }), aConsent({ id: 'consent-old', status: 'withdrawn', withdrawnAt: NOW })];
    const networks = [aNetwork(), aNetwork({ id: 'net-old', status: 'readOnly' })];
    const { value, puts } = expectAccepted(decide.withdrawConsent(nurse, makeEnv(), withdraw, { client, consents, networks }));
    expect(value).toEqual({ withdrawn: 2 });
    expect(putsTo(puts, 'consents')).toEqual([
      { ...consents[0], status: 'withdrawn', withdrawnAt: NOW, withdrawnBy: people.nurse.id },
      { ...consents[1], status: 'withdrawn', withdrawnAt: NOW, withdrawnBy: people.nurse.id },
    ]);
    expect(putsTo(puts, 'networks')).toEqual([{ ...networks[0], status: 'readOnly' }]);
    expect(auditsOf(puts).map((a) => [a.event, a.objectType, a.objectId])).toEqual([
      ['update', 'consent', 'consent-1'], ['update', 'consent', 'consent-2'], ['update', 'network', 'net-1'],
    ]);
  });

  it('R3: the history stays: withdrawing writes nothing to conversations, messages or lists', () => {
    const { puts } = expectAccepted(decide.withdrawConsent(nurse, makeEnv(), withdraw, { client, consents: [aConsent()], networks: [aNetwork()] }));
    expect([...new Set(puts.map((p) => p.store))].sort()).toEqual(['audit', 'consents', 'networks']);
  });

  it('R3: withdrawing when no consent is active is refused (consent-not-active)', () => {
    const consents = [aConsent({ status: 'withdrawn', withdrawnAt: NOW })];
    expectRefused(decide.withdrawConsent(nurse, makeEnv(), withdraw, { client, consents, networks: [] }), 'consent-not-active');
    expectRefused(decide.withdrawConsent(nurse, makeEnv(), withdraw, { client, consents: [], networks: [] }), 'consent-not-active');
  });

  it.each([['an unknown client', undefined], ['a client the organisation cannot see', otherClient]])(
    'R3: withdrawing for %s is refused (not-found)',
    (_, c) => {
      expectRefused(decide.withdrawConsent(nurse, makeEnv(), withdraw, { client: c, consents: [aConsent()], networks: [] }), 'not-found');
    },
  );
});

describe('R1 consent first', () => {
  const create = cmd('createNetwork', { clientId: client.id });

  it('R1: a network is created while the client has an active consent', () => {
    const { value, puts } = expectAccepted(decide.createNetwork(assistant, makeEnv(), create, { client, consents: [aConsent()], networks: [] }));
    expect(value).toMatchObject({ clientId: client.id, status: 'open', orgIds: [org.gp.id], createdBy: people.assistant.id, createdByOrg: org.gp.id, createdAt: NOW });
    expect(putsTo(puts, 'networks')).toEqual([value]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'create', action: 'createNetwork', objectType: 'network', objectId: value.id }]);
  });

  it.each([
    ['no consent was ever recorded', []],
    ['the only consent was withdrawn', [aConsent({ status: 'withdrawn', withdrawnAt: NOW })]],
  ])('R1: no network when %s (consent-required)', (_, consents) => {
    expectRefused(decide.createNetwork(assistant, makeEnv(), create, { client, consents, networks: [] }), 'consent-required');
  });

  it('R1: a client with an open network does not get a second one (network-exists)', () => {
    expectRefused(decide.createNetwork(assistant, makeEnv(), create, { client, consents: [aConsent()], networks: [aNetwork()] }), 'network-exists');
  });

  it('R1: after a withdrawal and a new consent, a new network is created beside the read-only one', () => {
    const consents = [aConsent({ status: 'withdrawn', withdrawnAt: NOW }), aConsent({ id: 'consent-2' })];
    expectAccepted(decide.createNetwork(assistant, makeEnv(), create, { client, consents, networks: [aNetwork({ status: 'readOnly' })] }));
  });

  it.each([['an unknown client', undefined], ['a client the organisation cannot see', otherClient]])(
    'R1: a network for %s is refused (not-found)',
    (_, c) => {
      expectRefused(decide.createNetwork(assistant, makeEnv(), create, { client: c, consents: [aConsent()], networks: [] }), 'not-found');
    },
  );

  it('R4: the consent step names who recorded the latest active consent and when; the network step the creator', () => {
    const consents = [
      aConsent({ id: 'c-old', recordedAt: '2025-01-01T08:00:00.000Z', recordedBy: people.gp.id }),
      aConsent({ id: 'c-new', recordedAt: '2025-02-01T08:00:00.000Z', recordedBy: people.nurse.id, recordedByOrg: org.homecare.id }),
    ];
    const { value } = expectAccepted(decide.createNetwork(assistant, makeEnv(), create, {
      client, consents, networks: [], recorder: people.nurse, recorderOrg: org.homecare,
    }));
    expect(value.steps).toEqual({
      consent: { by: people.nurse.id, byName: people.nurse.name, orgName: org.homecare.name, at: '2025-02-01T08:00:00.000Z' },
      network: { by: people.assistant.id, byName: people.assistant.name, orgName: org.gp.name, at: NOW },
    });
  });

  it.each([
    { p: people.assistant, initiator: 'gp' },
    { p: people.gp, initiator: 'gp' },
    { p: people.nurse, initiator: 'homecare' },
    { p: people.caregiver, initiator: 'homecare' },
  ] as const)('R4: a network created by $p.id records the initiator $initiator', ({ p, initiator }) => {
    const { value } = expectAccepted(decide.createNetwork(actorOf(p), makeEnv(), create, { client, consents: [aConsent()], networks: [] }));
    expect(value.initiator).toBe(initiator);
  });
});
