import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { Id } from '../../../lib/domain';

/**
 * Sign-in through an organisation's own OpenID provider (Microsoft Entra ID or another), per
 * organisation, from the JSON file NZ_OIDC_CONFIG names (server/README.md, "Sign-in with the
 * organisation's account"). A mistake stops the start with the path of what is wrong.
 */

/** Loopback issuers may be plain HTTP (a provider started by a test, or `npm start`'s demo provider); any other must be HTTPS. */
export const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

const Issuer = z.url().refine((s) => {
  const u = new URL(s);
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u));
}, 'the issuer must be an https:// URL (http:// only on loopback)');

export const OidcOrgSettings = z.strictObject({
  issuer: Issuer,
  clientId: z.string().min(1).max(200),
  /** client_secret_basic / client_secret_post: allowed, but a key is better (it never leaves this server). */
  clientSecret: z.string().min(1).max(500).optional(),
  /** private_key_jwt: a PKCS#8 PEM private key (RSA or EC P-256), relative paths from the configuration file's folder. */
  privateKeyFile: z.string().min(1).optional(),
  /** The key's certificate (PEM): its thumbprint goes in the assertion's header (`x5t`, `x5t#S256`), as Entra ID asks. */
  certificateFile: z.string().min(1).optional(),
  /** The key's id at the provider (`kid` in the assertion's header), for providers that register keys by id. */
  keyId: z.string().min(1).max(200).optional(),
  /** `offline_access` brings the refresh token the session checks in with (see check-in.ts). */
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/)).min(1).default(['openid', 'email', 'profile', 'offline_access'])
    .refine((s) => s.includes('openid'), 'the scopes must include openid'),
  /** The ID token must show a second factor: `amr` (an array) or `acr` contains one of `mfaValues`. */
  requireMfa: z.boolean(),
  mfaValues: z.array(z.string().min(1).max(200)).min(1).default(['mfa', 'otp', 'hwk']),
  /** Whether this organisation's people may still sign in with a password. */
  passwordSignIn: z.boolean(),
  /** The claim that says the e-mail address is verified (`email_verified`; for Entra ID `xms_edov`). */
  emailVerifiedClaim: z.string().min(1).max(100).default('email_verified'),
  /** How often, at most, a session checks in with the provider (its refresh token) when it is used. */
  checkInMinutes: z.number().int().min(1).max(720).default(15),
}).refine((o) => !!o.clientSecret !== !!o.privateKeyFile, 'give either clientSecret or privateKeyFile (private_key_jwt, preferred), not both')
  .refine((o) => !o.certificateFile || !!o.privateKeyFile, 'certificateFile goes with privateKeyFile');

/** The client's key for private_key_jwt: the PEM, its JWS algorithm and what its header names. */
export interface ClientKey { pem: string; alg: 'RS256' | 'ES256'; kid?: string; x5t?: string; x5tS256?: string }

export type OidcOrg = Omit<z.output<typeof OidcOrgSettings>, 'privateKeyFile' | 'certificateFile'> & { orgId: string; key?: ClientKey };
/** Organisation id → how its people sign in through its provider. */
export type OidcConfig = Readonly<Record<string, OidcOrg>>;

const thumbprint = (der: Buffer, hash: 'sha1' | 'sha256') => createHash(hash).update(der).digest('base64url');

function clientKey(settings: z.output<typeof OidcOrgSettings>, base: string, where: string): ClientKey | undefined {
  if (!settings.privateKeyFile) return undefined;
  const path = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  let pem: string;
  let alg: ClientKey['alg'];
  try {
    pem = readFileSync(path(settings.privateKeyFile), 'utf8');
    const key = createPrivateKey(pem);
    const type = key.asymmetricKeyType;
    if (type === 'rsa') alg = 'RS256';
    else if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') alg = 'ES256';
    else throw new Error('an RSA or EC P-256 key is needed');
    // jose imports PKCS#8 only: a PKCS#1 ("BEGIN RSA PRIVATE KEY") file is converted here once.
    pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (e) {
    throw new Error(`${where}.privateKeyFile: ${(e as Error).message}`);
  }
  let x5t: string | undefined;
  let x5tS256: string | undefined;
  if (settings.certificateFile) {
    try {
      const der = new X509Certificate(readFileSync(path(settings.certificateFile))).raw;
      [x5t, x5tS256] = [thumbprint(der, 'sha1'), thumbprint(der, 'sha256')];
    } catch (e) {
      throw new Error(`${where}.certificateFile: ${(e as Error).message}`);
    }
  }
  return { pem, alg, kid: settings.keyId, x5t, x5tS256 };
}

/** Checks a parsed configuration file's contents; `base` is the folder relative key paths start from. */
export function parseOidcConfig(value: unknown, base: string, name = 'NZ_OIDC_CONFIG'): OidcConfig {
  const parsed = z.record(Id, OidcOrgSettings).safeParse(value);
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  const result: Record<string, OidcOrg> = {};
  for (const [orgId, settings] of Object.entries(parsed.data)) {
    const { privateKeyFile: _, certificateFile: __, ...rest } = settings;
    // The issuer stays exactly as written: an ID token's `iss` must equal it, character for character.
    result[orgId] = { ...rest, orgId, key: clientKey(settings, base, `${name}: ${orgId}`) };
  }
  return result;
}

/** NZ_OIDC_CONFIG: the path of the JSON file; none, no organisation signs in through a provider. */
export function oidcConfigFromFile(path: string | undefined): OidcConfig {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`NZ_OIDC_CONFIG (${path}): ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`NZ_OIDC_CONFIG (${path}): not JSON`);
  }
  return parseOidcConfig(json, dirname(resolve(path)), `NZ_OIDC_CONFIG (${path})`);
}

/** The organisation's sign-in through its provider, if it has one (own keys only: the file's ids are not trusted as object keys). */
export const oidcOrg = (config: OidcConfig | undefined, orgId: string): OidcOrg | undefined =>
  config && Object.hasOwn(config, orgId) ? config[orgId] : undefined;
