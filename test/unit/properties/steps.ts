/**
 * Random commands by random actors, as fast-check data. A step holds only
 * numbers and flags; it becomes a concrete call against the records stored
 * at that moment (the n-th network, a participant of the n-th conversation…),
 * so sequences reach deep states instead of failing on unknown ids.
 */
import fc from 'fast-check';
import type { OpInput, OpName } from '../../../lib/contract/operations';
import type { Conversation, Professional } from '../../../lib/domain';
import type { Records } from '../../fixtures/domain-region';

export const WEIGHTS = {
  recordConsent: 2, withdrawConsent: 1, createNetwork: 2, startConversation: 3, addParticipant: 3, postMessage: 4, archive: 3,
  readClient: 1, readNetwork: 1, readConversation: 2, updateSharedInbox: 2, deactivateAccount: 1, setContactPerson: 1, publishConsentText: 1,
  linkPatientCard: 1, inviteToPortal: 1, markPortalActivated: 1, addResident: 1, requestHandover: 1,
} as const satisfies Partial<Record<OpName, number>>;
export type Kind = keyof typeof WEIGHTS;

export interface Step {
  kind: Kind;
  /** Act as someone who plausibly may (a participant, a member of a taking-part organisation, the account manager). */
  insider: boolean;
  who: number;
  a: number;
  b: number;
  flag: boolean;
  words: string;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.oneof(...Object.entries(WEIGHTS).map(([k, weight]) => ({ arbitrary: fc.constant(k as Kind), weight }))),
  // Mostly insiders, so sequences get somewhere; outsiders check the refusals.
  insider: fc.nat(3).map((n) => n > 0),
  who: fc.nat(40),
  a: fc.nat(40),
  b: fc.nat(255),
  flag: fc.boolean(),
  words: fc.string({ maxLength: 24 }),
});

export interface Call { as: string; op: Kind; input: OpInput<Kind> }

const at = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(list.length, 1)];
const subset = <T>(list: readonly T[], mask: number, max: number) => list.filter((_, i) => mask & (1 << i)).slice(0, max);

/** Turns a step into one call, given everything stored now. `seq` makes message ids and texts unique. */
export function resolve(step: Step, r: Records, seq: number): Call {
  const people = r.professionals;
  const anyone = at(people, step.who)!.id;
  const choose = (insiders: readonly Professional[] | readonly string[]) => {
    const ids = insiders.map((p) => (typeof p === 'string' ? p : p.id));
    return step.insider && ids.length ? at(ids, step.who)! : anyone;
  };
  const ofOrgs = (orgIds: readonly string[]) => people.filter((p) => orgIds.includes(p.orgId) && p.active);
  const professionalsIn = (c: Conversation) => c.participants.filter((p) => p.kind === 'professional').map((p) => p.id);
  const client = at(r.clients, step.a)!;
  const network = at(r.networks, step.a);
  const conv = at(r.conversations, step.a);
  const networkId = network?.id ?? 'net-none';
  const conversationId = conv?.id ?? 'conv-none';
  const text = `Bericht ${seq} over de zorg ${step.words}`;
  // Now and then a message sent before, to exercise replays (same text) and conflicts (another conversation).
  const earlier = step.flag && step.b % 4 === 0 ? at(r.messages, step.b) : undefined;
  const messageId = earlier?.id ?? `msg-${seq}`;
  const call = <K extends Kind>(as: string, op: K, input: OpInput<K>): Call => ({ as, op, input: input as OpInput<Kind> });

  switch (step.kind) {
    case 'recordConsent': {
      const current = [...r.consentTexts].sort((x, y) => y.version - x.version)[0]!;
      const textId = step.flag || step.b % 5 ? current.id : 'consent-text-v1';
      return call(choose(ofOrgs(client.orgIds)), 'recordConsent', { clientId: client.id, textId, givenBy: { kind: 'client' }, method: 'verbal' });
    }
    case 'withdrawConsent':
      return call(choose(ofOrgs(client.orgIds)), 'withdrawConsent', { clientId: client.id });
    case 'createNetwork':
      return call(choose(ofOrgs(client.orgIds)), 'createNetwork', { clientId: client.id });
    case 'readClient':
      return call(choose(ofOrgs(client.orgIds)), 'readClient', { clientId: client.id });
    case 'startConversation':
      return call(choose(ofOrgs(network?.orgIds ?? [])), 'startConversation', {
        networkId, subject: `Onderwerp ${seq}`, inboxIds: subset(r.inboxes, step.b, 2).map((i) => i.id),
        professionalIds: subset(people, step.b >> 4, 1).map((p) => p.id), messageId, text,
      });
    case 'readNetwork':
      return call(choose(ofOrgs(network?.orgIds ?? [])), 'readNetwork', { networkId });
    case 'linkPatientCard':
      return call(choose(ofOrgs(network?.orgIds ?? [])), 'linkPatientCard', { networkId, system: 'HIS', patientRef: `P-${seq}` });
    case 'inviteToPortal':
      return call(choose(ofOrgs(network?.orgIds ?? [])), 'inviteToPortal', { networkId });
    case 'markPortalActivated':
      return call(choose(ofOrgs(network?.orgIds ?? [])), 'markPortalActivated', { networkId });
    case 'addParticipant': {
      const as = choose(conv ? professionalsIn(conv) : []);
      return step.flag
        ? call(as, 'addParticipant', { conversationId, inboxId: at(r.inboxes, step.b)!.id })
        : call(as, 'addParticipant', { conversationId, professionalId: at(people, step.b)!.id });
    }
    case 'postMessage':
      return earlier
        ? call(step.insider ? earlier.authorId : anyone, 'postMessage', { conversationId: earlier.conversationId, messageId, text: earlier.text })
        : call(choose(conv ? professionalsIn(conv) : []), 'postMessage', { conversationId, messageId, text });
    case 'archive': {
      // One of the lists the actor has this conversation in (an insider has at least one).
      const as = choose(conv ? professionalsIn(conv) : []);
      const vias = r.inboxItems.filter((i) => i.conversationId === conversationId && i.ownerId === as).map((i) => i.via);
      return call(as, 'archive', { conversationId, via: at(vias, step.b) ?? '', archived: step.flag || step.b % 3 > 0 });
    }
    case 'readConversation':
      return call(choose(conv ? professionalsIn(conv) : []), 'readConversation', {
        conversationId, emergencyReason: step.flag ? 'Melding van de functionaris gegevensbescherming.' : undefined,
      });
    case 'addResident':
      return call(choose(conv ? professionalsIn(conv) : []), 'addResident', { conversationId });
    case 'requestHandover': {
      // R18: home care asks the practice; its insiders are the conversation's participants outside the practice.
      const inboxId = at(conv?.inboxes ?? [], step.b)?.inboxId ?? 'inbox-assistentes';
      const gp = new Set(r.organisations.filter((o) => o.kind === 'gp').map((o) => o.id));
      const outside = conv ? professionalsIn(conv).filter((id) => !gp.has(people.find((p) => p.id === id)?.orgId ?? '')) : [];
      return call(choose(outside), 'requestHandover', { networkId: conv?.networkId ?? networkId, conversationId, inboxId });
    }
    case 'updateSharedInbox': {
      const inbox = at(r.inboxes, step.a)!;
      const team = people.filter((p) => p.teamIds.includes(inbox.teamId));
      const managers = people.filter((p) => p.orgId === inbox.orgId && p.isAccountManager);
      return call(choose(managers), 'updateSharedInbox', { inboxId: inbox.id, memberIds: subset(team, step.b, 4).map((p) => p.id) });
    }
    case 'deactivateAccount': {
      const target = at(people, step.b)!;
      const managers = people.filter((p) => p.orgId === target.orgId && p.isAccountManager);
      return call(choose(managers), 'deactivateAccount', { professionalId: target.id });
    }
    case 'setContactPerson': {
      // Moving a team's contact person is what lets that person be deactivated later (R14).
      const team = at(r.teams, step.a)!;
      const member = at(people.filter((p) => p.teamIds.includes(team.id)), step.b)?.id ?? anyone;
      const managers = people.filter((p) => p.orgId === team.orgId && p.isAccountManager);
      return call(choose(managers), 'setContactPerson', { teamId: team.id, professionalId: member });
    }
    case 'publishConsentText':
      return call(choose(people.filter((p) => p.isRegionalAdmin)), 'publishConsentText', { text: `Toestemmingstekst, versie van stap ${seq}.` });
  }
}
