/**
 * What must hold after every command, whatever came before. Each check gets
 * the call, its result and every record before and after it, and throws
 * when the invariant is broken.
 */
import { expect } from 'vitest';
import type { Result } from '../../../lib/contract/result';
import { AuditEvent, type Consent, type Conversation, type Professional } from '../../../lib/domain';
import type { Records } from '../../fixtures/domain-region';
import type { Call } from './steps';

export interface StepFacts {
  call: Call;
  result: Result<unknown>;
  before: Records;
  after: Records;
  /** The service's clock for this call. */
  now: string;
}
export type Invariant = (f: StepFacts) => void;

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
const added = <T extends { id: string }>(before: readonly T[], after: readonly T[]) => {
  const old = byId(before);
  return after.filter((x) => !old.has(x.id));
};
const activeAt = (consents: readonly Consent[], clientId: string, at: string) =>
  consents.some((c) => c.clientId === clientId && c.recordedAt <= at && (!c.withdrawnAt || c.withdrawnAt > at));

/** A refused command changed nothing at all. */
export const refusedChangesNothing: Invariant = ({ result, before, after }) => {
  if (result.ok) return;
  // R15: the record of a refused attempt on client data is all a refusal writes (auditedOnce counts it).
  const refusals = new Set(added(before.audit, after.audit).filter((a) => a.outcome === 'refused').map((a) => a.id));
  const rest = { ...after, audit: after.audit.filter((a) => !refusals.has(a.id)) };
  expect(JSON.stringify(rest)).toBe(JSON.stringify(before));
};

/** R15: the reads of client data whose refusals are audited, and the refusals that count (not bad input, not R12). */
const AUDITED_REFUSALS = new Set(['readClient', 'readNetwork', 'readConversation']);
const AUDITED_CODES = new Set(['not-found', 'contents-restricted']);

/** R1: every network in the store was created while its client had an active consent. */
export const consentFirst: Invariant = ({ before, after }) => {
  for (const n of added(before.networks, after.networks)) {
    expect(before.consents.some((c) => c.clientId === n.clientId && c.status === 'active'), `network ${n.id} without active consent`).toBe(true);
  }
  for (const n of after.networks) expect(activeAt(after.consents, n.clientId, n.createdAt), `network ${n.id}`).toBe(true);
};

/** R14: every team has exactly one contact person, and it is an active member of that team. */
export const teamKeepsActiveContact: Invariant = ({ after }) => {
  for (const t of after.teams) {
    const contact = after.professionals.find((p) => p.id === t.contactPersonId);
    expect(contact?.active && contact.orgId === t.orgId && contact.teamIds.includes(t.id), `team ${t.id}: contact ${t.contactPersonId}`).toBe(true);
  }
};

/**
 * R8: participants via a shared inbox are exactly its active members when it
 * was added (those not taking part already); nobody joins a conversation
 * later by joining an inbox, and nobody is ever removed or rewritten.
 */
export const inboxSnapshot: Invariant = ({ before, after }) => {
  const people = byId<Professional>(before.professionals);
  const inboxes = byId(before.inboxes);
  const old = byId<Conversation>(before.conversations);
  for (const c of after.conversations) {
    const prev = old.get(c.id);
    const prevParticipants = prev?.participants ?? [];
    expect(c.participants.slice(0, prevParticipants.length)).toEqual(prevParticipants);
    const newInboxes = c.inboxes.filter((i) => !prev?.inboxes.some((p) => p.inboxId === i.inboxId));
    const newcomers = c.participants.slice(prevParticipants.length);
    const ids = c.participants.map((p) => p.id);
    expect(new Set(ids).size, `a participant twice in ${c.id}`).toBe(ids.length);
    for (const entry of newInboxes) {
      const members = inboxes.get(entry.inboxId)!.memberIds.filter((id) => people.get(id)?.active);
      const via = newcomers.filter((p) => p.viaInboxId === entry.inboxId).map((p) => p.id);
      // Members who took part already (or came in by name, or via another inbox added at once) keep that; the rest join via this inbox.
      const alreadyIn = new Set([...prevParticipants, ...newcomers.filter((p) => p.viaInboxId !== entry.inboxId)].map((p) => p.id));
      expect(via.sort(), `participants of ${c.id} via ${entry.inboxId}`).toEqual(members.filter((id) => !alreadyIn.has(id)).sort());
      for (const id of members) expect(ids, `member ${id} of ${entry.inboxId} missing in ${c.id}`).toContain(id);
    }
    // Without a new inbox or an explicit addition, nobody joins via an inbox.
    const unexplained = newcomers.filter((p) => p.viaInboxId && !newInboxes.some((i) => i.inboxId === p.viaInboxId));
    expect(unexplained).toEqual([]);
  }
};

/** R3: nothing new (message, participant) enters a conversation of a read-only network. */
export const readOnlyStaysClosed: Invariant = ({ before, after }) => {
  const networks = byId(before.networks);
  const conversations = byId(before.conversations);
  for (const m of added(before.messages, after.messages)) {
    const c = conversations.get(m.conversationId) ?? after.conversations.find((x) => x.id === m.conversationId)!;
    expect(networks.get(c.networkId)?.status, `message ${m.id} in a read-only network`).toBe('open');
  }
  for (const c of after.conversations) {
    const prev = conversations.get(c.id);
    if (prev && networks.get(c.networkId)?.status === 'readOnly') expect(c.participants).toEqual(prev.participants);
  }
  for (const n of before.networks) if (n.status === 'readOnly') expect(after.networks.find((x) => x.id === n.id)?.status).toBe('readOnly');
};

/** R10: a conversation with a new message is out of the archive in every list that has it. */
export const newMessageUnarchives: Invariant = ({ before, after }) => {
  const touched = new Set(added(before.messages, after.messages).map((m) => m.conversationId));
  for (const row of after.inboxItems) {
    if (touched.has(row.conversationId)) expect(row.archived, `row ${row.id} stayed archived`).toBe(0);
  }
};

/** R7, R12: a stored message is never changed, moved or removed: history stays whole and keeps its authors' names. */
export const messagesAreKept: Invariant = ({ before, after }) => {
  const now = byId(after.messages);
  for (const m of before.messages) expect(now.get(m.id), `message ${m.id}`).toEqual(m);
};

/** R15: how many audit records each successful command writes, as the decisions document it. */
export function expectedAudits({ call, result, before }: StepFacts): number {
  if (!result.ok) return AUDITED_REFUSALS.has(call.op) && AUDITED_CODES.has(result.code) ? 1 : 0;
  const input = call.input as Record<string, string>;
  switch (call.op) {
    case 'readClient': case 'readNetwork': case 'readConversation': case 'recordConsent': case 'createNetwork':
    case 'addParticipant': case 'archive': case 'linkPatientCard': case 'inviteToPortal': case 'markPortalActivated':
    case 'addResident': case 'requestHandover':
      return 1;
    // Administrative changes are audit records too (R15).
    case 'updateSharedInbox': case 'deactivateAccount': case 'setContactPerson':
      return 1;
    case 'startConversation':
      return 2;
    case 'postMessage':
      return before.messages.some((m) => m.id === input.messageId) ? 0 : 1;
    case 'withdrawConsent':
      return before.consents.filter((c) => c.clientId === input.clientId && c.status === 'active').length
        + before.networks.filter((n) => n.clientId === input.clientId && n.status === 'open').length;
    case 'publishConsentText':
      return 0;
  }
}

/** R15: exactly the documented audit records (a refused read of client data has one too), appended, by the actor, now, valid, and never with message text. */
export const auditedOnce: Invariant = (f) => {
  const { call, before, after, now } = f;
  const kept = byId(after.audit);
  for (const a of before.audit) expect(kept.get(a.id), `audit record ${a.id} changed`).toEqual(a);
  const fresh = added(before.audit, after.audit);
  expect(fresh.length, `${call.op} wrote ${fresh.length} audit records`).toBe(expectedAudits(f));
  for (const a of fresh) {
    expect(AuditEvent.parse(a)).toMatchObject({ userId: call.as, responsibleUserId: call.as, at: now, outcome: f.result.ok ? 'success' : 'refused' });
  }
  const audit = JSON.stringify(after.audit);
  for (const m of after.messages) expect(audit.includes(m.text), `audit holds the text of ${m.id}`).toBe(false);
};
