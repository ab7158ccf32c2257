import type { Context } from 'hono';
import type { ServerContext } from '../context';
import { checkSession, type SessionCheck } from './sessions';
import { bearerToken } from './tokens';

/** The session of a request's bearer token. */
export async function authenticate(ctx: ServerContext, c: Context): Promise<SessionCheck> {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) return { ok: false, code: 'not-signed-in' };
  return checkSession(ctx.db, token, ctx.now());
}
