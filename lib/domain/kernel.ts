import type { Attachment } from './attachment';
import type { AuditEvent } from './audit';
import type { Source } from './base';
import type { Client, Consent, ConsentText, Network } from './care';
import type { Conversation, InboxItem, Message } from './conversation';
import type { Organisation, Professional, SharedInbox, Team } from './organisation';
import type { ExportMark } from './record-export';
import type { RefusalCode } from './refusals';

/** Everything the domain can ask an adapter to store, by store name. */
export interface Entities {
  organisations: Organisation;
  teams: Team;
  professionals: Professional;
  inboxes: SharedInbox;
  clients: Client;
  consentTexts: ConsentText;
  consents: Consent;
  networks: Network;
  conversations: Conversation;
  messages: Message;
  inboxItems: InboxItem;
  audit: AuditEvent;
  attachments: Attachment;
  exportMarks: ExportMark;
}
export type StoreName = keyof Entities;

/** One write: store this value under its id (insert or replace). */
export type Put = { [K in StoreName]: { store: K; value: Entities[K] } }[StoreName];

/**
 * What a decision asks of the adapter beyond storing records, each the
 * consequence of a rule: the adapter that has the matter acts on it (the
 * server keeps sessions and mail; training mode has neither).
 */
export type Effect =
  /** R15: this session has opened the conversation; its live refreshes are not new reads. */
  | { kind: 'opened'; conversationId: string }
  /** R12: a deactivated account is signed out everywhere at once. */
  | { kind: 'signedOutEverywhere'; professionalId: string }
  /** R13: a new account is activated by its owner alone, through their own organisational mailbox. */
  | { kind: 'accountCreated'; professionalId: string; orgId: string; name: string; email: string; orgName: string };

/**
 * A refused call. `audit` is the record of the refusal itself (R15, `outcome: 'refused'`), for attempts
 * on client data: the only thing a refusal ever writes.
 */
export type Refusal = { ok: false; code: RefusalCode; detail?: string; audit?: Put[] };
export type Decision<T> = { ok: true; value: T; puts: Put[]; effects?: Effect[] } | Refusal;

/** Who acts, as the adapter established it (session or training switch). */
export interface Actor {
  professional: Professional;
  org: Organisation;
  source: Source;
}

/** Time and identity come from outside so decisions are deterministic. */
export interface Env {
  now: string;
  newId: () => string;
  /** The instant one millisecond after this one (the clock's arithmetic, also from outside). */
  justAfter: (instant: string) => string;
}

export const refuse = (code: RefusalCode, detail?: string): Refusal => ({ ok: false, code, detail });
export const accept = <T>(value: T, puts: Put[], effects?: Effect[]): Decision<T> =>
  effects?.length ? { ok: true, value, puts, effects } : { ok: true, value, puts };
export const put = <K extends StoreName>(store: K, value: Entities[K]): Put => ({ store, value }) as Put;

type AuditFacts = Pick<AuditEvent, 'event' | 'action' | 'objectType' | 'objectId'> & {
  clientId?: string;
  emergency?: boolean;
  reason?: string;
  outcome?: AuditEvent['outcome'];
};

/** R15: the audit record for one read or change of a client's data, filled from the actor. */
export function audit(actor: Actor, env: Env, facts: AuditFacts & { clientId: string }): Put {
  return auditRecord(actor, env, facts);
}

/**
 * R15: a refused attempt on client data, refused and audited as such. The record names what was asked
 * for (the caller's own input), never the client it may have found: the prober learns nothing, and the
 * organisation's audit log shows who tried what.
 */
export function refuseAudited(code: RefusalCode, actor: Actor, env: Env, facts: Pick<AuditEvent, 'event' | 'action' | 'objectType' | 'objectId'>): Refusal {
  return { ok: false, code, audit: [auditRecord(actor, env, { ...facts, outcome: 'refused' })] };
}

/** R15: the audit record of an administrative change (accounts, inbox membership, sign-in policy): no client. */
export function adminAudit(actor: Actor, env: Env, facts: Omit<AuditFacts, 'clientId' | 'emergency' | 'reason'>): Put {
  return auditRecord(actor, env, facts);
}

function auditRecord(actor: Actor, env: Env, facts: AuditFacts): Put {
  const event: AuditEvent = {
    id: env.newId(),
    at: env.now,
    userId: actor.professional.id,
    responsibleUserId: actor.professional.id,
    role: actor.professional.role,
    orgId: actor.org.id,
    source: actor.source,
    ...facts,
    outcome: facts.outcome ?? 'success',
    emergency: facts.emergency ?? false,
  };
  return put('audit', event);
}

/**
 * R12: a deactivated account can do nothing at all. Every operation's
 * decision is taken through this, once, so no decision repeats the check.
 */
export function decideAs<T>(actor: Actor, decision: () => Decision<T>): Decision<T> {
  return actor.professional.active ? decision() : refuse('account-inactive');
}

/** Deny by default: only organisations taking part in a network see it. */
export const canSeeNetwork = (actor: Actor, n: Network) => n.orgIds.includes(actor.org.id);
export const canSeeClient = (actor: Actor, c: Client) => c.orgIds.includes(actor.org.id);

export const addUnique = (list: readonly string[], ...items: string[]) => [...new Set([...list, ...items])];
