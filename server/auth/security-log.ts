import { createHmac } from 'node:crypto';
import type { ServerContext } from '../context';
import { subkey } from './secret-box';

/**
 * A pseudonym for an account name in the log: the same e-mail address
 * always gives the same one, so refused attempts on one account can be
 * followed, but the log does not name the person, and without the server's
 * key nobody can test guesses against it.
 */
export function accountPseudonym(key: Buffer, email: string): string {
  return createHmac('sha256', subkey(key, 'log pseudonyms')).update(email.trim().toLowerCase()).digest('hex').slice(0, 16);
}

export type SecurityEvent =
  | 'sign-in' | 'sign-in-refused' | 'sign-in-rate-limited' | 'sign-out'
  | 'totp-refused' | 'totp-enrolled' | 'totp-enrol-refused' | 'totp-reset' | 'sign-in-policy' | 'rate-limited'
  | 'password-reset-requested' | 'password-reset-rate-limited' | 'password-reset' | 'password-changed' | 'password-change-refused'
  | 'invitation-resent' | 'mail-settings'
  | 'sso-sign-in' | 'sso-sign-in-refused' | 'sso-start-rate-limited' | 'sso-check-in-refused' | 'sso-check-in-failed' | 'sso-logout' | 'sso-logout-refused';

/**
 * One security event in the log: what happened, to which account
 * (pseudonym), from which address, with what outcome. Never a password,
 * token, code, secret or message text: callers pass only these fields.
 */
export function securityLog(
  ctx: ServerContext,
  event: SecurityEvent,
  fields: { email?: string; professionalId?: string; ip?: string; outcome: string; by?: string },
) {
  ctx.log(event, {
    account: fields.email === undefined ? undefined : accountPseudonym(ctx.config.totpKey, fields.email),
    professionalId: fields.professionalId,
    by: fields.by,
    ip: fields.ip,
    outcome: fields.outcome,
  });
}
