import type { ServerConfig } from '../config';
import { hashToken, newToken } from '../auth/tokens';
import { invitationMail, organisationInvitationMail, passwordResetMail, type MailLang } from './compose';
import type { NewMail } from './queue';

/** An invitation's link works once, for 72 hours; a reset's once, for 30 minutes. */
export const INVITATION_MS = 72 * 3600_000;
export const RESET_MS = 30 * 60_000;

interface Person { id: string; name: string; email: string; orgId: string }

/**
 * A new one-time link for a person and the mail that carries it to their
 * own (organisational) address. The token travels only in the mail, in the
 * link's fragment (browsers send a fragment neither to the server nor in a
 * Referer); the server keeps its hash.
 */
function linkMail(config: Pick<ServerConfig, 'publicUrl'>, now: Date, ms: number, page: string, lang: MailLang) {
  const token = newToken();
  // The page speaks the mail's language (server/api/pages.ts); Dutch needs no query.
  const link = `${config.publicUrl}/${page}${lang === 'en' ? '?lang=en' : ''}#token=${token}`;
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + ms).toISOString(), link };
}

/**
 * `viaProvider`: the organisation signs in through its own provider only (passwordSignIn false). The
 * mail then carries no link (there is no password to choose) and says how to sign in; the invitation
 * counts as used at the first sign-in through the provider.
 */
export function invitation(config: Pick<ServerConfig, 'publicUrl'>, now: Date, person: Person, orgName: string, lang: MailLang = 'nl', viaProvider = false) {
  const l = linkMail(config, now, INVITATION_MS, 'activate', lang);
  const content = viaProvider
    ? organisationInvitationMail(lang, { name: person.name, orgName })
    : invitationMail(lang, { name: person.name, orgName, link: l.link, expiresAt: l.expiresAt });
  const mail: NewMail = { kind: 'invitation', professionalId: person.id, orgId: person.orgId, payload: { to: person.email, ...content } };
  return { tokenHash: l.tokenHash, expiresAt: l.expiresAt, mail };
}

export function passwordReset(config: Pick<ServerConfig, 'publicUrl'>, now: Date, person: Person, lang: MailLang) {
  const l = linkMail(config, now, RESET_MS, 'reset-password', lang);
  const mail: NewMail = {
    kind: 'password-reset', professionalId: person.id, orgId: person.orgId,
    payload: { to: person.email, ...passwordResetMail(lang, { name: person.name, link: l.link, expiresAt: l.expiresAt }) },
  };
  return { tokenHash: l.tokenHash, expiresAt: l.expiresAt, mail };
}
