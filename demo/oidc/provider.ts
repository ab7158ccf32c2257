import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider) on loopback, standing in for an organisation's own (Entra ID,
 * say): for the server tests and for `npm start`'s demo organisation. Its people are a list; its login
 * page is a plain form (e-mail, password, and whether a second factor was used, which sets `amr`); it
 * supports refresh tokens (offline_access) and Back-Channel Logout. Consent is implied: the product is
 * the organisation's own application.
 */
export interface ProviderPerson {
  /** The provider's subject: stable, not the e-mail address. */
  sub: string;
  email: string;
  emailVerified?: boolean;
  name?: string;
  /** Without one, any password is taken (tests). */
  password?: string;
}

export interface OidcProviderHandle {
  /** The issuer: `http://127.0.0.1:<port>`. */
  issuer: string;
  /** The people it knows, by subject; removing one makes the provider refuse their refresh tokens (deprovisioning). */
  people: Map<string, ProviderPerson>;
  /**
   * Starts answering, with these clients (the server's redirect and back-channel logout URLs known by
   * then), under a new signing key each time (the same key id).
   */
  start(clients: ClientMetadata[]): Promise<void>;
  /** Tests only: rewrites the token endpoint's answers (to hand the server an ID token the provider did not sign). */
  tokenAnswer?: (body: Record<string, unknown>) => Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const html = (title: string, body: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}input[type=email],input[type=password]{width:100%;padding:.4rem}button{padding:.5rem 1.2rem}.note{color:#555;font-size:.9rem}.error{color:#a00}</style>
</head><body>${body}</body></html>`;
const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function loginPage(uid: string, error?: string) {
  return html('Aanmelden (demo-identiteitsprovider)', `<h1>Aanmelden bij uw organisatie</h1>
<p class="note">Demo-identiteitsprovider van Netwerkzorg (oefengegevens), in plaats van bijvoorbeeld Microsoft Entra ID.</p>
${error ? `<p class="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>E-mailadres <input type="email" name="email" required autofocus></label>
<label>Wachtwoord <input type="password" name="password" required></label>
<label><input type="checkbox" name="mfa" value="on" checked> Met tweede factor (code uit de app)</label>
<button type="submit">Aanmelden</button></form>`);
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) break;
  }
  return new URLSearchParams(body);
}

/** Listens on loopback at once (so the issuer is known before the server under test starts); answers after `start`. */
export async function openOidcProvider(options: { port?: number; people?: ProviderPerson[] } = {}): Promise<OidcProviderHandle> {
  const people = new Map((options.people ?? []).map((p) => [p.sub, p]));
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function start(clients: ClientMetadata[]) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const signing: JWK = { ...(await exportJWK(privateKey)), kid: 'demo-signing', alg: 'RS256', use: 'sig' };
    const provider = new Provider(issuer, {
      clients,
      jwks: { keys: [signing as never] },
      async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
        const p = people.get(sub);
        if (!p) return undefined;
        return { accountId: sub, claims: async () => ({ sub, email: p.email, email_verified: p.emailVerified ?? true, name: p.name }) };
      },
      // amr and acr (how the person signed in: the second factor) in every ID token, as Entra ID has them.
      claims: { openid: ['sub', 'amr', 'acr'], email: ['email', 'email_verified'], profile: ['name'], sid: null, auth_time: null },
      ttl: { Interaction: 600, Session: 8 * 3600, Grant: 14 * 24 * 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60, RefreshToken: 14 * 24 * 3600 },
      // The e-mail claims in the ID token itself, as Entra ID puts them there (its optional claims).
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false }, backchannelLogout: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      pkce: { required: () => true },
      interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const { oidc } = ctx;
        const existing = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(oidc.client!.clientId);
        if (existing) return oidc.provider.Grant.find(existing);
        const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId });
        grant.addOIDCScope('openid email profile offline_access');
        await grant.save();
        return grant;
      },
      // A refresh token for every client that may use one, as Entra ID gives with offline_access (without oidc-provider's prompt=consent).
      issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
      cookies: { keys: [crypto.randomUUID()] },
      // Back-channel logouts go to the server on loopback, which oidc-provider's guard against requests to private addresses would stop.
      fetch: (url: string | URL | Request, init?: RequestInit) => globalThis.fetch(url, { ...init, dispatcher: undefined } as RequestInit),
    });
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === '/token' && ctx.status === 200 && handle.tokenAnswer) ctx.body = await handle.tokenAnswer(ctx.body as Record<string, unknown>);
    });
    // A back-channel logout the server did not take is worth seeing: its sessions then stay.
    provider.on('backchannel.error', (_ctx: unknown, err: Error) => process.stderr.write(`demo OpenID provider: back-channel logout failed: ${err.message}\n`));
    const oidcCallback = provider.callback();

    handler = (req, res) => {
      const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
      if (!m) return void oidcCallback(req, res);
      void (async () => {
        try {
          await provider.interactionDetails(req, res);
          if (req.method === 'GET' && !m[2]) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(loginPage(m[1]!));
          if (req.method !== 'POST' || !m[2]) return void res.writeHead(405).end();
          const form = await formOf(req);
          const email = (form.get('email') ?? '').trim().toLowerCase();
          const person = [...people.values()].find((p) => p.email.toLowerCase() === email);
          if (!person || (person.password !== undefined && person.password !== form.get('password'))) {
            return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(loginPage(m[1]!, 'Onbekend e-mailadres of wachtwoord.'));
          }
          const mfa = form.get('mfa') === 'on';
          await provider.interactionFinished(req, res, {
            login: { accountId: person.sub, amr: mfa ? ['pwd', 'mfa'] : ['pwd'], acr: mfa ? 'urn:netwerkzorg:demo:mfa' : 'urn:netwerkzorg:demo:pwd' },
          }, { mergeWithLastSubmission: false });
        } catch {
          if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Deze aanmelding is verlopen. Begin opnieuw.');
        }
      })();
    };
  }

  const handle: OidcProviderHandle = {
    issuer,
    people,
    start,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  return handle;
}
