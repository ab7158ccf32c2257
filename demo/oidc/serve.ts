// `npm start`'s OpenID provider for one demo organisation (Thuiszorg Zorgzaam), on loopback only: it
// stands in for the organisation's own (Microsoft Entra ID, say). It writes the server's NZ_OIDC_CONFIG
// file (and the client's key for private_key_jwt) to the path start.mjs gives it.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK } from 'jose';
import { DEMO, demoRegion } from '../../lib/service/demo-region';
import { DEMO_PASSWORD } from '../../server/seed';
import { openOidcProvider } from './provider';

const configFile = process.env.NZ_OIDC_DEMO_CONFIG || join('data', 'demo-oidc', 'config.json');
const serverUrl = process.env.NZ_PUBLIC_URL || `http://127.0.0.1:${process.env.NZ_PORT || 8787}`;
const CLIENT_ID = 'netwerkzorg-demo';

// The client's key: made once, kept beside the configuration (only its owner may read it).
mkdirSync(dirname(configFile), { recursive: true });
const keyFile = join(dirname(configFile), 'client-key.pem');
if (!existsSync(keyFile)) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
}
const publicJwk = { ...(await exportJWK(createPublicKey(createPrivateKey(readFileSync(keyFile, 'utf8'))))), kid: 'demo-client', alg: 'RS256', use: 'sig' };

// The demo organisation's people, as its provider knows them: their own subject, their address, the demo password.
const people = (await demoRegion(new Date().toISOString())).flatMap((p) =>
  p.store === 'professionals' && p.value.orgId === DEMO.homecare ? [{ sub: `zorgzaam-${p.value.id}`, email: p.value.email, name: p.value.name, password: DEMO_PASSWORD }] : []);

const idp = await openOidcProvider({ port: Number(process.env.NZ_OIDC_DEMO_PORT || 8792), people });
await idp.start([{
  client_id: CLIENT_ID, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk as never] },
  redirect_uris: [`${serverUrl}/api/v1/auth/oidc/callback`], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
  backchannel_logout_uri: `${serverUrl}/api/v1/auth/oidc/backchannel-logout`, backchannel_logout_session_required: true,
}]);
writeFileSync(configFile, `${JSON.stringify({
  [DEMO.homecare]: { issuer: idp.issuer, clientId: CLIENT_ID, privateKeyFile: 'client-key.pem', keyId: 'demo-client', requireMfa: true, passwordSignIn: true },
}, null, 2)}\n`);

process.stdout.write(`OpenID provider (demo, for Thuiszorg Zorgzaam): ${idp.issuer} — sign in there as ${people[0]?.email}, password "${DEMO_PASSWORD}"\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void idp.close().then(() => process.exit(0)));
}
