import { eventsUrl, eventTicket, signIn, signOut } from '../backend/http/auth-client';
import { HttpBackend } from '../backend/http/http-backend';
import type { TokenStore } from '../backend/http/token-store';
import type { Backend } from '../backend/port';
import { fail, type Result } from '../backend/result';
import type { SignInOutcome } from '../backend/runtime/protocol';

export type { SignInOutcome };

/** The organisation's server: its Backend and signing in and out; the token lives in the given store. */
export interface ServerHost {
  baseUrl: string;
  backend: Backend;
  signIn(email: string, password: string, totp?: string): Promise<SignInOutcome>;
  signOut(): Promise<void>;
  /** A one-time address of the live event stream (an `EventSource` cannot send the token). */
  liveUrl(): Promise<Result<string>>;
}

/** `source` is what the audit log records (R15): the side panel, or the widget's embed page. */
export function createServerHost(baseUrl: string, tokens: TokenStore, source: 'sidepanel' | 'widget' = 'sidepanel'): ServerHost {
  const backend = new HttpBackend({ baseUrl, tokens, source });
  return {
    baseUrl,
    backend,
    async signIn(email, password, totp) {
      const r = await signIn(baseUrl, { email, password, totp: totp || undefined });
      if (!r.ok) return { ok: false, code: r.code, totpRequired: r.detail === 'totp-required' };
      await tokens.set(r.value.token);
      return { ok: true, totpEnrolmentRequired: r.value.totpEnrolmentRequired };
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
  };
}
