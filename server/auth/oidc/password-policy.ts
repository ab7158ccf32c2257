import { isOrganisationalEmail, type Professional } from '../../../lib/domain';
import type { ServerContext } from '../../context';
import { oidcOrg } from './config';

/**
 * Whether a password sign-in with this address is refused because the organisation signs in through
 * its own provider only (`passwordSignIn: false`). Decided by the account's organisation, or, for an
 * address without an account, by the organisations that registered its domain: the answer is then the
 * same whether or not the account exists.
 */
/** Whether this organisation's people sign in through its provider only. */
export const providerOnly = (config: ServerContext['config']['oidc'], orgId: string) => oidcOrg(config, orgId)?.passwordSignIn === false;

export async function passwordSignInOff(ctx: ServerContext, email: string, person: Professional | undefined): Promise<boolean> {
  const config = ctx.config.oidc;
  if (!config || !Object.values(config).some((o) => !o.passwordSignIn)) return false;
  const off = (orgId: string) => oidcOrg(config, orgId)?.passwordSignIn === false;
  if (person) return off(person.orgId);
  const orgs = await ctx.store.transaction('read', (tx) => tx.all('organisations'));
  return orgs.some((o) => off(o.id) && isOrganisationalEmail(email, o.emailDomains));
}
