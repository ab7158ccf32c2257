import type { SignInOutcome } from '../../contract/port';
import { fail, type Result } from '../../contract/result';
import { REFUSAL_CODES, type RefusalCode } from '../../domain/refusals';
import { API_PREFIX, AUTH_ROUTES, SSO_CODE_PARAM, SSO_ERROR_PARAM, SSO_ROUTES, SsoOrganisationsOutput, type SsoOrganisation } from '../../contract/wire';
import { fetchWithin, joinUrl, postJson, type FetchLike } from './fetch-json';
import type { TokenStore } from './token-store';

const defaultFetch: FetchLike = (input, init) => fetch(input, init);
const isRefusalCode = (v: string | null | undefined): v is RefusalCode => !!v && (REFUSAL_CODES as readonly string[]).includes(v);

/**
 * How the browser takes a person to their organisation's provider and back: the extension's
 * `identity.launchWebAuthFlow`, the widget's popup. The server sends it back to `returnUrl` with a
 * one-time code, which only the host that opened the flow sees.
 */
export interface ProviderStep {
  /** Where the server sends the browser back (one of its allowed returns). */
  returnUrl: string;
  /** Opens the start address; the address it came back to, or null when the person closed it first. */
  open(startUrl: string): Promise<string | null>;
}

/** The organisations on this server that sign in through their own provider. */
export async function ssoOrganisations(baseUrl: string, fetchImpl: FetchLike = defaultFetch): Promise<Result<SsoOrganisation[]>> {
  const res = await fetchWithin(fetchImpl, joinUrl(baseUrl, SSO_ROUTES.organisations.path), { headers: { Accept: 'application/json' } });
  if (!res.ok) return res;
  const parsed = SsoOrganisationsOutput.safeParse(await res.value.json().catch(() => undefined));
  return res.value.ok && parsed.success ? { ok: true, value: parsed.data.organisations } : fail('unavailable', `http-${res.value.status}`);
}

export const ssoStartUrl = (baseUrl: string, orgId: string, returnUrl: string) =>
  joinUrl(baseUrl, `${SSO_ROUTES.start.path.replace('{orgId}', encodeURIComponent(orgId))}?return=${encodeURIComponent(returnUrl)}`);

/** Signs in through the organisation's provider: the step brings back a one-time code, exchanged here for the session token. */
export async function signInThroughProvider(
  baseUrl: string, orgId: string, step: ProviderStep, tokens: TokenStore, fetchImpl: FetchLike = defaultFetch,
): Promise<SignInOutcome> {
  let back: string | null;
  try {
    back = await step.open(ssoStartUrl(baseUrl, orgId, step.returnUrl));
  } catch {
    back = null;
  }
  const params = back && URL.canParse(back) ? new URL(back).searchParams : null;
  const code = params?.get(SSO_CODE_PARAM);
  if (!code) {
    const refused = params?.get(SSO_ERROR_PARAM);
    return { ok: false, code: isRefusalCode(refused) ? refused : 'sso-failed' };
  }
  const r = await postJson(fetchImpl, joinUrl(baseUrl, `${API_PREFIX}/auth/oidc/exchange`), { [SSO_CODE_PARAM]: code }, AUTH_ROUTES['oidc/exchange'].output);
  if (!r.ok) return { ok: false, code: r.code };
  await tokens.set(r.value.token);
  return { ok: true, totpEnrolmentRequired: r.value.totpEnrolmentRequired, professionalId: r.value.professionalId };
}
