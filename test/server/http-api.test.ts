import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../lib/contract/operations';
import { AUTH_ROUTES } from '../../lib/contract/wire';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { statusOf } from '../../server/api/status';
import { REFUSAL_CODES } from '../../lib/domain';
import { bearer, pgliteServer, post, tokenFor, type TestServer } from './helpers';
import { freePort } from './pg-cluster';

describe('HTTP API', () => {
  let server: TestServer;
  let token: string;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await pgliteServer({ config: { allowedOrigins: ['https://intranet.example.nl'] } });
    server.ctx.log = (event, fields) => logged.push(JSON.stringify({ event, ...fields }));
    token = await tokenFor(server, 'p-jansen');
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  it('publishes an OpenAPI 3.1 document with every operation and auth route, generated from the zod schemas', async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json() as { openapi: string; paths: Record<string, { post?: { parameters?: { name: string; required: boolean }[]; requestBody: { content: Record<string, { schema: { properties?: object } }> } } }> };
    expect(doc.openapi).toBe('3.1.0');
    for (const op of Object.keys(operations)) {
      const path = doc.paths[`/api/v1/ops/${op}`];
      expect(path?.post, op).toBeTruthy();
      const key = path!.post!.parameters!.find((p) => p.name === 'Idempotency-Key');
      expect(!!key?.required, `${op} needs an Idempotency-Key`).toBe(operations[op as keyof typeof operations].kind === 'command');
    }
    for (const route of Object.keys(AUTH_ROUTES)) expect(doc.paths[`/api/v1/auth/${route}`]?.post, route).toBeTruthy();
    expect(doc.paths['/api/v1/ops/postMessage']!.post!.requestBody.content['application/json']!.schema.properties).toHaveProperty('text');
  });

  it('outlines the record API (FHIR R4) in the OpenAPI document, its types those of the CapabilityStatement it points to', async () => {
    type Route = { description?: string; security?: Record<string, unknown>[]; parameters?: { name: string; schema: { enum?: string[] } }[] };
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json() as {
      paths: Record<string, { get?: Route; post?: Route }>;
      components: { securitySchemes: Record<string, { type: string; flows?: { clientCredentials?: { tokenUrl: string; scopes: Record<string, string> } } }> };
    };
    for (const path of ['/fhir/r4/metadata', '/fhir/r4/.well-known/smart-configuration', '/fhir/r4/{type}', '/fhir/r4/{type}/{id}']) expect(doc.paths[path]?.get, path).toBeTruthy();
    expect(doc.paths['/fhir/r4/auth/token']?.post).toBeTruthy();
    const capability = await (await fetch(`${server.url}/fhir/r4/metadata`)).json() as { rest: { resource: { type: string }[] }[] };
    const served = capability.rest[0]!.resource.map((r) => r.type);
    for (const path of ['/fhir/r4/{type}', '/fhir/r4/{type}/{id}']) {
      const get = doc.paths[path]!.get!;
      expect(get.parameters!.find((p) => p.name === 'type')!.schema.enum).toEqual(served);
      expect(get.description).toContain('/fhir/r4/metadata');
      expect(get.security).toEqual([{ bearer: [] }, { smart: [] }]);
    }
    const smart = doc.components.securitySchemes.smart!;
    expect(smart.type).toBe('oauth2');
    expect(smart.flows!.clientCredentials!.tokenUrl).toBe('/fhir/r4/auth/token');
    const configuration = await (await fetch(`${server.url}/fhir/r4/.well-known/smart-configuration`)).json() as { scopes_supported: string[] };
    expect(Object.keys(smart.flows!.clientCredentials!.scopes)).toEqual(configuration.scopes_supported);
  });

  it('serves a readable API page with no script and nothing loaded from elsewhere', async () => {
    const res = await fetch(`${server.url}/api/v1/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/api/v1/ops/startConversation');
    expect(html).toContain('GET /fhir/r4/{type}/{id}');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
  });

  it('sets security headers on API answers', async () => {
    const r = await post(server, '/api/v1/ops/session', {}, bearer(token));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('allows CORS for configured origins and extensions only', async () => {
    const preflight = (origin: string) => fetch(`${server.url}/api/v1/ops/session`, {
      method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' },
    });
    for (const origin of ['https://intranet.example.nl', `chrome-extension://${'a'.repeat(32)}`, 'moz-extension://0a1b2c3d-0000-4000-8000-123456789abc']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    }
    for (const origin of ['https://evil.example', 'https://intranet.example.nl.evil.example', 'chrome-extension://short']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    // The answer itself: readable, with the headers a client needs, by an allowed origin only.
    const answer = (origin: string) => fetch(`${server.url}/api/v1/ops/session`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json', ...bearer(token) }, body: '{}' });
    const allowed = await answer('https://intranet.example.nl');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://intranet.example.nl');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('Idempotent-Replayed');
    expect(allowed.headers.get('vary')).toContain('Origin');
    expect(allowed.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const denied = await answer('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('refuses a body above the limit (413) and one that is not JSON (400)', async () => {
    const big = await post(server, '/api/v1/ops/postMessage', { conversationId: 'x', messageId: 'y', text: 'x'.repeat(300 * 1024) }, { ...bearer(token), 'Idempotency-Key': 'k-toolarge-1' });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ ok: false, code: 'invalid-input' });
    const bad = await post(server, '/api/v1/ops/session', '{not json', bearer(token));
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('answers an unknown operation or route with a JSON 404', async () => {
    expect((await post(server, '/api/v1/ops/dropTables', {}, bearer(token))).json).toMatchObject({ ok: false, code: 'not-found' });
    const res = await fetch(`${server.url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('needs a session for every operation, and an Idempotency-Key for every command', async () => {
    expect((await post(server, '/api/v1/ops/session', {})).status).toBe(401);
    const noKey = await post(server, '/api/v1/ops/createClient', { name: 'Zonder Sleutel', birthDate: '1950-01-01' }, bearer(token));
    expect(noKey.status).toBe(400);
    expect(noKey.json.issues).toEqual([expect.objectContaining({ path: ['Idempotency-Key'] })]);
    const query = await post(server, '/api/v1/ops/directory', {}, bearer(token));
    expect(query.status).toBe(200);
  });

  it('maps refusals to statuses: 400, 401, 403, 404, 409, 413, 415, 422, 429', () => {
    const expected: Partial<Record<(typeof REFUSAL_CODES)[number], number>> = {
      'invalid-input': 400, 'not-signed-in': 401, 'account-inactive': 401, 'account-manager-only': 403, 'contents-restricted': 403,
      'gp-only': 403, 'regional-admin-only': 403, 'team-manager-only': 403, 'not-found': 404, conflict: 409,
      'consent-required': 422, 'network-read-only': 422, 'email-private': 422, 'rate-limited': 429,
      // R20: a file too large, or of a type not taken in.
      'file-too-large': 413, 'file-type-refused': 415, 'file-heic': 415, 'too-many-files': 422,
    };
    for (const [code, status] of Object.entries(expected)) expect(statusOf(code as (typeof REFUSAL_CODES)[number]), code).toBe(status);
    for (const code of REFUSAL_CODES) expect([400, 401, 403, 404, 409, 413, 415, 422, 429, 503]).toContain(statusOf(code));
  });

  it('gives a 400 with zod issues for invalid input, and a 422 for a domain refusal', async () => {
    const invalid = await post(server, '/api/v1/ops/createClient', { name: '', birthDate: 'gisteren' }, { ...bearer(token), 'Idempotency-Key': 'k-invalid-1' });
    expect(invalid.status).toBe(400);
    expect((invalid.json.issues as unknown[]).length).toBeGreaterThan(0);
    const refused = await post(server, '/api/v1/ops/createNetwork', { clientId: 'c-bouzid' }, { ...bearer(token), 'Idempotency-Key': 'k-refused-1' });
    expect(refused.status).toBe(422);
    expect(refused.json).toEqual({ ok: false, code: 'consent-required' });
  });

  it('never puts a stack trace in an answer, and logs no message text or token', async () => {
    const backend = new HttpBackend({ baseUrl: server.url, tokens: memoryTokenStore(token) });
    const client = await backend.call('createClient', { name: 'Log Test', birthDate: '1950-01-01' });
    if (!client.ok) throw new Error(client.code);
    const text = await backend.call('currentConsentText', {});
    if (!text.ok || !text.value) throw new Error('text');
    await backend.call('recordConsent', { clientId: client.value.id, textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
    const network = await backend.call('createNetwork', { clientId: client.value.id });
    if (!network.ok) throw new Error(network.code);
    const secret = 'GEHEIME-BERICHTTEKST-' + crypto.randomUUID();
    const conv = await backend.call('startConversation', { networkId: network.value.id, subject: 'Log', inboxIds: ['inbox-pohs'], messageId: crypto.randomUUID(), text: secret });
    expect(conv.ok).toBe(true);
    const all = logged.join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(token);
    expect(all).toContain('/api/v1/ops/startConversation');
    // Make the database fail under a request: the answer is a plain 500, the log has no message.
    const { query, transaction } = server.ctx.db;
    const fail = async (): Promise<never> => {
      throw Object.assign(new Error(`relation "x" does not exist: ${secret}`), { code: '42P01' });
    };
    // The token is known by now, so its session is checked inside the operation's transaction: both fail.
    server.ctx.db.query = fail;
    server.ctx.db.transaction = fail;
    try {
      const broken = await post(server, '/api/v1/ops/session', {}, bearer(token));
      expect(broken.status).toBe(500);
      expect(broken.json).toEqual({ ok: false, code: 'unavailable', detail: 'internal' });
      expect(broken.text).not.toMatch(/relation|\.ts:\d+|at /);
    } finally {
      server.ctx.db.query = query;
      server.ctx.db.transaction = transaction;
    }
    expect(logged.join('\n')).toContain('"code":"42P01"');
    expect(logged.join('\n')).not.toContain(secret);
  });

  it('HttpBackend: a server that cannot be reached is `unavailable`, not an exception', async () => {
    const port = await freePort();
    const backend = new HttpBackend({ baseUrl: `http://127.0.0.1:${port}`, tokens: memoryTokenStore('t'.repeat(43)) });
    expect(await backend.call('session', {})).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('HttpBackend: no token is `not-signed-in`, and a dead token is forgotten', async () => {
    const tokens = memoryTokenStore();
    const backend = new HttpBackend({ baseUrl: server.url, tokens });
    expect(await backend.call('session', {})).toMatchObject({ ok: false, code: 'not-signed-in' });
    await tokens.set('d'.repeat(43));
    expect(await backend.call('session', {})).toMatchObject({ ok: false, code: 'not-signed-in' });
    expect(await tokens.get()).toBeUndefined();
  });

  it('HttpBackend: an answer that does not match the schema is `unavailable`', async () => {
    const backend = new HttpBackend({
      baseUrl: server.url, tokens: memoryTokenStore('t'.repeat(43)),
      fetch: async () => new Response(JSON.stringify({ professional: 'nope' }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    });
    expect(await backend.call('session', {})).toMatchObject({ ok: false, code: 'unavailable', detail: 'answer' });
  });
});
