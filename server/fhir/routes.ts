import type { Context, Hono } from 'hono';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { Id, Instant, scopeAllows, type RecordReader } from '../../lib/domain';
import { authenticate } from '../auth/authenticate';
import { bearerToken } from '../auth/tokens';
import type { ServerContext } from '../context';
import { capabilityStatement, SEARCHES } from './capability';
import {
  readResource, searchAuditEvents, searchCareTeams, searchCommunications, searchConsents, searchOrganizations, searchPatients,
  searchPractitionerRoles, searchTasks, type Cursor, type Page, type ReadContext,
} from './read';
import type { Directory } from './resources';
import { FHIR_BASE, smartRoutes, systemOf } from './smart';
import { SYSTEMS } from './resources';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const COUNT_DEFAULT = 50;
export const COUNT_MAX = 100;

type Status = 400 | 401 | 403 | 404;
const CODES: Record<Status, 'invalid' | 'login' | 'forbidden' | 'not-found'> = { 400: 'invalid', 401: 'login', 403: 'forbidden', 404: 'not-found' };

function outcome(c: Context, status: Status, diagnostics: string) {
  const body: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: CODES[status], diagnostics }] };
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="fhir"');
  return c.body(JSON.stringify(body), status, { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store' });
}
const resource = (c: Context, r: Resource) => c.body(JSON.stringify(r), 200, { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store' });

/** A search parameter given as a reference (`Patient/{id}` or the bare id) of one type: the id, or undefined. */
function referenced(value: string | undefined, type: string): string | undefined {
  if (!value) return undefined;
  const id = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;
  return Id.safeParse(id).success ? id : undefined;
}

/**
 * `_cursor`: where the next page starts, opaque to the caller. Its id is one of a stored record, so it is
 * an Id: anything else (U+0000 once reached the SQL of the keyset and answered 500) is not a cursor this server gave.
 */
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
function decodeCursor(v: string | undefined): Cursor | undefined | 'bad' {
  if (v === undefined) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as unknown[];
    return Instant.safeParse(at).success && Id.safeParse(id).success ? { at: at as string, id: id as string } : 'bad';
  } catch {
    return 'bad';
  }
}

/** A FHIR date parameter with its prefix (`gt2026-01-01T00:00:00Z`): the instant, or undefined when it is not one. */
function dated(value: string, prefixes: readonly string[]): { prefix: string; instant: string } | undefined {
  const prefix = prefixes.find((p) => value.startsWith(p));
  const rest = prefix ? value.slice(prefix.length) : value;
  const ms = Date.parse(rest);
  if (!prefix || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(rest) || Number.isNaN(ms)) return undefined;
  return { prefix, instant: new Date(ms).toISOString() };
}

/**
 * The record API, `/fhir/r4`: read and search (JSON) of the resources in server/README.md's mapping, for a
 * signed-in person (their session token: what they may see in the app) and a system of an organisation
 * (SMART Backend Services, server/fhir/smart.ts: what its organisation takes part in). What may be read
 * is lib/domain/record-access.ts; a resource the caller may not see answers 404 as one that does not
 * exist. Every read writes its audit records in the transaction that reads (R15).
 */
export function fhirRoutes(app: Hono, ctx: ServerContext) {
  smartRoutes(app, ctx);
  app.get(`${FHIR_BASE}/metadata`, (c) => resource(c, capabilityStatement(ctx.config.publicUrl, ctx.now().toISOString())));

  async function readerOf(c: Context): Promise<RecordReader | Status> {
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) return 401;
    const system = await systemOf(ctx, token);
    if (system) return { kind: 'system', system };
    const session = await authenticate(ctx, c);
    if (!session.ok || session.restricted) return 401;
    const actor = await ctx.store.transaction('read', async (tx) => {
      const professional = await tx.get('professionals', session.professionalId);
      const org = professional && (await tx.get('organisations', professional.orgId));
      return professional?.active && org ? { professional, org, source: 'fhir' as const } : undefined;
    });
    return actor ? { kind: 'person', actor } : 401;
  }

  /** One transaction: the reads, then their audit records, written together. */
  async function reading<T>(reader: RecordReader, work: (rc: ReadContext) => Promise<T> | T): Promise<T> {
    return ctx.store.transaction('write', async (tx) => {
      const [organisations, professionals, inboxes] = [await tx.all('organisations'), await tx.all('professionals'), await tx.all('inboxes')];
      const dir: Directory = {
        organisations: new Map(organisations.map((o) => [o.id, o])),
        professionals: new Map(professionals.map((p) => [p.id, p])),
        inboxes: new Map(inboxes.map((i) => [i.id, i])),
      };
      const now = ctx.now().toISOString();
      const rc: ReadContext = {
        tx, reader, dir, baseUrl: ctx.config.publicUrl, audits: [],
        env: { now, newId: () => crypto.randomUUID(), justAfter: (i) => new Date(Date.parse(i) + 1).toISOString() },
      };
      const result = await work(rc);
      if (rc.audits.length) await tx.commit(rc.audits);
      return result;
    }, { locks: [] });
  }

  const typed = (type: string) => Object.hasOwn(SEARCHES, type);

  app.get(`${FHIR_BASE}/:type/:id`, async (c) => {
    const { type, id } = c.req.param();
    if (!typed(type)) return outcome(c, 404, `no resource type ${type} here`);
    const reader = await readerOf(c);
    if (typeof reader === 'number') return outcome(c, reader, 'sign in, or ask a token with the client credentials grant');
    if (!scopeAllows(reader, type, 'read')) return outcome(c, 403, `the token's scopes do not include reading ${type}`);
    if (!Id.safeParse(id).success) return outcome(c, 404, `${type}/${id} is not known`);
    const found = await reading(reader, (rc) => readResource(rc, type, id));
    return found ? resource(c, found) : outcome(c, 404, `${type}/${id} is not known`);
  });

  app.get(`${FHIR_BASE}/:type`, async (c) => {
    const { type } = c.req.param();
    if (!typed(type)) return outcome(c, 404, `no resource type ${type} here`);
    const reader = await readerOf(c);
    if (typeof reader === 'number') return outcome(c, reader, 'sign in, or ask a token with the client credentials grant');
    if (!scopeAllows(reader, type, 'search')) return outcome(c, 403, `the token's scopes do not include searching ${type}`);
    const url = new URL(c.req.url);
    const q = url.searchParams;
    const known = new Set(['_count', '_cursor', ...SEARCHES[type]!.map((p) => p.name)]);
    const unknown = [...q.keys()].find((k) => !known.has(k));
    if (unknown) return outcome(c, 400, `${type} cannot be searched by ${unknown}; it can by ${[...known].join(', ')}`);
    const count = q.has('_count') ? Number(q.get('_count')) : COUNT_DEFAULT;
    if (!Number.isInteger(count) || count < 1 || count > COUNT_MAX) return outcome(c, 400, `_count must be a whole number from 1 to ${COUNT_MAX}`);
    const cursor = decodeCursor(q.get('_cursor') ?? undefined);
    if (cursor === 'bad') return outcome(c, 400, '_cursor is not one this server gave');

    const search = planSearch(type, q, count, cursor);
    if (typeof search === 'string') return outcome(c, 400, search);
    const page = await reading(reader, search);
    const base = `${ctx.config.publicUrl}${FHIR_BASE}`;
    const link: Bundle['link'] = [{ relation: 'self', url: `${base}/${type}${url.search}` }];
    if (page.next) {
      const next = new URLSearchParams(q);
      next.set('_cursor', encodeCursor(page.next));
      link.push({ relation: 'next', url: `${base}/${type}?${next}` });
    }
    const bundle: Bundle = {
      resourceType: 'Bundle', type: 'searchset', link,
      entry: page.resources.map((r) => ({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' } })),
    };
    return resource(c, bundle as Resource);
  });
}

/** A search's parameters checked and turned into its read; a string says what is wrong with them. */
function planSearch(type: string, q: URLSearchParams, count: number, cursor: Cursor | undefined): ((rc: ReadContext) => Promise<Page> | Page) | string {
  const one = (name: string) => (q.getAll(name).length > 1 ? null : q.get(name) ?? undefined);
  switch (type) {
    case 'Patient': {
      const identifier = one('identifier');
      const bsn = identifier?.startsWith(`${SYSTEMS.bsn}|`) ? identifier.slice(SYSTEMS.bsn.length + 1) : undefined;
      if (!bsn || !/^\d{9}$/.test(bsn)) return `Patient is found by identifier=${SYSTEMS.bsn}|{bsn}`;
      return (rc) => searchPatients(rc, bsn);
    }
    case 'Consent':
    case 'CareTeam': {
      const id = referenced(one('patient') ?? undefined, 'Patient');
      if (!id) return `${type} is searched by patient=Patient/{id}`;
      return (rc) => (type === 'Consent' ? searchConsents(rc, id) : searchCareTeams(rc, id));
    }
    case 'Communication': {
      const id = referenced(one('subject') ?? undefined, 'Patient');
      if (!id) return 'Communication is searched by subject=Patient/{id}';
      const updated = one('_lastUpdated');
      if (updated === null) return '_lastUpdated may be given once';
      const since = updated !== undefined ? dated(updated, ['gt', 'ge']) : undefined;
      if (updated !== undefined && !since) return '_lastUpdated takes gt or ge and an instant, such as gt2026-01-01T00:00:00Z';
      return (rc) => searchCommunications(rc, id, count, since && { instant: since.instant, inclusive: since.prefix === 'ge' }, cursor);
    }
    case 'Task': {
      const owner = referenced(one('owner') ?? undefined, 'Organization');
      const status = one('status');
      if (!owner) return 'Task is searched by owner=Organization/{id}';
      if (status === null || (status !== undefined && status !== 'requested' && status !== 'completed')) return 'status is requested or completed';
      return (rc) => searchTasks(rc, owner, status, count, cursor);
    }
    case 'AuditEvent': {
      const id = referenced(one('entity') ?? undefined, 'Patient');
      if (!id) return 'AuditEvent is searched by entity=Patient/{id}';
      const range: { ge?: string; le?: string } = {};
      for (const d of q.getAll('date')) {
        const parsed = dated(d, ['ge', 'le']);
        if (!parsed) return 'date takes ge or le and an instant, such as ge2026-01-01T00:00:00Z';
        range[parsed.prefix as 'ge' | 'le'] = parsed.instant;
      }
      return (rc) => searchAuditEvents(rc, id, count, range, cursor);
    }
    case 'Organization':
      return (rc) => searchOrganizations(rc);
    case 'PractitionerRole': {
      const org = one('organization');
      const id = org === undefined ? undefined : referenced(org ?? undefined, 'Organization');
      if (org !== undefined && !id) return 'PractitionerRole is searched by organization=Organization/{id}';
      return (rc) => searchPractitionerRoles(rc, id);
    }
  }
  return `${type} cannot be searched`;
}
