import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Failure } from '../../lib/contract/result';
import type { RefusalCode } from '../../lib/domain';

/** Refusals that mean "you may not do this" (as opposed to "this cannot be done now"). */
const RIGHTS: ReadonlySet<RefusalCode> = new Set([
  'account-manager-only', 'team-manager-only', 'regional-admin-only', 'gp-only', 'contents-restricted', 'password-sign-in-off',
] as RefusalCode[]);

/** The HTTP status of a refusal; every refusal not listed is a domain rule (422). */
export function statusOf(code: RefusalCode): ContentfulStatusCode {
  switch (code) {
    case 'invalid-input':
    case 'return-not-allowed':
    case 'sso-failed': return 400;
    case 'not-signed-in':
    case 'account-inactive': return 401;
    case 'not-found': return 404;
    case 'conflict': return 409;
    case 'rate-limited': return 429;
    case 'file-too-large': return 413;
    case 'file-type-refused':
    case 'file-heic': return 415;
    case 'unavailable': return 503;
    default: return RIGHTS.has(code) ? 403 : 422;
  }
}

export function failure(c: Context, code: RefusalCode, extra: Omit<Failure, 'ok' | 'code'> = {}, status = statusOf(code)) {
  const body: Failure = { ok: false, code, ...extra };
  if (body.detail === undefined) delete body.detail;
  return c.json(body, status);
}

export const answer = (c: Context, f: Failure) => failure(c, f.code, { detail: f.detail, issues: f.issues });
