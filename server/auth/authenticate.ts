import type { Context } from 'hono';
import { BACKGROUND_HEADER } from '../../lib/contract/wire';
import type { ServerContext } from '../context';
import { checkIn } from './oidc/check-in';
import { checkSession, type SessionCheck } from './sessions';
import { bearerToken } from './tokens';

/**
 * The session of a request's bearer token; a request the software made by itself does not count as
 * activity. A session opened through the organisation's provider checks in with it when due.
 */
export async function authenticate(ctx: ServerContext, c: Context): Promise<SessionCheck> {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) return { ok: false, code: 'not-signed-in' };
  const s = await checkSession(ctx.db, token, ctx.now(), c.req.header(BACKGROUND_HEADER) !== '1');
  if (s.ok && s.sso && !(await checkIn(ctx, s))) return { ok: false, code: 'not-signed-in' };
  return s;
}
