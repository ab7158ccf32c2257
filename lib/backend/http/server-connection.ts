import type { ServerMode } from '../../contract/port';
import { fail } from '../../contract/result';
import { accountAction, eventsUrl, eventTicket, signIn, signOut } from './auth-client';
import { HttpBackend } from './http-backend';
import type { TokenStore } from './token-store';
import { signInThroughProvider, ssoOrganisations, type ProviderStep } from './sso';

/** The organisation's server: its Backend, and signing in and out; the token lives in the given store. */
export interface ServerConnection {
  mode: ServerMode;
  backend: HttpBackend;
}

/** `provider`: how this host takes a person to their organisation's provider; without, only the password sign-in. */
export function connectServer(baseUrl: string, tokens: TokenStore, provider?: ProviderStep): ServerConnection {
  const backend = new HttpBackend({ baseUrl, tokens });
  return {
    backend,
    mode: {
      kind: 'server',
      baseUrl,
      async signIn(email, password, totp) {
        const r = await signIn(baseUrl, { email, password, totp: totp || undefined });
        if (!r.ok) return { ok: false, code: r.code };
        await tokens.set(r.value.token);
        return { ok: true, totpEnrolmentRequired: r.value.totpEnrolmentRequired, professionalId: r.value.professionalId };
      },
      organisations: async () => (provider ? ssoOrganisations(baseUrl) : { ok: true, value: [] }),
      async signInWithOrganisation(orgId) {
        if (!provider) return { ok: false, code: 'sso-failed' };
        return signInThroughProvider(baseUrl, orgId, provider, tokens);
      },
      async signOut() {
        const token = await tokens.get();
        await tokens.set(undefined);
        if (token) await signOut(baseUrl, token);
      },
      async liveUrl() {
        const token = await tokens.get();
        if (!token) return fail('not-signed-in');
        const r = await eventTicket(baseUrl, token);
        return r.ok ? { ok: true, value: eventsUrl(baseUrl, r.value.ticket) } : r;
      },
      async account(action, input) {
        const token = await tokens.get();
        return token ? accountAction(baseUrl, token, action, input) : fail('not-signed-in');
      },
    },
  };
}
