import type { IDToken } from 'openid-client';
import { isFreeMail, isOrganisationalEmail, type Professional, type RefusalCode } from '../../../lib/domain';
import type { ServerContext } from '../../context';
import { requiresTotp } from '../credentials';
import type { OidcOrg } from './config';

export type MatchRefusal = Extract<RefusalCode,
  'sso-email-unverified' | 'email-private' | 'email-not-organisational' | 'sso-no-account' | 'account-inactive' | 'sso-mfa-required' | 'sso-identity-conflict'>;
export type Match = { ok: true; person: Professional } | { ok: false; code: MatchRefusal; detail?: string };

/** Whether the ID token shows a second factor: `amr` (an array of methods) or `acr` names one of the configured values. */
export function mfaShown(claims: IDToken, values: readonly string[]): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
  return amr.some((m) => values.includes(m)) || (typeof claims.acr === 'string' && values.includes(claims.acr));
}

const verified = (v: unknown) => v === true || v === 'true';

/**
 * Which account a provider's sign-in is, or why none. The provider vouches for who the person is; the
 * product still decides who may sign in: a verified address on one of the organisation's registered
 * domains and never free mail (R11), an account the account manager created, active (R12) — none is
 * ever created here. The provider's subject is linked to the account at its first sign-in and matched
 * first from then on, so a changed e-mail address at the provider does not switch people; a subject
 * linked to someone else, or an account linked to another subject, is refused.
 */
export async function matchAccount(ctx: ServerContext, org: OidcOrg, claims: IDToken): Promise<Match> {
  if (org.requireMfa && !mfaShown(claims, org.mfaValues)) return { ok: false, code: 'sso-mfa-required' };
  // A second factor the organisation requires in the product cannot be asked for here: it must come from the provider.
  if (!org.requireMfa && (await requiresTotp(ctx.db, org.orgId))) return { ok: false, code: 'sso-mfa-required', detail: 'org-requires-second-factor' };
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
  if (!email || !verified(claims[org.emailVerifiedClaim])) return { ok: false, code: 'sso-email-unverified' };
  if (isFreeMail(email)) return { ok: false, code: 'email-private' };

  return ctx.store.transactionWith('write', async (tx, sql) => {
    const organisation = await tx.get('organisations', org.orgId);
    if (!organisation || !isOrganisationalEmail(email, organisation.emailDomains)) return { ok: false, code: 'email-not-organisational' };
    const linked = (await sql.query<{ professional_id: string }>(
      'SELECT professional_id FROM oidc_identities WHERE issuer = $1 AND subject = $2', [org.issuer, claims.sub],
    ))[0];
    let person: Professional | undefined;
    if (linked) {
      person = await tx.get('professionals', linked.professional_id);
      if (person && person.orgId !== org.orgId) return { ok: false, code: 'sso-identity-conflict', detail: 'subject-of-another-organisation' };
    } else {
      person = (await tx.query('professionals', 'byEmail', { equals: [email], limit: 1 }))[0];
      if (person && person.orgId !== org.orgId) person = undefined;
    }
    if (!person) return { ok: false, code: 'sso-no-account' };
    if (!person.active) return { ok: false, code: 'account-inactive' };
    if (linked) return { ok: true, person };
    // Linked once; a concurrent first sign-in of the same subject or account meets the constraint and is refused.
    const inserted = await sql.query(
      'INSERT INTO oidc_identities (issuer, subject, professional_id, linked_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
      [org.issuer, claims.sub, person.id, ctx.now().toISOString()],
    );
    return inserted.length ? { ok: true, person } : { ok: false, code: 'sso-identity-conflict', detail: 'account-linked-to-another-subject' };
  });
}
