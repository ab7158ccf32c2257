import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photo } from '../../fixtures/files';
import { HttpBackend } from '../../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../../lib/backend/http/token-store';
import type { Access } from '../../../lib/contract/access';
import type { OperationRegistry } from '../../../lib/contract/operations';
import { hashToken } from '../../../server/auth/tokens';
import { bearer, pgliteServer, post, tokenFor, type TestServer } from '../helpers';
import { askToken, systemClient } from './fhir';

type OpName = string;

/**
 * Every operation × every kind of caller, over real HTTP, each cell with the
 * status it must get. The region: a GP (p-devries) starts a conversation
 * with the practice's assistants' inbox (p-jansen, p-elamrani); afterwards
 * p-deboer joins that inbox (R8: not a participant of it).
 */
const ACTORS = [
  'anonymous', 'expired token', 'deactivated account', 'another organisation', 'non-participant (same practice)',
  'participant', 'inbox member before the start', 'inbox member after the start',
  'account manager, no care role', 'account manager, no care role, emergency step',
] as const;
type Actor = (typeof ACTORS)[number];

const WHO: Partial<Record<Actor, string>> = {
  'expired token': 'p-yilmaz',
  'deactivated account': 'p-visser',
  'another organisation': 'p-ahmadi',
  'non-participant (same practice)': 'p-smit',
  participant: 'p-devries',
  'inbox member before the start': 'p-elamrani',
  'inbox member after the start': 'p-deboer',
  'account manager, no care role': 'p-mulder',
  'account manager, no care role, emergency step': 'p-mulder',
};

type Row = [other: number, nonParticipant: number, participant: number, before: number, after: number, manager: number, emergency: number];

/**
 * What each kind of signed-in, active caller gets, by the operation's access class (lib/contract/access.ts),
 * for its example input in this region: the first three actors always get 401. An operation is in the
 * matrix by its definition alone; a class no row covers fails the test.
 */
const BY_ACCESS: Record<Access, Row> = {
  everyone: [200, 200, 200, 200, 200, 200, 200],
  organisation: [200, 200, 200, 200, 200, 200, 200],
  listMembers: [200, 200, 200, 200, 200, 200, 200],
  clientOrganisations: [404, 200, 200, 200, 200, 200, 200],
  careInNetwork: [404, 200, 200, 200, 200, 403, 403],
  participants: [404, 404, 200, 200, 404, 404, 404],
  participantsInList: [404, 404, 404, 200, 404, 404, 404],
  readers: [404, 404, 200, 200, 404, 403, 200],
  careReaders: [404, 404, 200, 200, 404, 403, 403],
  organisationManagers: [200, 403, 403, 403, 403, 200, 200],
  accountManagers: [404, 403, 403, 403, 403, 200, 200],
  ownDomainManagers: [422, 403, 403, 403, 403, 200, 200],
  teamManagers: [404, 403, 403, 403, 403, 200, 200],
  regionalAdmins: [403, 403, 403, 403, 403, 403, 403],
};

/** Exceptions to an operation's class, each with its reason. */
/**
 * R20: the routes of files beside the operations. A download is read like its conversation (readAttachment:
 * `readers`); an upload is any care professional's (R13: the account manager without a care role sends none).
 */
const FILE_ROUTES: Record<string, { method: 'GET' | 'POST'; path: (fx: Fixture) => string; row: Row }> = {
  'GET /api/v1/attachments/{id}': { method: 'GET', path: (fx) => `/api/v1/attachments/${fx.attachmentId}`, row: BY_ACCESS.readers },
  'GET /api/v1/attachments/{id}/thumbnail': { method: 'GET', path: (fx) => `/api/v1/attachments/${fx.attachmentId}/thumbnail`, row: BY_ACCESS.readers },
  'POST /api/v1/attachments': { method: 'POST', path: () => '/api/v1/attachments', row: [201, 201, 201, 201, 201, 403, 403] },
};

/**
 * The record API (FHIR, server/fhir): a person reads as in the app (lib/domain/record-access.ts), with no
 * emergency step; whatever may not be seen answers 404 as what does not exist. Its systems' tokens are
 * test/server/fhir.test.ts's.
 */
const FHIR_ROUTES: Record<string, { path: (fx: Fixture) => string; row: Row }> = {
  'GET /fhir/r4/Patient/{id}': { path: (fx) => `/fhir/r4/Patient/${fx.clientId}`, row: [404, 200, 200, 200, 200, 200, 200] },
  'GET /fhir/r4/CareTeam/{id}': { path: (fx) => `/fhir/r4/CareTeam/${fx.networkId}`, row: [404, 200, 200, 200, 200, 200, 200] },
  'GET /fhir/r4/Communication/{id}': { path: (fx) => `/fhir/r4/Communication/${fx.conversationId}`, row: [404, 404, 200, 200, 404, 404, 404] },
  'GET /fhir/r4/metadata': { path: () => '/fhir/r4/metadata', row: [200, 200, 200, 200, 200, 200, 200] },
};

/**
 * The organisations' own systems (SMART Backend Services) on the same routes: the practice's, whose
 * organisation is the fixture network's; the practice's with a token for Patient only; and a system of
 * an organisation outside the network. A scope that does not cover a type is 403; what the
 * organisation does not take part in is 404, as what does not exist.
 */
const SYSTEMS = {
  'system of the organisation in the network': { orgId: 'org-hap-lombok', scopes: ['system/*.rs'] },
  'system of that organisation, Patient only': { orgId: 'org-hap-lombok', scopes: ['system/Patient.rs'] },
  'system of another organisation': { orgId: 'org-zorgzaam', scopes: ['system/*.rs'] },
} as const;
type SystemCaller = keyof typeof SYSTEMS;
const SYSTEM_ROWS: Record<string, Record<SystemCaller, number>> = {
  'GET /fhir/r4/Patient/{id}': { 'system of the organisation in the network': 200, 'system of that organisation, Patient only': 200, 'system of another organisation': 404 },
  'GET /fhir/r4/CareTeam/{id}': { 'system of the organisation in the network': 200, 'system of that organisation, Patient only': 403, 'system of another organisation': 404 },
  'GET /fhir/r4/Communication/{id}': { 'system of the organisation in the network': 200, 'system of that organisation, Patient only': 403, 'system of another organisation': 404 },
  'GET /fhir/r4/metadata': { 'system of the organisation in the network': 200, 'system of that organisation, Patient only': 200, 'system of another organisation': 200 },
};

/** What a FHIR route answers with this status: its resource, or an OperationOutcome saying why not. */
const fhirType = (route: string, status: number) =>
  status === 200 ? (route.endsWith('metadata') ? 'CapabilityStatement' : route.split('/')[3]!.split(/[?{]/)[0]) : 'OperationOutcome';

const EXCEPT: Record<OpName, { row: Row; why: string }> = {
  // R15: a live refresh is of a conversation this session opened; these sessions opened none, so they are told to open it.
  conversationUpdates: { row: [404, 404, 422, 422, 404, 404, 404], why: 'no session here has opened the conversation (each cell has its own)' },
  // R18: the region's network was started by the practice; a handover request is home care's, and its success is the contract suite's.
  requestHandover: { row: [404, 404, 422, 422, 404, 404, 404], why: 'the network was started by the practice' },
};


/** Operations a success changes so the next caller would meet another state: each cell gets its own fixture. */
const FRESH: ReadonlySet<OpName> = new Set(['withdrawConsent', 'createNetwork', 'addResident', 'addParticipant', 'conversationUpdates']);

interface Fixture { clientId: string; networkId: string; conversationId: string; spareClientId: string; attachmentId: string }

/** The operation's own example (its definition), with the emergency step for the actor who takes it. */
function input(operations: OperationRegistry, op: OpName, fx: Fixture, actor: Actor): unknown {
  const example = operations[op]!.example({ ...fx, unique: crypto.randomUUID() }) as Record<string, unknown>;
  return (op === 'readConversation' || op === 'readAttachment') && actor.endsWith('emergency step')
    ? { ...example, emergencyReason: 'Cliënt in acute nood, behandelaar onbereikbaar' }
    : example;
}

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; code: string }>): Promise<T> {
  const x = await r;
  if (!x.ok) throw new Error(x.code);
  return x.value;
}

/**
 * The matrix for the operations of a registry (the product's, or one a test
 * extends: an operation is in the matrix by its definition alone), over a
 * server that runs that registry.
 */
export function authorisationMatrix(
  operations: OperationRegistry, options: { name?: string; only?: string[] } = {},
) {
  describe(options.name ?? 'authorisation matrix: every operation × every kind of caller', () => {
    let server: TestServer;
    const expectedRow = (op: OpName): Row => EXCEPT[op]?.row ?? BY_ACCESS[operations[op]!.access];
    const tokens = new Map<Actor, string | undefined>();
    const systemTokens = new Map<SystemCaller, string>();
    const fixtures = new Map<string, Fixture>();
    const key = (op: OpName, actor: Actor) => (FRESH.has(op) && ACTORS.indexOf(actor) >= 3 ? `${op}/${actor}` : 'shared');

    beforeAll(async () => {
      const systems = await Promise.all(Object.keys(SYSTEMS).map((_, i) => systemClient(`matrix-system-${i}`)));
      server = await pgliteServer({
        operations,
        config: { fhirClients: Object.fromEntries(Object.values(SYSTEMS).map((s, i) => [systems[i]!.id, { ...s, scopes: [...s.scopes], jwks: systems[i]!.jwks }])) },
      });
      for (const [i, caller] of (Object.keys(SYSTEMS) as SystemCaller[]).entries()) {
        const tokenUrl = `${server.url}/fhir/r4/auth/token`;
        const answer = await askToken(server.url, await systems[i]!.assertion(tokenUrl), SYSTEMS[caller].scopes.join(' '));
        systemTokens.set(caller, answer.json.access_token!);
      }
      const gp = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(await tokenFor(server, 'p-devries')) });
      const textId = (await must(gp.call('currentConsentText', {})))!.id;
      const fixture = async (): Promise<Fixture> => {
        const client = await must(gp.call('createClient', { name: 'Matrix Cliënt', birthDate: '1950-01-01' }));
        await must(gp.call('recordConsent', { clientId: client.id, textId, givenBy: { kind: 'client' }, method: 'verbal' }));
        const network = await must(gp.call('createNetwork', { clientId: client.id }));
        const file = await must(gp.files.upload(await photo(), { idempotencyKey: crypto.randomUUID() }));
        const conv = await must(gp.call('startConversation', {
          networkId: network.id, subject: 'Matrix', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Eerste bericht',
          attachmentIds: [file.id],
        }));
        await must(gp.call('inviteToPortal', { networkId: network.id }));
        await must(gp.call('markPortalActivated', { networkId: network.id }));
        const spare = await must(gp.call('createClient', { name: 'Matrix Reserve', birthDate: '1950-01-01' }));
        await must(gp.call('recordConsent', { clientId: spare.id, textId, givenBy: { kind: 'client' }, method: 'verbal' }));
        return { clientId: client.id, networkId: network.id, conversationId: conv.id, spareClientId: spare.id, attachmentId: file.id };
      };
      fixtures.set('shared', await fixture());
      for (const op of FRESH) for (const actor of ACTORS.slice(3)) fixtures.set(`${op}/${actor}`, await fixture());

      // R8: De Boer joins the assistants' inbox after every conversation above started.
      const jansen = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(await tokenFor(server, 'p-jansen')) });
      await must(jansen.call('updateSharedInbox', { inboxId: 'inbox-assistentes', memberIds: ['p-jansen', 'p-elamrani', 'p-deboer'] }));

      for (const actor of ACTORS) tokens.set(actor, WHO[actor] ? await tokenFor(server, WHO[actor]!) : undefined);
      // An expired session: its absolute expiry has passed.
      await server.ctx.db.query('UPDATE sessions SET expires_at = $2 WHERE token_hash = $1', [
        hashToken(tokens.get('expired token')!), new Date(Date.now() - 60_000).toISOString(),
      ]);
      // A deactivated account (R12), whose token was valid until then.
      const mulder = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(tokens.get('account manager, no care role')!) });
      await must(mulder.call('deactivateAccount', { professionalId: 'p-visser' }));
    });
    afterAll(async () => {
      await server?.region.dispose();
    });

    it('has a row for every access class an operation names', () => {
      for (const op of Object.keys(operations)) expect(BY_ACCESS[operations[op]!.access], `${op}: ${operations[op]!.access}`).toBeDefined();
    });

    const cells = (options.only ?? Object.keys(operations)).flatMap((op) => ACTORS.map((actor) => [op, actor] as const));
    it.each(cells)('%s as %s', async (op, actor) => {
      const i = ACTORS.indexOf(actor);
      const expected = i < 3 ? 401 : expectedRow(op)[i - 3]!;
      const token = tokens.get(actor);
      const headers: Record<string, string> = { 'Idempotency-Key': crypto.randomUUID(), ...(token ? bearer(token) : {}) };
      const r = await post(server, `/api/v1/ops/${op}`, input(operations, op, fixtures.get(key(op, actor))!, actor), headers);
      expect(r.status, `${op} as ${actor}: ${r.text.slice(0, 200)}`).toBe(expected);
      if (actor === 'deactivated account') expect(r.json.code).toBe('account-inactive');
      if (i < 3 && actor !== 'deactivated account') expect(r.json.code).toBe('not-signed-in');
      if (expected === 200) expect(operations[op]!.output.safeParse(r.json).success, `${op} answer`).toBe(true);
      else expect(r.json.ok).toBe(false);
    });

    const fileCells = options.only ? [] : Object.keys(FILE_ROUTES).flatMap((route) => ACTORS.map((actor) => [route, actor] as const));
    it.each(fileCells)('%s as %s', async (route, actor) => {
      const spec = FILE_ROUTES[route]!;
      const i = ACTORS.indexOf(actor);
      const expected = i < 3 ? 401 : spec.row[i - 3]!;
      const token = tokens.get(actor);
      const headers: Record<string, string> = {
        'Idempotency-Key': crypto.randomUUID(), 'Content-Type': 'image/jpeg', ...(token ? bearer(token) : {}),
        ...(actor.endsWith('emergency step') ? { 'X-Netwerkzorg-Emergency-Reason': encodeURIComponent('Cliënt in acute nood, behandelaar onbereikbaar') } : {}),
      };
      const body = spec.method === 'POST' ? (await photo()).bytes as Uint8Array<ArrayBuffer> : undefined;
      const res = await fetch(server.url + spec.path(fixtures.get('shared')!), { method: spec.method, headers, body });
      expect(res.status, `${route} as ${actor}`).toBe(expected);
      if (expected >= 400) expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
      else await res.arrayBuffer();
    });

    const fhirCells = options.only ? [] : Object.keys(FHIR_ROUTES).flatMap((route) => ACTORS.map((actor) => [route, actor] as const));
    it.each(fhirCells)('%s as %s', async (route, actor) => {
      const spec = FHIR_ROUTES[route]!;
      const i = ACTORS.indexOf(actor);
      // The capability statement is public, as FHIR has it.
      const expected = i < 3 && !route.endsWith('metadata') ? 401 : spec.row[Math.max(0, i - 3)]!;
      const token = tokens.get(actor);
      const res = await fetch(server.url + spec.path(fixtures.get('shared')!), { headers: token ? bearer(token) : {} });
      expect(res.status, `${route} as ${actor}`).toBe(expected);
      const body = (await res.json()) as { resourceType: string };
      expect(body.resourceType).toBe(fhirType(route, expected));
    });

    it('has a row of the systems for every FHIR route', () => {
      expect(Object.keys(SYSTEM_ROWS).sort()).toEqual(Object.keys(FHIR_ROUTES).sort());
    });

    const systemCells = options.only ? [] : Object.keys(SYSTEM_ROWS).flatMap((route) => (Object.keys(SYSTEMS) as SystemCaller[]).map((caller) => [route, caller] as const));
    it.each(systemCells)('%s as %s', async (route, caller) => {
      const expected = SYSTEM_ROWS[route]![caller];
      const res = await fetch(server.url + FHIR_ROUTES[route]!.path(fixtures.get('shared')!), { headers: bearer(systemTokens.get(caller)!) });
      expect(res.status, `${route} as ${caller}`).toBe(expected);
      expect(((await res.json()) as { resourceType: string }).resourceType).toBe(fhirType(route, expected));
    });
  });
}
