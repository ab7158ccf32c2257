import { z } from 'zod';
import { AUTH_ROUTES } from '../../lib/backend/http/wire';
import { Id } from '../../lib/domain';

/** Enrolling a second factor asks for the password again: a session alone (an unlocked screen, a stolen token) is not enough. */
export const TotpEnrolInput = z.strictObject({ password: z.string().min(1).max(200) });
export const TotpResetInput = z.strictObject({ professionalId: Id });
export const TotpResetOutput = z.object({ reset: z.literal(true) });

/**
 * The auth routes the server answers, with their shapes: the shared ones
 * (lib/backend/http/wire.ts) and what the server changes or adds. The
 * routes and the OpenAPI document are made from this.
 */
export const AUTH_SPECS = {
  ...AUTH_ROUTES,
  'totp/enrol': {
    ...AUTH_ROUTES['totp/enrol'],
    input: TotpEnrolInput,
    summary: 'Start TOTP enrolment with the password re-entered: a new secret and its otpauth:// URI. Where the organisation requires TOTP, only in a session begun before it did.',
  },
  'totp/reset': {
    input: TotpResetInput,
    output: TotpResetOutput,
    signedIn: true,
    summary: "Remove a person's second factor and end their sessions (account manager, own organisation; audited).",
  },
} as const;
