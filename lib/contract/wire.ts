import { z } from 'zod';
import { Id, REFUSAL_CODES as CODES } from '../domain';

/**
 * The HTTP API's own shapes, beside `operations` (lib/contract/operations):
 * shared by the server, which validates with them and publishes them as
 * OpenAPI, and by the browser's HttpBackend and auth client, which parse
 * every answer with them. Browser-safe: zod only.
 */
export const API_PREFIX = '/api/v1';

export const REFUSAL_CODES = CODES;

export const Failure = z.object({
  ok: z.literal(false),
  code: z.enum(REFUSAL_CODES),
  detail: z.string().optional(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});

/** A client-chosen key that makes a retried command run once (a UUID is typical). */
export const IdempotencyKey = z.string().min(8).max(128).regex(/^[A-Za-z0-9_.:-]+$/);
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** A request the software made by itself (the badge's look): it does not count as the person's activity for the idle limit. */
export const BACKGROUND_HEADER = 'X-Netwerkzorg-Background';
/** R20: the routes of files (their bytes are the body, not JSON). */
export const ATTACHMENTS_PATH = `${API_PREFIX}/attachments`;
/** An upload's name as sent, percent-encoded (a header carries no other characters safely). */
export const FILE_NAME_HEADER = 'X-Netwerkzorg-File-Name';
/** R13: the emergency step's reason for a download (a GET has no body; a URL would be logged on the way). */
export const EMERGENCY_HEADER = 'X-Netwerkzorg-Emergency-Reason';

export const Password = z.string().min(12).max(200);
export const TotpCode = z.string().regex(/^\d{6}$/);

export const SignInInput = z.strictObject({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(200),
  totp: TotpCode.optional(),
});
export const SignInOutput = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  professionalId: Id,
  /** The organisation requires TOTP and this account has none yet: only enrolment works until it does. */
  totpEnrolmentRequired: z.boolean(),
});
export type SignInOutput = z.infer<typeof SignInOutput>;

export const SignOutOutput = z.object({ signedOut: z.literal(true) });
export const SetPasswordInput = z.strictObject({ token: z.string().min(16).max(200), password: Password });
export const SetPasswordOutput = z.object({
  professionalId: Id,
  /**
   * Where the organisation requires a second factor and the account has none: a session (restricted to
   * `totp/enrol`, `totp/confirm` and `sign-out`) for enrolling one now, opened by the link that proved the mailbox.
   */
  enrolmentToken: z.string().optional(),
});
export const ResendInvitationInput = z.strictObject({ professionalId: Id });
export const ResendInvitationOutput = z.object({ sent: z.literal(true), expiresAt: z.iso.datetime() });
export const RequestPasswordResetInput = z.strictObject({ email: z.string().trim().toLowerCase().min(3).max(254) });
/** The same answer whether or not the address has an account. */
export const RequestPasswordResetOutput = z.object({ accepted: z.literal(true) });
export const ChangePasswordInput = z.strictObject({ currentPassword: z.string().min(1).max(200), password: Password });
export const ChangePasswordOutput = z.object({ changed: z.literal(true) });
export const MailLang = z.enum(['nl', 'en']);
/** A person's mail choices: the language of their mails, and per list ('' their own, or a shared inbox's id) whether new messages are mailed. */
export const MailSettingsInput = z.strictObject({ lang: MailLang.optional(), lists: z.record(z.string().max(64), z.boolean()).optional() });
export const MailSettingsOutput = z.object({
  lang: MailLang,
  lists: z.array(z.object({ via: z.string(), name: z.string().optional(), enabled: z.boolean() })),
});
export type MailSettingsOutput = z.infer<typeof MailSettingsOutput>;
/** For the account manager: who has not activated their account yet, and the organisation's mails that could not be delivered. */
export const MailStatusOutput = z.object({
  invitations: z.array(z.object({ professionalId: Id, expiresAt: z.iso.datetime().nullable(), mail: z.enum(['queued', 'sent', 'failed']) })),
  failed: z.array(z.object({ professionalId: Id, kind: z.string(), failedAt: z.iso.datetime(), reason: z.string() })),
});
export type MailStatusOutput = z.infer<typeof MailStatusOutput>;
/** Enrolling a second factor asks for the password again: a session alone (an unlocked screen, a stolen token) is not enough. */
export const TotpEnrolInput = z.strictObject({ password: z.string().min(1).max(200) });
export const TotpEnrolOutput = z.object({ secret: z.string(), otpauthUri: z.string() });
export const TotpResetInput = z.strictObject({ professionalId: Id });
export const TotpResetOutput = z.object({ reset: z.literal(true) });
export const TotpConfirmInput = z.strictObject({ code: TotpCode });
export const TotpConfirmOutput = z.object({ enabled: z.literal(true) });
export const OrgSettings = z.strictObject({
  requireTotp: z.boolean(),
  /** Whether the organisation's people get notification mails unless they chose otherwise. */
  notifyByDefault: z.boolean().optional(),
});
export const EventTicketOutput = z.object({ ticket: z.string(), expiresAt: z.iso.datetime() });

/**
 * Sign-in through the organisation's own OpenID provider. The callback returns to `return` with one
 * of these query parameters: the one-time code to exchange (60 s, once), or why the sign-in was
 * refused (a refusal code: sso-failed, sso-email-unverified, email-private, email-not-organisational,
 * sso-no-account, account-inactive, sso-mfa-required, sso-identity-conflict).
 */
export const SSO_CODE_PARAM = 'nz_code';
export const SSO_ERROR_PARAM = 'nz_error';
/**
 * The widget's return: the page its sign-in popup comes back to, which hands its address (with the
 * code) to the frame that opened it, on this server's origin only. The only page of the server a flow may return to.
 */
export const SSO_POPUP_RETURN = '/embed/signed-in';
/** The `protocol` of that page's one message to its opener. */
export const SSO_POPUP_MESSAGE = 'netwerkzorg-sso';
export const SsoExchangeInput = z.strictObject({ [SSO_CODE_PARAM]: z.string().min(16).max(200) });

/** An organisation whose people sign in through its own provider, as the sign-in screen offers it. */
export const SsoOrganisation = z.object({ orgId: z.string().min(1).max(200), name: z.string().min(1).max(200) });
export type SsoOrganisation = z.infer<typeof SsoOrganisation>;
export const SsoOrganisationsOutput = z.object({ organisations: z.array(SsoOrganisation).max(500) });

/** The routes of that sign-in the browser navigates (GET) or the provider calls (a form POST): not JSON, so beside AUTH_ROUTES. */
export const SSO_ROUTES = {
  organisations: {
    method: 'get', path: `${API_PREFIX}/auth/oidc/organisations`,
    summary: 'The organisations on this server whose people sign in through their own provider (id and name, for the sign-in screen\'s button): 200 {"organisations":[…]}.',
  },
  start: {
    method: 'get', path: `${API_PREFIX}/auth/oidc/{orgId}/start`,
    query: { return: `Where to come back to: the extension's identity redirect (https://<id>.chromiumapp.org/…, https://<hash>.extensions.allizom.org/…) or this server's ${SSO_POPUP_RETURN} (the widget's popup).` },
    summary: "Start signing in with the organisation's own OpenID provider: 302 to the provider (PKCE S256, state and nonce kept on the server). 400 return-not-allowed for any other `return`; 404 for an organisation without a provider.",
  },
  callback: {
    method: 'get', path: `${API_PREFIX}/auth/oidc/callback`,
    query: { code: 'From the provider.', state: 'From the provider.' },
    optionalQuery: ['code'],
    summary: `Where the provider returns (register it as the redirect URI): 302 to the flow's \`return\` with \`${SSO_CODE_PARAM}\` (exchange it at /auth/oidc/exchange) or \`${SSO_ERROR_PARAM}\`; 400 sso-failed for a state that is unknown, used or expired.`,
  },
  'backchannel-logout': {
    method: 'post', path: `${API_PREFIX}/auth/oidc/backchannel-logout`,
    form: { logout_token: 'The provider\'s logout token (OpenID Connect Back-Channel Logout 1.0).' },
    summary: 'The provider ends a person\'s sessions: every session of the person the token names ends. 200 done; 400 {"error":"invalid_request"} for a token that is not valid.',
  },
  'frontchannel-logout': {
    method: 'get', path: `${API_PREFIX}/auth/oidc/frontchannel-logout`,
    query: { iss: 'The provider\'s issuer (where it sends one).', sid: 'The provider\'s session id, as in the ID token.' },
    optionalQuery: ['iss'],
    summary: 'OpenID Connect Front-Channel Logout 1.0 (what Microsoft Entra ID offers): the provider\'s logout page loads this in a frame; the sessions opened with that provider session end. 200, a page the provider may frame.',
  },
} as const;

/**
 * What a signed-in person does with their account beside the operations,
 * through the page's mode (the extension's background holds the token): each
 * an auth route.
 */
export const ACCOUNT_ACTIONS = {
  mailSettings: 'mail-settings',
  mailStatus: 'mail-status',
  resendInvitation: 'resend-invitation',
  changePassword: 'change-password',
} as const satisfies Record<string, keyof typeof AUTH_ROUTES>;
export type AccountAction = keyof typeof ACCOUNT_ACTIONS;
type RouteOf<A extends AccountAction> = (typeof AUTH_ROUTES)[(typeof ACCOUNT_ACTIONS)[A]];
export type AccountInput<A extends AccountAction> = z.input<RouteOf<A>['input']>;
export type AccountOutput<A extends AccountAction> = z.output<RouteOf<A>['output']>;

/** What the live stream (`GET /api/v1/events`) sends: which list or conversation changed, never contents. */
export const LiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('inbox'), via: z.string(), conversationId: Id }),
  z.object({ type: z.literal('conversation'), conversationId: Id }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

/** The auth routes, with their shapes: the server's routes and the OpenAPI document are made from this. */
export const AUTH_ROUTES = {
  'sign-in': { input: SignInInput, output: SignInOutput, signedIn: false, summary: 'Sign in with e-mail, password and (when enrolled) a TOTP code.' },
  'sign-out': { input: z.strictObject({}), output: SignOutOutput, signedIn: true, summary: 'End this session.' },
  'set-password': { input: SetPasswordInput, output: SetPasswordOutput, signedIn: false, summary: 'Set the password of a new account with its one-time activation token.' },
  'resend-invitation': {
    input: ResendInvitationInput, output: ResendInvitationOutput, signedIn: true,
    summary: "Send a new invitation to a person who has not activated their account (account manager, own organisation; audited). The earlier link stops working; the link itself goes only to the person's mailbox.",
  },
  'request-password-reset': {
    input: RequestPasswordResetInput, output: RequestPasswordResetOutput, signedIn: false,
    summary: 'Mail a one-time password reset link (30 minutes) to this address if it has an active account. The answer is the same either way; throttled per address.',
  },
  'reset-password': { input: SetPasswordInput, output: SetPasswordOutput, signedIn: false, summary: 'Set a new password with a reset token; every session of the account ends (audited).' },
  'change-password': { input: ChangePasswordInput, output: ChangePasswordOutput, signedIn: true, summary: 'Change your password with the current one; your other sessions end (audited).' },
  'mail-settings': { input: MailSettingsInput, output: MailSettingsOutput, signedIn: true, summary: 'Your mail language and which lists notify you by mail (a change is audited; `{}` only reads them, as GET does).' },
  'mail-status': {
    input: z.strictObject({}), output: MailStatusOutput, signedIn: true,
    summary: "For the account manager: the organisation's invitations not yet used and its mails that could not be delivered (as GET).",
  },
  'totp/enrol': {
    input: TotpEnrolInput, output: TotpEnrolOutput, signedIn: true,
    summary: 'Start TOTP enrolment with the password re-entered: a new secret and its otpauth:// URI. Where the organisation requires TOTP, only in a session begun before it did.',
  },
  'totp/confirm': { input: TotpConfirmInput, output: TotpConfirmOutput, signedIn: true, summary: 'Finish TOTP enrolment with a current code.' },
  'org-settings': { input: OrgSettings, output: OrgSettings, signedIn: true, summary: "Set the organisation's sign-in policy (account manager)." },
  'totp/reset': {
    input: TotpResetInput, output: TotpResetOutput, signedIn: true,
    summary: "Remove a person's second factor and end their sessions (account manager, own organisation; audited).",
  },
  'event-ticket': { input: z.strictObject({}), output: EventTicketOutput, signedIn: true, summary: 'A one-time ticket (60 s) to open the live event stream with EventSource.' },
  'oidc/exchange': {
    input: SsoExchangeInput, output: SignInOutput, signedIn: false,
    summary: `Exchange the one-time \`${SSO_CODE_PARAM}\` of a sign-in through the organisation's provider (60 s, once) for a session, as sign-in gives.`,
  },
} as const;
