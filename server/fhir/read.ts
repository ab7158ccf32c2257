import type { Resource } from '@medplum/fhirtypes';
import {
  mayReadAuditRecord, mayReadClient, mayReadConversation, mayReadNetwork, recordReadAudit,
  type AuditEvent, type AuditObject, type Client, type Conversation, type Env, type Message, type Network, type Put, type RecordReader,
} from '../../lib/domain';
import type { Tx } from '../../lib/service/store';
import {
  toAuditEvent, toCareTeam, toCommunication, toConsent, toOrganization, toPatient, toPractitionerRole, toTask, toThread, type Directory,
} from './resources';

/** A position in a result sorted by (instant, id): the keyset a `next` link carries. */
export interface Cursor { at: string; id: string }

export interface Page { resources: Resource[]; next?: Cursor }

/** What a read needs beside the transaction: who reads, the region's names, the clock, and the audit records it writes (R15). */
export interface ReadContext {
  tx: Pick<Tx, 'get' | 'query' | 'all'>;
  reader: RecordReader;
  dir: Directory;
  env: Env;
  baseUrl: string;
  audits: Put[];
}

const AUDITED_AS: Record<string, AuditObject> = {
  Patient: 'client', Consent: 'consent', CareTeam: 'network', Communication: 'message', Task: 'handover',
  AuditEvent: 'auditRecord', Organization: 'organisation', PractitionerRole: 'account',
};

/** R15: one record per read of a resource, and per client of a search page. */
function audited(rc: ReadContext, type: string, interaction: 'read' | 'search', objectId: string, clientId?: string) {
  rc.audits.push(recordReadAudit(rc.reader, rc.env, { action: `fhir.${interaction}.${type}`, objectType: AUDITED_AS[type]!, objectId, ...(clientId !== undefined ? { clientId } : {}) }));
}

/** The organisations in a conversation: its people's and its shared inboxes' (R8). */
function organisationsIn(rc: ReadContext, conv: Conversation): string[] {
  return [
    ...conv.participants.map((p) => rc.dir.professionals.get(p.id)?.orgId),
    ...conv.inboxes.map((i) => rc.dir.inboxes.get(i.inboxId)?.orgId),
  ].filter((x): x is string => !!x);
}

async function visibleConversation(rc: ReadContext, conversationId: string): Promise<{ conv: Conversation; network: Network; client: Client } | undefined> {
  const conv = await rc.tx.get('conversations', conversationId);
  if (!conv) return undefined;
  const network = await rc.tx.get('networks', conv.networkId);
  const client = await rc.tx.get('clients', conv.clientId);
  if (!network || !client || !mayReadConversation(rc.reader, conv, network, organisationsIn(rc, conv))) return undefined;
  return { conv, network, client };
}

const previousOf = async (rc: ReadContext, m: Pick<Message, 'conversationId' | 'createdAt' | 'id'>) =>
  (await rc.tx.query('messages', 'byConversation', { equals: [m.conversationId], upper: [m.createdAt, m.id], reverse: true, limit: 1 }))[0];

/** The people of a network's conversations (a care team's members beside its organisations). */
async function peopleOf(rc: ReadContext, network: Network): Promise<string[]> {
  const convs = await rc.tx.query('conversations', 'byNetwork', { equals: [network.id] });
  return [...new Set(convs.flatMap((c) => c.participants.map((p) => p.id)))];
}

/** One resource by its id: undefined for one that does not exist and for one the reader may not see (both 404). */
export async function readResource(rc: ReadContext, type: string, id: string): Promise<Resource | undefined> {
  const { tx, reader, dir } = rc;
  switch (type) {
    case 'Patient': {
      const c = await tx.get('clients', id);
      if (!c || !mayReadClient(reader, c)) return undefined;
      audited(rc, type, 'read', id, c.id);
      return toPatient(c);
    }
    case 'Consent': {
      const consent = await tx.get('consents', id);
      const client = consent && (await tx.get('clients', consent.clientId));
      if (!consent || !client || !mayReadClient(reader, client)) return undefined;
      audited(rc, type, 'read', id, client.id);
      return toConsent(consent, client, dir);
    }
    case 'CareTeam': {
      const n = await tx.get('networks', id);
      const client = n && (await tx.get('clients', n.clientId));
      if (!n || !client || !mayReadNetwork(reader, n)) return undefined;
      audited(rc, type, 'read', id, client.id);
      return toCareTeam(n, client, await peopleOf(rc, n), dir);
    }
    case 'Communication': {
      const m = await tx.get('messages', id);
      const seen = await visibleConversation(rc, m ? m.conversationId : id);
      if (!seen) return undefined;
      audited(rc, type, 'read', id, seen.client.id);
      return m ? toCommunication(m, seen.conv, seen.client, await previousOf(rc, m), dir, rc.baseUrl) : toThread(seen.conv, seen.client, dir);
    }
    case 'Task': {
      const n = await tx.get('networks', id);
      const client = n && (await tx.get('clients', n.clientId));
      if (!n?.handover || !client || !mayReadNetwork(reader, n)) return undefined;
      audited(rc, type, 'read', id, client.id);
      return toTask(n, client, dir);
    }
    case 'AuditEvent': {
      const e = await tx.get('audit', id);
      const client = e?.clientId !== undefined ? await tx.get('clients', e.clientId) : undefined;
      if (!e || !mayReadAuditRecord(reader, e, client)) return undefined;
      audited(rc, type, 'read', id, e.clientId);
      return toAuditEvent(e, dir);
    }
    case 'Organization': {
      const o = dir.organisations.get(id);
      if (!o) return undefined;
      audited(rc, type, 'read', id);
      return toOrganization(o);
    }
    case 'PractitionerRole': {
      const p = dir.professionals.get(id);
      if (!p) return undefined;
      audited(rc, type, 'read', id);
      return toPractitionerRole(p, dir);
    }
  }
  return undefined;
}

/** Sorted by (at, id), ascending; the first `count` and where the next page starts. */
function pageOf<T>(items: { at: string; id: string; value: T }[], count: number): { values: T[]; next?: Cursor } {
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const values = items.slice(0, count);
  const last = values[values.length - 1];
  return { values: values.map((v) => v.value), ...(items.length > count && last ? { next: { at: last.at, id: last.id } } : {}) };
}
const after = (c: Cursor | undefined, at: string, id: string) => !c || at > c.at || (at === c.at && id > c.id);

/** Where a search's results start: after the cursor, and after (or at) `_lastUpdated`. */
export interface Since { instant: string; inclusive: boolean }

/** A client the reader may see, by a search's `patient`/`subject`/`entity` parameter. */
async function searchedClient(rc: ReadContext, clientId: string) {
  const c = await rc.tx.get('clients', clientId);
  return c && mayReadClient(rc.reader, c) ? c : undefined;
}

export async function searchPatients(rc: ReadContext, bsn: string): Promise<Page> {
  const found = (await rc.tx.query('clients', 'byBsn', { equals: [bsn] })).filter((c) => mayReadClient(rc.reader, c));
  for (const c of found) audited(rc, 'Patient', 'search', c.id, c.id);
  return { resources: found.map(toPatient) };
}

export async function searchConsents(rc: ReadContext, clientId: string): Promise<Page> {
  const client = await searchedClient(rc, clientId);
  if (!client) return { resources: [] };
  const consents = await rc.tx.query('consents', 'byClient', { equals: [client.id] });
  audited(rc, 'Consent', 'search', client.id, client.id);
  return { resources: consents.map((c) => toConsent(c, client, rc.dir)) };
}

export async function searchCareTeams(rc: ReadContext, clientId: string): Promise<Page> {
  const client = await searchedClient(rc, clientId);
  if (!client) return { resources: [] };
  const networks = (await rc.tx.query('networks', 'byClient', { equals: [client.id] })).filter((n) => mayReadNetwork(rc.reader, n));
  if (networks.length) audited(rc, 'CareTeam', 'search', client.id, client.id);
  const teams = [];
  for (const n of networks) teams.push(toCareTeam(n, client, await peopleOf(rc, n), rc.dir));
  return { resources: teams };
}

/**
 * A client's messages (and each conversation's thread header) the reader may read, oldest first from
 * the cursor or `_lastUpdated`: per conversation one index range of at most `count + 1` messages, so a
 * page costs the same at 100 messages as at 10,000 (no offset).
 */
export async function searchCommunications(rc: ReadContext, clientId: string, count: number, since?: Since, cursor?: Cursor): Promise<Page> {
  const client = await searchedClient(rc, clientId);
  if (!client) return { resources: [] };
  const networks = await rc.tx.query('networks', 'byClient', { equals: [client.id] });
  const items: { at: string; id: string; value: () => Promise<Resource> }[] = [];
  const from = cursor ?? (since ? { at: since.instant, id: since.inclusive ? '' : '\uffff' } : undefined);
  for (const network of networks) {
    for (const conv of await rc.tx.query('conversations', 'byNetwork', { equals: [network.id] })) {
      if (!mayReadConversation(rc.reader, conv, network, organisationsIn(rc, conv))) continue;
      if (after(from, conv.createdAt, conv.id)) items.push({ at: conv.createdAt, id: conv.id, value: async () => toThread(conv, client, rc.dir) });
      const messages = await rc.tx.query('messages', 'byConversation', {
        equals: [conv.id], ...(from ? { lower: [from.at, from.id] } : {}), limit: count + 1,
      });
      messages.forEach((m, i) => items.push({
        at: m.createdAt, id: m.id,
        value: async () => toCommunication(m, conv, client, i > 0 ? messages[i - 1] : await previousOf(rc, m), rc.dir, rc.baseUrl),
      }));
    }
  }
  const page = pageOf(items, count);
  if (page.values.length) audited(rc, 'Communication', 'search', client.id, client.id);
  const resources: Resource[] = [];
  for (const make of page.values) resources.push(await make());
  return { resources, ...(page.next ? { next: page.next } : {}) };
}

/** R18: handover requests owned by an organisation's shared inbox, by status. */
export async function searchTasks(rc: ReadContext, ownerOrgId: string, status: string | undefined, count: number, cursor?: Cursor): Promise<Page> {
  const networks = await rc.tx.query('networks', 'byOrg', { equals: [ownerOrgId] });
  const items: { at: string; id: string; value: Network }[] = [];
  for (const n of networks) {
    const h = n.handover;
    if (!h || rc.dir.inboxes.get(h.inboxId)?.orgId !== ownerOrgId || !mayReadNetwork(rc.reader, n)) continue;
    if (status && (h.status === 'open' ? 'requested' : 'completed') !== status) continue;
    if (after(cursor, h.requestedAt, n.id)) items.push({ at: h.requestedAt, id: n.id, value: n });
  }
  const page = pageOf(items, count);
  const resources: Resource[] = [];
  for (const n of page.values) {
    const client = await rc.tx.get('clients', n.clientId);
    if (!client) continue;
    audited(rc, 'Task', 'search', n.id, client.id);
    resources.push(toTask(n, client, rc.dir)!);
  }
  return { resources, ...(page.next ? { next: page.next } : {}) };
}

/** R15: a client's audit records over a period, oldest first, by the index on (client, time). */
export async function searchAuditEvents(rc: ReadContext, clientId: string, count: number, range: { ge?: string; le?: string }, cursor?: Cursor): Promise<Page> {
  const client = await searchedClient(rc, clientId);
  if (!client) return { resources: [] };
  const lower = cursor ? [cursor.at, cursor.id] : range.ge ? [range.ge] : undefined;
  const events: AuditEvent[] = await rc.tx.query('audit', 'byClient', {
    equals: [client.id], ...(lower ? { lower } : {}), ...(range.le ? { upper: [range.le, '\uffff'] } : {}), inclusive: !cursor, limit: count + 1,
  });
  // `inclusive` holds both bounds: the cursor's own record is left out here.
  const rows = cursor ? events.filter((e) => after(cursor, e.at, e.id)) : events;
  const page = pageOf(rows.map((e) => ({ at: e.at, id: e.id, value: e })), count);
  audited(rc, 'AuditEvent', 'search', client.id, client.id);
  return { resources: page.values.map((e) => toAuditEvent(e, rc.dir)), ...(page.next ? { next: page.next } : {}) };
}

export function searchOrganizations(rc: ReadContext): Page {
  audited(rc, 'Organization', 'search', rc.reader.kind === 'person' ? rc.reader.actor.org.id : rc.reader.system.orgId);
  return { resources: [...rc.dir.organisations.values()].map(toOrganization) };
}

export function searchPractitionerRoles(rc: ReadContext, orgId: string | undefined): Page {
  const people = [...rc.dir.professionals.values()].filter((p) => !orgId || p.orgId === orgId);
  audited(rc, 'PractitionerRole', 'search', orgId ?? 'all');
  return { resources: people.map((p) => toPractitionerRole(p, rc.dir)) };
}
