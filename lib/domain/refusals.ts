/**
 * Every way an operation can be refused. The codes are the API's error codes
 * too, so a refusal reads the same in every adapter; what the user reads is
 * in the dictionaries (lib/i18n, `refusal.<code>`), which must have each one.
 */
export const REFUSAL_CODES = [
  'invalid-input',
  'not-found',
  'not-signed-in',
  'account-inactive',
  'consent-required',
  'consent-text-outdated',
  'consent-not-active',
  'network-exists',
  'network-read-only',
  'gp-only',
  'portal-not-invited',
  'portal-not-activated',
  'already-participant',
  'recipient-required',
  'email-private',
  'email-not-organisational',
  'email-taken',
  'account-manager-only',
  'cannot-deactivate-self',
  'contents-restricted',
  'contact-person-first',
  'contact-person-not-member',
  'inbox-member-not-care',
  'inbox-member-not-in-team',
  'team-manager-only',
  'regional-admin-only',
  'handover-exists',
  'handover-from-home-care',
  'conversation-not-open',
  'handover-needs-gp-inbox',
  'period-invalid',
  'client-exists',
  'conflict',
  'unavailable',
  'rate-limited',
  // R20: files in a conversation.
  'file-too-large',
  'file-type-refused',
  'file-heic',
  'too-many-files',
  'attachment-taken',
  // Sign-in through the organisation's own OpenID provider (server/auth/oidc).
  'return-not-allowed',
  'password-sign-in-off',
  'sso-failed',
  'sso-email-unverified',
  'sso-no-account',
  'sso-mfa-required',
  'sso-identity-conflict',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];
