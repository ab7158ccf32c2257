import type { z } from 'zod';
import type { Result } from '../../contract/result';
import { joinUrl, postJson, type FetchLike } from './fetch-json';
import {
  ActivationLinkOutput, API_PREFIX, EventTicketOutput, SetPasswordOutput, SignInOutput, SignOutOutput, type SignInInput,
} from '../../contract/wire';

const defaultFetch: FetchLike = (input, init) => fetch(input, init);
const auth = (baseUrl: string, route: string) => joinUrl(baseUrl, `${API_PREFIX}/auth/${route}`);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Signs in; a wrong e-mail or password reads the same (`not-signed-in`); `detail: 'totp-required'` asks for a code. */
export function signIn(
  baseUrl: string, credentials: z.input<typeof SignInInput>, fetchImpl: FetchLike = defaultFetch,
): Promise<Result<SignInOutput>> {
  return postJson(fetchImpl, auth(baseUrl, 'sign-in'), credentials, SignInOutput);
}

export async function signOut(baseUrl: string, token: string, fetchImpl: FetchLike = defaultFetch): Promise<Result<null>> {
  const r = await postJson(fetchImpl, auth(baseUrl, 'sign-out'), {}, SignOutOutput, { headers: bearer(token) });
  return r.ok ? { ok: true, value: null } : r;
}

/** Sets a new account's password with the token from its activation link (`…/activate#token=…`). */
export function setPassword(baseUrl: string, token: string, password: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'set-password'), { token, password }, SetPasswordOutput);
}

/** For the account manager who created an account: its activation link, once. */
export function activationLink(baseUrl: string, token: string, professionalId: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'activation-link'), { professionalId }, ActivationLinkOutput, { headers: bearer(token) });
}

/** A one-time ticket for `new EventSource(eventsUrl(baseUrl, ticket))`, which cannot send headers. */
export function eventTicket(baseUrl: string, token: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'event-ticket'), {}, EventTicketOutput, { headers: bearer(token) });
}

export const eventsUrl = (baseUrl: string, ticket: string) =>
  joinUrl(baseUrl, `${API_PREFIX}/events?ticket=${encodeURIComponent(ticket)}`);
