import type { AuditEvent } from './audit';
import type { Client, Network } from './care';
import { readsAdminHistory } from './capabilities';
import type { Conversation } from './conversation';
import { readAccess } from './decide/access';
import { audit, put, type Actor, type Env, type Put } from './kernel';

/**
 * Who reads through the record API (FHIR): a signed-in person, who sees what
 * they may see in the app, or a system of an organisation (its record system,
 * by SMART Backend Services), which sees what its organisation takes part in.
 */
export type RecordReader =
  | { kind: 'person'; actor: Actor }
  | { kind: 'system'; system: SystemClient };

/** A system registered by an organisation, with the scopes its token was given. */
export interface SystemClient {
  /** The registered client id. */
  id: string;
  orgId: string;
  scopes: readonly string[];
}

export const readerOrgId = (r: RecordReader) => (r.kind === 'person' ? r.actor.org.id : r.system.orgId);

/** R12 is the session's, R8/R13 are below: deny by default to every organisation not involved. */
export const mayReadClient = (r: RecordReader, c: Pick<Client, 'orgIds'>) => c.orgIds.includes(readerOrgId(r));
export const mayReadNetwork = (r: RecordReader, n: Pick<Network, 'orgIds'>) => n.orgIds.includes(readerOrgId(r));

/**
 * R8, R13: a conversation's messages. A person reads them as in the app (a participant with a care role;
 * the emergency step is the app's, never the record API's). A system reads those of conversations its
 * organisation takes part in: one of its people, or one of its shared inboxes, is in it.
 */
export function mayReadConversation(
  r: RecordReader, conv: Conversation, network: Network, organisationsInIt: readonly string[],
): boolean {
  if (r.kind === 'person') {
    const access = readAccess(r.actor, conv, network, undefined);
    return 'emergency' in access && !access.emergency;
  }
  return mayReadNetwork(r, network) && organisationsInIt.includes(r.system.orgId);
}

/**
 * R15: audit records. Those of a client's data are the client's access history, for the organisations
 * that may see the client; administrative ones (no client) for the account manager of that organisation
 * and the regional administrator, and for the organisation's own systems.
 */
export function mayReadAuditRecord(r: RecordReader, e: Pick<AuditEvent, 'orgId' | 'clientId'>, client: Pick<Client, 'orgIds'> | undefined): boolean {
  if (e.clientId !== undefined) return !!client && mayReadClient(r, client);
  return r.kind === 'person' ? readsAdminHistory(r.actor.professional, e.orgId) : e.orgId === r.system.orgId;
}

export type RecordInteraction = 'read' | 'search';

/**
 * SMART scopes, v2 (`system/Communication.rs`) and v1 (`system/Communication.read`), `*` for every type.
 * A person's token is not scoped: what they may see is the rules above.
 */
export function scopeAllows(r: RecordReader, resourceType: string, interaction: RecordInteraction): boolean {
  if (r.kind === 'person') return true;
  const letter = interaction === 'read' ? 'r' : 's';
  return r.system.scopes.some((scope) => {
    const m = /^system\/([A-Za-z]+|\*)\.(read|\*|[cruds]+)$/.exec(scope);
    if (!m || (m[1] !== '*' && m[1] !== resourceType)) return false;
    return m[2] === 'read' || m[2] === '*' || m[2]!.includes(letter);
  });
}

/** The scopes a system may be given: read and search only, the record API changes nothing. */
export const isReadScope = (scope: string) => /^system\/([A-Za-z]+|\*)\.(read|rs|r|s)$/.test(scope);

/**
 * R15: every read through the record API is an audit record: a person's as their own reads are, a
 * system's under the system's id, role `system`, for its organisation, from source `fhir`.
 */
export function recordReadAudit(r: RecordReader, env: Env, facts: { clientId?: string; objectType: AuditEvent['objectType']; objectId: string; action: string }): Put {
  if (r.kind === 'person') {
    const actor = { ...r.actor, source: 'fhir' as const };
    return facts.clientId !== undefined
      ? audit(actor, env, { event: 'read', clientId: facts.clientId, action: facts.action, objectType: facts.objectType, objectId: facts.objectId })
      : put('audit', {
        id: env.newId(), at: env.now, event: 'read', action: facts.action, outcome: 'success',
        userId: actor.professional.id, responsibleUserId: actor.professional.id, role: actor.professional.role,
        orgId: actor.org.id, objectType: facts.objectType, objectId: facts.objectId, source: 'fhir', emergency: false,
      });
  }
  const who = systemUserId(r.system);
  return put('audit', {
    id: env.newId(), at: env.now, event: 'read', action: facts.action, outcome: 'success',
    userId: who, responsibleUserId: who, role: 'system', orgId: r.system.orgId,
    ...(facts.clientId !== undefined ? { clientId: facts.clientId } : {}),
    objectType: facts.objectType, objectId: facts.objectId, source: 'fhir', emergency: false,
  });
}

/** A system's name in audit records: never confused with a person's id. */
export const systemUserId = (s: Pick<SystemClient, 'id'>) => `system:${s.id}`;
