import type { Context } from 'hono';
import { BACKGROUND_HEADER } from '../../lib/contract/wire';
import type { ServerContext } from '../context';
import { checkSession, type SessionCheck } from './sessions';
import { bearerToken } from './tokens';

/** The session of a request's bearer token; a request the software made by itself does not count as activity. */
export async function authenticate(ctx: ServerContext, c: Context): Promise<SessionCheck> {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) return { ok: false, code: 'not-signed-in' };
  return checkSession(ctx.db, token, ctx.now(), c.req.header(BACKGROUND_HEADER) !== '1');
}
