import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpBackend } from '../../lib/backend/http/http-backend';
import { TOKEN_BODY_LIMIT } from '../../server/fhir/smart';
import { photo } from '../fixtures/files';
import { backendFor, pgliteServer, tokenFor, type TestServer } from './helpers';
import { allPages, askToken, fhirGet, fhirValidator, systemClient } from './support/fhir';

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; code: string }>): Promise<T> {
  const x = await r;
  if (!x.ok) throw new Error(x.code);
  return x.value;
}

const DEMO_CLIENTS = ['c-pietersen', 'c-hendriks', 'c-bouzid'] as const;
const BSN: Record<(typeof DEMO_CLIENTS)[number], string> = { 'c-pietersen': '111222333', 'c-hendriks': '123456782', 'c-bouzid': '234567806' };

/**
 * The record API (FHIR R4) over real HTTP on the reference server: the demo region after W1 (GP start,
 * resident added), W2 (home care start, handover), W3 (the assistants' hub function) and W5 (consent
 * withdrawn), read by people and by systems of organisations (SMART Backend Services), every answer
 * checked against the FHIR R4 base definitions.
 */
describe('record API: FHIR R4 at /fhir/r4', () => {
  let server: TestServer;
  let validate: (r: Resource) => string[];
  const lombokHis = systemClient('his-lombok');
  const zorgzaamEcd = systemClient('ecd-zorgzaam');
  const buurtteam = systemClient('buurtteam-app');
  let his: Awaited<typeof lombokHis>;
  let ecd: Awaited<typeof zorgzaamEcd>;
  let buurt: Awaited<typeof buurtteam>;
  const ids: { w1Conversation?: string; w1Messages: string[]; w2Network?: string; w3Conversation?: string } = { w1Messages: [] };
  let gpToken: string;
  /** Who reads each client's record: a participant of its conversations (R8). */
  const readerOf: Record<(typeof DEMO_CLIENTS)[number], string> = { 'c-pietersen': '', 'c-hendriks': '', 'c-bouzid': '' };
  let tokenUrl: string;

  beforeAll(async () => {
    [his, ecd, buurt] = await Promise.all([lombokHis, zorgzaamEcd, buurtteam]);
    validate = await fhirValidator();
    server = await pgliteServer({
      config: {
        fhirClients: {
          'his-lombok': { orgId: 'org-hap-lombok', jwks: his.jwks, scopes: ['system/*.rs'] },
          'ecd-zorgzaam': { orgId: 'org-zorgzaam', jwks: ecd.jwks, scopes: ['system/Patient.rs', 'system/Communication.rs', 'system/Task.rs'] },
          'buurtteam-app': { orgId: 'org-buurtteam', jwks: buurt.jwks, scopes: ['system/*.rs'] },
        },
      },
    });
    tokenUrl = `${server.url}/fhir/r4/auth/token`;
    const [jansen, elamrani, devries, yilmaz] = await Promise.all(['p-jansen', 'p-elamrani', 'p-devries', 'p-yilmaz'].map((p) => backendFor(server, p))) as HttpBackend[];
    const textId = (await must(jansen!.call('currentConsentText', {})))!.id;
    const id = () => crypto.randomUUID();

    // W1: the practice starts for Jan Pietersen, writes to the district nurses with a photo, adds the resident.
    await must(jansen!.call('recordConsent', { clientId: 'c-pietersen', textId, givenBy: { kind: 'client' }, method: 'verbal' }));
    const n1 = await must(devries!.call('createNetwork', { clientId: 'c-pietersen' }));
    await must(elamrani!.call('linkPatientCard', { networkId: n1.id, system: 'HIS', patientRef: 'HIS-4711' }));
    const file = await must(devries!.files.upload(await photo(), { idempotencyKey: id() }));
    const first = id();
    const c1 = await must(devries!.call('startConversation', {
      networkId: n1.id, subject: 'Wondzorg', inboxIds: ['inbox-kanaleneiland'], messageId: first, text: 'Wilt u de wond bekijken?', attachmentIds: [file.id],
    }));
    const reply = id();
    await must(yilmaz!.call('postMessage', { conversationId: c1.id, messageId: reply, text: 'Morgen om tien uur.', attachmentIds: [] }));
    await must(jansen!.call('inviteToPortal', { networkId: n1.id, email: 'jan@example.org' }));
    await must(jansen!.call('markPortalActivated', { networkId: n1.id }));
    await must(devries!.call('addResident', { conversationId: c1.id }));
    ids.w1Conversation = c1.id;
    ids.w1Messages = [first, reply];
    for (let i = 0; i < 5; i++) {
      const m = id();
      await must(devries!.call('postMessage', { conversationId: c1.id, messageId: m, text: `Bericht ${i}`, attachmentIds: [] }));
      ids.w1Messages.push(m);
    }

    // W2: home care starts for Maria Hendriks (consent by her son) and asks the practice for the handover.
    await must(yilmaz!.call('recordConsent', { clientId: 'c-hendriks', textId, givenBy: { kind: 'carer', name: 'Kees Hendriks', relation: 'zoon' }, method: 'verbal' }));
    const n2 = await must(yilmaz!.call('createNetwork', { clientId: 'c-hendriks' }));
    const c2 = await must(yilmaz!.call('startConversation', { networkId: n2.id, subject: 'Kaart', inboxIds: ['inbox-assistentes'], messageId: id(), text: 'Wilt u de kaart koppelen?' }));
    await must(yilmaz!.call('requestHandover', { networkId: n2.id, conversationId: c2.id, inboxId: 'inbox-assistentes' }));
    ids.w2Network = n2.id;

    // W3: for Ahmed Bouzid, the assistants pass a question on to the POH-S and archive it; W5: then the consent is withdrawn.
    await must(jansen!.call('recordConsent', { clientId: 'c-bouzid', textId, givenBy: { kind: 'client' }, method: 'written' }));
    const n3 = await must(jansen!.call('createNetwork', { clientId: 'c-bouzid' }));
    const c3 = await must(jansen!.call('startConversation', { networkId: n3.id, subject: 'Bloedsuiker', inboxIds: ['inbox-assistentes'], messageId: id(), text: 'Graag even kijken.' }));
    await must(elamrani!.call('addParticipant', { conversationId: c3.id, professionalId: 'p-visser' }));
    await must(elamrani!.call('archive', { conversationId: c3.id, via: 'inbox-assistentes' }));
    await must(jansen!.call('withdrawConsent', { clientId: 'c-bouzid' }));
    ids.w3Conversation = c3.id;

    gpToken = await tokenFor(server, 'p-devries');
    const jansenToken = await tokenFor(server, 'p-jansen');
    Object.assign(readerOf, { 'c-pietersen': gpToken, 'c-hendriks': jansenToken, 'c-bouzid': jansenToken });
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  const valid = (resources: Resource[]) => expect(resources.flatMap(validate)).toEqual([]);

  it('metadata is a valid CapabilityStatement naming the SMART token endpoint', async () => {
    const r = await fhirGet(server.url, 'metadata');
    expect(r.status).toBe(200);
    valid([r.body]);
    expect(JSON.stringify(r.body)).toContain('/fhir/r4/auth/token');
  });

  it('every resource and search result for every demo client validates against the FHIR R4 base definitions (W1, W2, W3, W5)', async () => {
    const seen: Resource[] = [];
    for (const client of DEMO_CLIENTS) {
      const token = readerOf[client];
      const patient = await fhirGet(server.url, `Patient/${client}`, token);
      expect(patient.status, client).toBe(200);
      seen.push(patient.body);
      const byBsn = await fhirGet(server.url, `Patient?identifier=http://fhir.nl/fhir/NamingSystem/bsn|${BSN[client]}`, token);
      expect(byBsn.body.entry?.map((e) => e.resource.id)).toEqual([client]);
      seen.push(byBsn.body);
      for (const search of [`Consent?patient=Patient/${client}`, `CareTeam?patient=Patient/${client}`, `Communication?subject=Patient/${client}`, `AuditEvent?entity=Patient/${client}&_count=100`]) {
        const r = await fhirGet(server.url, search, token);
        expect(r.status, search).toBe(200);
        expect(r.body.entry?.length, search).toBeGreaterThan(0);
        seen.push(r.body);
        for (const e of r.body.entry ?? []) {
          const one = await fhirGet(server.url, `${e.resource.resourceType}/${e.resource.id}`, token);
          expect(one.status, `${e.resource.resourceType}/${e.resource.id}`).toBe(200);
          seen.push(one.body);
        }
      }
    }
    for (const path of ['Task?owner=Organization/org-hap-lombok&status=requested', 'Organization', 'PractitionerRole?organization=Organization/org-zorgzaam', 'PractitionerRole/p-yilmaz', 'Organization/org-zorgzaam']) {
      const r = await fhirGet(server.url, path, gpToken);
      expect(r.status, path).toBe(200);
      seen.push(r.body);
    }
    valid(seen);
  });

  it('maps the record as documented: BSN, consent by a carer, withdrawal, threads, files and the handover task', async () => {
    const hendriks = (await fhirGet(server.url, 'Consent?patient=Patient/c-hendriks', gpToken)).body.entry![0]!.resource as never as Record<string, unknown>;
    expect(hendriks).toMatchObject({ status: 'active', contained: [{ resourceType: 'RelatedPerson', name: [{ text: 'Kees Hendriks' }] }], performer: [{ reference: '#carer' }] });
    expect(JSON.stringify(hendriks.policy)).toContain(':v1');
    const bouzid = (await fhirGet(server.url, 'Consent?patient=Patient/c-bouzid', gpToken)).body.entry![0]!.resource;
    expect(bouzid).toMatchObject({ status: 'inactive' });
    const team = (await fhirGet(server.url, 'CareTeam?patient=Patient/c-bouzid', gpToken)).body.entry![0]!.resource;
    expect(team).toMatchObject({ status: 'suspended', subject: { reference: 'Patient/c-bouzid' } });

    const comms = (await allPages(server.url, 'Communication?subject=Patient/c-pietersen', gpToken)).resources as never as Record<string, unknown>[];
    const header = comms.find((c) => c.id === ids.w1Conversation)!;
    expect(header).toMatchObject({ topic: { text: 'Wondzorg' } });
    const [first, reply] = ids.w1Messages.map((id) => comms.find((c) => c.id === id)!);
    expect(first).toMatchObject({ partOf: [{ reference: `Communication/${ids.w1Conversation}` }], sender: { reference: 'PractitionerRole/p-devries' } });
    expect(first!.inResponseTo).toBeUndefined();
    expect(JSON.stringify(first!.payload)).toMatch(/"contentAttachment":\{"contentType":"image\/jpeg","title":"[^"]+","size":\d+/);
    expect(reply).toMatchObject({ inResponseTo: [{ reference: `Communication/${first!.id}` }], sender: { reference: 'PractitionerRole/p-yilmaz' } });

    const task = await fhirGet(server.url, `Task/${ids.w2Network}`, gpToken);
    expect(task.body).toMatchObject({ status: 'requested', owner: { reference: 'Organization/org-hap-lombok', identifier: { value: 'inbox-assistentes' } } });
  });

  it('pages Communication?subject= with keyset next links: the same messages once each, in order, after _lastUpdated', async () => {
    const whole = await allPages(server.url, 'Communication?subject=Patient/c-pietersen&_count=100', gpToken);
    const paged = await allPages(server.url, 'Communication?subject=Patient/c-pietersen&_count=2', gpToken);
    expect(paged.pages).toBeGreaterThan(3);
    expect(paged.resources.map((r) => r.id)).toEqual(whole.resources.map((r) => r.id));
    expect(new Set(paged.resources.map((r) => r.id)).size).toBe(paged.resources.length);
    const third = whole.resources[2] as Resource & { sent: string };
    const later = await allPages(server.url, `Communication?subject=Patient/c-pietersen&_lastUpdated=gt${third.sent}`, gpToken);
    expect(later.resources.every((r) => (r as never as { sent: string }).sent > third.sent)).toBe(true);
    expect(later.resources.length).toBeGreaterThan(0);
    expect((await fhirGet(server.url, 'Communication?subject=Patient/c-pietersen&_count=101', gpToken)).status).toBe(400);
    expect((await fhirGet(server.url, 'Communication?subject=Patient/c-pietersen&_cursor=bm9wZQ', gpToken)).status).toBe(400);
    expect((await fhirGet(server.url, 'Communication?subject=Patient/c-pietersen&text=wond', gpToken)).status).toBe(400);
  });

  it('refuses a _cursor whose id is not an id (U+0000 in it once reached the keyset SQL: 500)', async () => {
    const cursor = (id: string) => Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', id])).toString('base64url');
    for (const search of ['Communication?subject=Patient/c-pietersen', 'AuditEvent?entity=Patient/c-pietersen', 'Task?owner=Organization/org-hap-lombok']) {
      for (const id of ['a\u0000b', '\u0000', 'x'.repeat(65), 'a b']) {
        const r = await fhirGet(server.url, `${search}&_cursor=${cursor(id)}`, gpToken);
        expect(r.status, `${search} ${JSON.stringify(id)}`).toBe(400);
        expect(r.body.resourceType).toBe('OperationOutcome');
      }
    }
  });

  it('SMART token endpoint: a body over its limit is refused before it is read (any size was read whole into memory)', async () => {
    const ask = (pad: number) => fetch(tokenUrl, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'x'.repeat(8000), pad: 'x'.repeat(pad) }),
    });
    const over = await ask(TOKEN_BODY_LIMIT);
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: string }).error).toBe('invalid_request');
    // Under the limit, the request is judged as usual: this assertion is no JWT.
    const under = await ask(TOKEN_BODY_LIMIT - 9000);
    expect(under.status).toBe(401);
    expect(((await under.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('R8, R13: a person sees what they see in the app; the account manager without a care role reads no messages', async () => {
    const mulder = await tokenFor(server, 'p-mulder');
    expect((await fhirGet(server.url, 'Communication?subject=Patient/c-pietersen', mulder)).body.entry ?? []).toEqual([]);
    expect((await fhirGet(server.url, `Communication/${ids.w1Messages[0]}`, mulder)).status).toBe(404);
    expect((await fhirGet(server.url, 'Patient/c-pietersen', mulder)).status).toBe(200);
    // The neighbourhood team takes no part in Jan Pietersen's care: not even that he exists.
    const ahmadi = await tokenFor(server, 'p-ahmadi');
    expect((await fhirGet(server.url, 'Patient/c-pietersen', ahmadi)).status).toBe(404);
    expect((await fhirGet(server.url, `Patient?identifier=http://fhir.nl/fhir/NamingSystem/bsn|${BSN['c-pietersen']}`, ahmadi)).body.entry ?? []).toEqual([]);
    expect((await fhirGet(server.url, 'Patient/c-pietersen')).status).toBe(401);
  });

  it('SMART Backend Services: a system signs a client assertion, gets a token and reads its organisation’s Communications; another organisation’s system gets 404', async () => {
    const token = await askToken(server.url, await his.assertion(tokenUrl), 'system/Communication.rs');
    expect(token.status).toBe(200);
    expect(token.json.scope).toBe('system/Communication.rs');
    const mine = await allPages(server.url, 'Communication?subject=Patient/c-pietersen', token.json.access_token!);
    expect(mine.resources.map((r) => r.id)).toEqual(expect.arrayContaining(ids.w1Messages));
    valid(mine.resources);
    expect((await fhirGet(server.url, `Communication/${ids.w1Messages[1]}`, token.json.access_token!)).status).toBe(200);
    // Its token is scoped: Communication only.
    expect((await fhirGet(server.url, 'Patient/c-pietersen', token.json.access_token!)).status).toBe(403);

    // The home-care organisation takes part in W1's conversation (its shared inbox), not in W3's at the practice.
    const ecdToken = (await askToken(server.url, await ecd.assertion(tokenUrl))).json.access_token!;
    expect((await fhirGet(server.url, `Communication/${ids.w1Messages[0]}`, ecdToken)).status).toBe(200);
    expect((await fhirGet(server.url, `Communication/${ids.w3Conversation}`, ecdToken)).status).toBe(404);
    const other = (await askToken(server.url, await buurt.assertion(tokenUrl))).json.access_token!;
    for (const id of ids.w1Messages) expect((await fhirGet(server.url, `Communication/${id}`, other)).status, id).toBe(404);
    expect((await fhirGet(server.url, 'Communication?subject=Patient/c-pietersen', other)).body.entry ?? []).toEqual([]);
    expect((await fhirGet(server.url, 'Patient/c-pietersen', other)).status).toBe(404);
  });

  it('SMART Backend Services refuses a replayed assertion, another audience, another key, a long-lived assertion and unregistered scopes', async () => {
    const once = await his.assertion(tokenUrl);
    expect((await askToken(server.url, once)).status).toBe(200);
    expect((await askToken(server.url, once)).json.error).toBe('invalid_client');
    expect((await askToken(server.url, await his.assertion('https://elders.example/token'))).json.error).toBe('invalid_client');
    expect((await askToken(server.url, await his.assertion(tokenUrl, { key: ecd.privateKey }))).json.error).toBe('invalid_client');
    expect((await askToken(server.url, await his.assertion(tokenUrl, { expiresIn: '1h' }))).json.error).toBe('invalid_client');
    expect((await askToken(server.url, await ecd.assertion(tokenUrl), 'system/AuditEvent.rs')).json.error).toBe('invalid_scope');
    expect((await askToken(server.url, 'not-a-jwt')).status).toBe(401);
    expect((await fhirGet(server.url, 'Patient/c-pietersen', 'made-up-token')).status).toBe(401);
  });

  it('R15: every read through the record API is an audit record, a system’s under its own name', async () => {
    const before = await server.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE doc->>'userId' = 'system:his-lombok'`);
    const token = (await askToken(server.url, await his.assertion(tokenUrl))).json.access_token!;
    expect((await fhirGet(server.url, 'Patient/c-hendriks', token)).status).toBe(200);
    const after = await server.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE doc->>'userId' = 'system:his-lombok'`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const rows = await server.ctx.db.query<{ doc: Record<string, unknown> }>(
      `SELECT doc FROM audit WHERE doc->>'userId' = 'system:his-lombok' ORDER BY doc->>'at' DESC LIMIT 1`,
    );
    expect(rows[0]!.doc).toMatchObject({ clientId: 'c-hendriks', orgId: 'org-hap-lombok', role: 'system', source: 'fhir', action: 'fhir.read.Patient', event: 'read' });
    const audit = await fhirGet(server.url, 'AuditEvent?entity=Patient/c-hendriks&_count=100', gpToken);
    expect(JSON.stringify(audit.body)).toContain('system:his-lombok');
  });
});
