import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, type JWK } from 'jose';
import { openOidcProvider, type OidcProviderHandle, type ProviderPerson } from '../../../demo/oidc/provider';
import { parseOidcConfig } from '../../../server/auth/oidc/config';
import type { ServerConfig } from '../../../server/config';
import { pgliteRegion, startRegion } from '../../contract/http-harness';
import { testClock, type TestServer } from '../helpers';

/** The Chrome extension's identity redirect: where launchWebAuthFlow would catch the code. */
export const EXTENSION_RETURN = 'https://cbdochepajajcahpomnhehgjmgccdjih.chromiumapp.org/sso';

/**
 * A browser as far as a sign-in needs one: cookies per host, redirects followed by hand (so a test can
 * look at, and tamper with, each step).
 */
export class Browser {
  private cookies = new Map<string, Map<string, string>>();

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.cookies.get(u.host) ?? new Map<string, string>();
    const headers: Record<string, string> = {};
    if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, pair!.slice(eq + 1).trim());
    }
    this.cookies.set(u.host, jar);
    return res;
  }

  /** Follows redirects from `url` until one leads where `stop` says (that URL is answered), or a page answers (undefined). */
  async follow(url: string, stop: (next: URL) => boolean): Promise<{ at: string; stopped?: URL; res?: Response }> {
    let at = url;
    for (let i = 0; i < 10; i++) {
      const res = await this.go(at);
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400) return { at, res };
      await res.arrayBuffer();
      const next = new URL(location, at);
      if (stop(next)) return { at, stopped: next };
      at = next.href;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

export interface SsoRegion {
  server: TestServer;
  idp: OidcProviderHandle;
  clock: ReturnType<typeof testClock>;
  /** The server's log lines (security log included), as [event, fields]. */
  logs: [string, Record<string, unknown>][];
  /** The client key the zorgzaam registration signs its assertions with (private_key_jwt). */
  clientJwk: JWK;
  close(): Promise<void>;
}

/** Everyone the test provider knows; the server's demo region has the accounts (or not, on purpose). */
export const PROVIDER_PEOPLE: ProviderPerson[] = [
  { sub: 'sub-yilmaz', email: 'y.yilmaz@zorgzaam.nl' },
  { sub: 'sub-degraaf', email: 'm.degraaf@zorgzaam.nl', emailVerified: false },
  { sub: 'sub-nobody', email: 'n.iemand@zorgzaam.nl' },
  { sub: 'sub-gmail', email: 'yusuf.yilmaz@gmail.com' },
  { sub: 'sub-devries-at-zorgzaam', email: 'a.devries@lombokhuisartsen.nl' },
  { sub: 'sub-smit', email: 'l.smit@lombokhuisartsen.nl' },
  { sub: 'sub-visser', email: 'm.visser@lombokhuisartsen.nl' },
  { sub: 'sub-dekker', email: 'j.dekker@zorgzaam.nl' },
];

/**
 * The reference server (PGlite, the demo region, a clock the test moves) with two organisations signing
 * in through a real OpenID provider on loopback: Thuiszorg Zorgzaam with private_key_jwt, a second
 * factor required and password sign-in off; the GP practice with a client secret, no second factor
 * required and passwords still allowed. `port`: where it listens, for a browser test; `config`: more
 * settings (the widget's build and its intranet origins, say).
 */
export async function ssoRegion(options: { port?: number; config?: Partial<ServerConfig> } = {}): Promise<SsoRegion> {
  const idp = await openOidcProvider({ people: PROVIDER_PEOPLE.map((p) => ({ ...p })) });
  const dir = mkdtempSync(join(tmpdir(), 'nz-oidc-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'client-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const clientJwk = { ...(await exportJWK(publicKey)), kid: 'zorgzaam-1', alg: 'RS256', use: 'sig' };
  const oidc = parseOidcConfig({
    'org-zorgzaam': { issuer: idp.issuer, clientId: 'netwerkzorg-zorgzaam', privateKeyFile: 'client-key.pem', keyId: 'zorgzaam-1', requireMfa: true, passwordSignIn: false },
    'org-hap-lombok': { issuer: idp.issuer, clientId: 'netwerkzorg-lombok', clientSecret: 'lombok-geheim-voor-de-test', requireMfa: false, passwordSignIn: true },
  }, dir);
  const clock = testClock();
  const logs: [string, Record<string, unknown>][] = [];
  const db = await pgliteRegion();
  // With a port, the server's public address is its real one, so a real browser can come back to the callback.
  const at = options.port ? { port: options.port, publicUrl: `http://127.0.0.1:${options.port}` } : {};
  const server = await startRegion({ ...db, config: { ...db.config, ...options.config, ...at, oidc } }, { now: clock.now, log: (event, fields) => void logs.push([event, fields ?? {}]) });
  const callback = `${server.ctx.config.publicUrl}/api/v1/auth/oidc/callback`;
  const logout = `${server.url}/api/v1/auth/oidc/backchannel-logout`;
  const common = { redirect_uris: [callback], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code' as const], backchannel_logout_uri: logout, backchannel_logout_session_required: true };
  await idp.start([
    { ...common, client_id: 'netwerkzorg-zorgzaam', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [clientJwk as never] } },
    { ...common, client_id: 'netwerkzorg-lombok', client_secret: 'lombok-geheim-voor-de-test', token_endpoint_auth_method: 'client_secret_basic' },
  ]);
  return {
    server, idp, clock, logs, clientJwk,
    async close() {
      await idp.close();
      await server.region.dispose();
    },
  };
}

export interface SignInSteps {
  /** The flow's start, e.g. to a return URL that is not allowed. */
  returnUrl?: string;
  mfa?: boolean;
  /** Changes the provider's authorisation request before the browser follows it (a nonce of someone else's, say). */
  alterAuthorization?: (url: URL) => void;
  browser?: Browser;
}

/**
 * The browser's way through a sign-in, up to the provider's redirect to the server's callback: the
 * server's start, the provider's login page, the login. Answers the callback URL the provider sent the
 * browser to (on the server's public address, which in tests has no port: `deliver` takes it there).
 */
export async function loginAtProvider(region: SsoRegion, orgId: string, email: string, steps: SignInSteps = {}) {
  const browser = steps.browser ?? new Browser();
  const start = await browser.go(`${region.server.url}/api/v1/auth/oidc/${orgId}/start?return=${encodeURIComponent(steps.returnUrl ?? EXTENSION_RETURN)}`);
  if (start.status !== 302) throw new Error(`start: ${start.status} ${await start.text()}`);
  const authorization = new URL(start.headers.get('location')!);
  steps.alterAuthorization?.(authorization);
  const toLogin = await browser.follow(authorization.href, (u) => u.pathname.startsWith('/interaction/'));
  const login = new URL(toLogin.stopped!.pathname + '/login', region.idp.issuer).href;
  const form: Record<string, string> = { email, password: 'wat-dan-ook' };
  if (steps.mfa ?? true) form.mfa = 'on';
  const afterLogin = await browser.go(login, { method: 'POST', form });
  if (afterLogin.status !== 303 && afterLogin.status !== 302) throw new Error(`login: ${afterLogin.status} ${await afterLogin.text()}`);
  const callback = await browser.follow(new URL(afterLogin.headers.get('location')!, region.idp.issuer).href, (u) => u.pathname === '/api/v1/auth/oidc/callback');
  if (!callback.stopped) throw new Error(`no callback: ${callback.res?.status} ${await callback.res?.text()}`);
  return { browser, callback: callback.stopped };
}

/** The callback delivered to the server (at its real address): where the server sends the browser. */
export async function deliver(region: SsoRegion, callback: URL): Promise<{ status: number; location?: URL; body: string }> {
  const res = await fetch(`${region.server.url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : undefined, body: await res.text() };
}

/** The one-time code for a session. */
export async function exchange(region: SsoRegion, code: string) {
  const res = await fetch(`${region.server.url}/api/v1/auth/oidc/exchange`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ nz_code: code }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A whole sign-in through the provider: the session's token, or the refusal the server returned with. */
export async function signInThroughProvider(region: SsoRegion, orgId: string, email: string, steps: SignInSteps = {}) {
  const { browser, callback } = await loginAtProvider(region, orgId, email, steps);
  const back = await deliver(region, callback);
  if (back.status !== 302 || !back.location) return { browser, refused: `callback ${back.status}`, body: back.body };
  const error = back.location.searchParams.get('nz_error');
  if (error) return { browser, refused: error, location: back.location };
  const code = back.location.searchParams.get('nz_code')!;
  const session = await exchange(region, code);
  if (session.status !== 200) return { browser, refused: `exchange ${session.status} ${String(session.json.code)}`, code };
  return { browser, token: session.json.token as string, professionalId: session.json.professionalId as string, code, location: back.location };
}

/** The demo provider's login page in a real browser (playwright's Page): the person signs in there. */
export async function signInAtProviderPage(page: import('playwright-core').Page, region: SsoRegion, email: string) {
  await page.getByRole('heading', { name: 'Aanmelden bij uw organisatie' }).waitFor();
  if (new URL(page.url()).origin !== new URL(region.idp.issuer).origin) throw new Error(`not at the provider: ${page.url()}`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('wat-dan-ook');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}
