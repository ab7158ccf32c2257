import { importPKCS8 } from 'jose';
import * as oidc from 'openid-client';
import { SSO_ROUTES } from '../../../lib/contract/wire';
import type { ClientKey, OidcOrg } from './config';

/** The callback every organisation's provider returns to: register exactly this as the redirect URI. */
export const callbackUrl = (publicUrl: string) => `${publicUrl}${SSO_ROUTES.callback.path}`;

/** How long a request to a provider may take, in seconds. */
const TIMEOUT_SECONDS = 10;

/** private_key_jwt with the organisation's key; its header names the key as the provider asks (kid, or the certificate's thumbprints). */
async function privateKeyJwt(key: ClientKey): Promise<oidc.ClientAuth> {
  const cryptoKey = await importPKCS8(key.pem, key.alg);
  return oidc.PrivateKeyJwt({ key: cryptoKey, kid: key.kid }, {
    [oidc.modifyAssertion]: (header) => {
      if (key.x5t) Object.assign(header, { x5t: key.x5t, 'x5t#S256': key.x5tS256 });
    },
  });
}

/**
 * The provider's configuration for openid-client, from its discovery document: fetched once per
 * organisation and kept; a failed discovery is tried again at the next sign-in. Everything the
 * library checks (issuer, signatures against the provider's keys, audience, expiry, nonce, state,
 * PKCE) it checks with this.
 */
const discovered = new WeakMap<OidcOrg, Promise<oidc.Configuration>>();

export function providerConfig(org: OidcOrg): Promise<oidc.Configuration> {
  let config = discovered.get(org);
  if (!config) {
    config = (async () => {
      const auth = org.key ? await privateKeyJwt(org.key) : oidc.ClientSecretBasic(org.clientSecret);
      const insecure = new URL(org.issuer).protocol === 'http:'; // loopback only (config.ts)
      const c = await oidc.discovery(new URL(org.issuer), org.clientId, undefined, auth, {
        timeout: TIMEOUT_SECONDS, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
      c.timeout = TIMEOUT_SECONDS;
      // The ID token's signature is checked too, against the provider's published keys, not only the TLS connection it came over.
      oidc.enableNonRepudiationChecks(c);
      return c;
    })();
    config.catch(() => discovered.delete(org));
    discovered.set(org, config);
  }
  return config;
}
