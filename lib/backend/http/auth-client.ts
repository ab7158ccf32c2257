import type { z } from 'zod';
import type { Result } from '../../contract/result';
import { joinUrl, postJson, type FetchLike } from './fetch-json';
import {
  ACCOUNT_ACTIONS, API_PREFIX, AUTH_ROUTES, ChangePasswordOutput, type AccountAction, type AccountInput, type AccountOutput, EventTicketOutput, RequestPasswordResetOutput, ResendInvitationOutput, SetPasswordOutput, SignInOutput,
  SignOutOutput, type SignInInput,
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

/** For an account manager: a new invitation mailed to a person who has not activated their account (the old link stops working). */
export function resendInvitation(baseUrl: string, token: string, professionalId: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'resend-invitation'), { professionalId }, ResendInvitationOutput, { headers: bearer(token) });
}

/** Asks for a reset link by mail; answers the same whether or not the address has an account. */
export function requestPasswordReset(baseUrl: string, email: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'request-password-reset'), { email }, RequestPasswordResetOutput);
}

/** Sets a new password with the token from a reset link (`…/reset-password#token=…`). */
export function resetPassword(baseUrl: string, token: string, password: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'reset-password'), { token, password }, SetPasswordOutput);
}

export function changePassword(baseUrl: string, token: string, currentPassword: string, password: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'change-password'), { currentPassword, password }, ChangePasswordOutput, { headers: bearer(token) });
}

/** One of the account's own routes (ACCOUNT_ACTIONS), signed in. */
export function accountAction<A extends AccountAction>(baseUrl: string, token: string, action: A, input: AccountInput<A>, fetchImpl: FetchLike = defaultFetch) {
  const route = ACCOUNT_ACTIONS[action];
  return postJson(fetchImpl, auth(baseUrl, route), input, AUTH_ROUTES[route].output, { headers: bearer(token) }) as Promise<Result<AccountOutput<A>>>;
}

/** A one-time ticket for `new EventSource(eventsUrl(baseUrl, ticket))`, which cannot send headers. */
export function eventTicket(baseUrl: string, token: string, fetchImpl: FetchLike = defaultFetch) {
  return postJson(fetchImpl, auth(baseUrl, 'event-ticket'), {}, EventTicketOutput, { headers: bearer(token) });
}

export const eventsUrl = (baseUrl: string, ticket: string) =>
  joinUrl(baseUrl, `${API_PREFIX}/events?ticket=${encodeURIComponent(ticket)}`);
