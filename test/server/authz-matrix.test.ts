import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { operations, type OpInput, type OpName } from '../../lib/backend/operations';
import { hashToken } from '../../server/auth/tokens';
import { bearer, pgliteServer, post, tokenFor, type TestServer } from './helpers';

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
const ALL_OK: Row = [200, 200, 200, 200, 200, 200, 200];
const ORG_CLIENT: Row = [404, 200, 200, 200, 200, 200, 200];
const MANAGERS: Row = [404, 403, 403, 403, 403, 200, 200];
const PARTICIPANTS: Row = [404, 404, 200, 200, 404, 404, 404];

/** Signed-in, active callers; the first three actors always get 401. */
const EXPECTED: { [K in OpName]: Row } = {
  session: ALL_OK,
  directory: ALL_OK,
  listAccounts: [200, 403, 403, 403, 403, 200, 200],
  listInbox: ALL_OK,
  unreadCounts: ALL_OK,
  listClients: ALL_OK,
  findClientByBsn: ORG_CLIENT,
  currentConsentText: ALL_OK,
  createClient: ALL_OK,
  publishConsentText: [403, 403, 403, 403, 403, 403, 403],
  recordConsent: ORG_CLIENT,
  withdrawConsent: ORG_CLIENT,
  createNetwork: ORG_CLIENT,
  linkPatientCard: ORG_CLIENT,
  inviteToPortal: ORG_CLIENT,
  markPortalActivated: ORG_CLIENT,
  addResident: PARTICIPANTS,
  startConversation: [404, 200, 200, 200, 200, 403, 403],
  addParticipant: PARTICIPANTS,
  postMessage: PARTICIPANTS,
  archive: [404, 404, 404, 200, 404, 404, 404],
  requestHandover: PARTICIPANTS,
  createAccount: [422, 403, 403, 403, 403, 200, 200],
  deactivateAccount: MANAGERS,
  setContactPerson: MANAGERS,
  createSharedInbox: MANAGERS,
  updateSharedInbox: MANAGERS,
  readClient: ORG_CLIENT,
  readNetwork: ORG_CLIENT,
  readConversation: [404, 404, 200, 200, 404, 403, 200],
  accessHistory: ORG_CLIENT,
  suggestRecipients: ORG_CLIENT,
};

/** Operations a success changes so the next caller would meet another state: each cell gets its own fixture. */
const FRESH: ReadonlySet<OpName> = new Set(['withdrawConsent', 'createNetwork', 'addResident', 'addParticipant', 'requestHandover']);

interface Fixture { clientId: string; networkId: string; conversationId: string; spareClientId: string }

function input(op: OpName, fx: Fixture, actor: Actor): OpInput<OpName> {
  const id = crypto.randomUUID();
  const all: { [K in OpName]: OpInput<K> } = {
    session: {}, directory: {}, listAccounts: {}, listInbox: { via: '' }, unreadCounts: {}, listClients: {}, currentConsentText: {},
    // Jan Pietersen's BSN: a client of the practice and home care, not of the neighbourhood team.
    findClientByBsn: { bsn: '111222333' },
    createClient: { name: 'Matrix Cliënt', birthDate: '1950-01-01' },
    publishConsentText: { text: 'Een nieuwe versie van de toestemmingstekst voor de regio.' },
    recordConsent: { clientId: fx.clientId, textId: 'consent-text-v1', givenBy: { kind: 'client' }, method: 'verbal' },
    withdrawConsent: { clientId: fx.clientId },
    createNetwork: { clientId: fx.spareClientId },
    linkPatientCard: { networkId: fx.networkId, system: 'HIS', patientRef: '4711' },
    inviteToPortal: { networkId: fx.networkId },
    markPortalActivated: { networkId: fx.networkId },
    addResident: { conversationId: fx.conversationId },
    startConversation: { networkId: fx.networkId, subject: 'Vraag', inboxIds: ['inbox-pohs'], messageId: id, text: 'Hallo' },
    addParticipant: { conversationId: fx.conversationId, professionalId: 'p-smit' },
    postMessage: { conversationId: fx.conversationId, messageId: id, text: 'Nog een vraag' },
    archive: { conversationId: fx.conversationId, via: 'inbox-assistentes' },
    requestHandover: { networkId: fx.networkId, conversationId: fx.conversationId, inboxId: 'inbox-assistentes' },
    createAccount: { name: 'Nieuwe Collega', email: `n-${id.slice(0, 8)}@lombokhuisartsen.nl`, role: 'assistant', isCareProfessional: true },
    deactivateAccount: { professionalId: 'p-visser' },
    setContactPerson: { teamId: 'team-lombok', professionalId: 'p-jansen' },
    createSharedInbox: { teamId: 'team-lombok', name: `Extra ${id.slice(0, 4)}` },
    updateSharedInbox: { inboxId: 'inbox-pohs', name: 'POH-S' },
    readClient: { clientId: fx.clientId },
    readNetwork: { networkId: fx.networkId },
    readConversation: actor.endsWith('emergency step')
      ? { conversationId: fx.conversationId, emergencyReason: 'Cliënt in acute nood, behandelaar onbereikbaar' }
      : { conversationId: fx.conversationId },
    accessHistory: { clientId: fx.clientId, from: '2020-01-01', to: '2100-12-31' },
    suggestRecipients: { networkId: fx.networkId, orgId: 'org-buurtteam' },
  };
  return all[op];
}

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; code: string }>): Promise<T> {
  const x = await r;
  if (!x.ok) throw new Error(x.code);
  return x.value;
}

describe('authorisation matrix: every operation × every kind of caller', () => {
  let server: TestServer;
  const tokens = new Map<Actor, string | undefined>();
  const fixtures = new Map<string, Fixture>();
  const key = (op: OpName, actor: Actor) => (FRESH.has(op) && EXPECTED[op] && ACTORS.indexOf(actor) >= 3 ? `${op}/${actor}` : 'shared');

  beforeAll(async () => {
    server = await pgliteServer();
    const gp = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(await tokenFor(server, 'p-devries')) });
    const textId = (await must(gp.call('currentConsentText', {})))!.id;
    const fixture = async (): Promise<Fixture> => {
      const client = await must(gp.call('createClient', { name: 'Matrix Cliënt', birthDate: '1950-01-01' }));
      await must(gp.call('recordConsent', { clientId: client.id, textId, givenBy: { kind: 'client' }, method: 'verbal' }));
      const network = await must(gp.call('createNetwork', { clientId: client.id }));
      const conv = await must(gp.call('startConversation', {
        networkId: network.id, subject: 'Matrix', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Eerste bericht',
      }));
      await must(gp.call('inviteToPortal', { networkId: network.id }));
      await must(gp.call('markPortalActivated', { networkId: network.id }));
      const spare = await must(gp.call('createClient', { name: 'Matrix Reserve', birthDate: '1950-01-01' }));
      await must(gp.call('recordConsent', { clientId: spare.id, textId, givenBy: { kind: 'client' }, method: 'verbal' }));
      return { clientId: client.id, networkId: network.id, conversationId: conv.id, spareClientId: spare.id };
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

  it('covers every operation there is', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(operations).sort());
  });

  const cells = (Object.keys(EXPECTED) as OpName[]).flatMap((op) => ACTORS.map((actor) => [op, actor] as const));
  it.each(cells)('%s as %s', async (op, actor) => {
    const i = ACTORS.indexOf(actor);
    const expected = i < 3 ? 401 : EXPECTED[op][i - 3]!;
    const token = tokens.get(actor);
    const headers: Record<string, string> = { 'Idempotency-Key': crypto.randomUUID(), ...(token ? bearer(token) : {}) };
    const r = await post(server, `/api/v1/ops/${op}`, input(op, fixtures.get(key(op, actor))!, actor), headers);
    expect(r.status, `${op} as ${actor}: ${r.text.slice(0, 200)}`).toBe(expected);
    if (actor === 'deactivated account') expect(r.json.code).toBe('account-inactive');
    if (i < 3 && actor !== 'deactivated account') expect(r.json.code).toBe('not-signed-in');
    if (expected === 200) expect(operations[op].output.safeParse(r.json).success, `${op} answer`).toBe(true);
    else expect(r.json.ok).toBe(false);
  });
});
