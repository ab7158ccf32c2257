import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { authenticate } from '../auth/authenticate';
import { checkSession, sessionStillValid } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import type { ServerContext } from '../context';
import { failure } from '../api/status';
import type { HubEvent } from './hub';

const HEARTBEAT_MS = 25_000;

/**
 * A one-time ticket (from POST /auth/event-ticket): the person and the
 * session it was issued to, while that session is still good (signed in,
 * not revoked or restricted, within its idle and absolute expiry). A ticket
 * is no more than the session it came from.
 */
async function redeemTicket(ctx: ServerContext, ticket: string) {
  const t = (await ctx.db.query<{ session_hash: string; professional_id: string }>(
    'DELETE FROM event_tickets WHERE ticket_hash = $1 AND expires_at > $2 RETURNING session_hash, professional_id',
    [hashToken(ticket), ctx.now().toISOString()],
  ))[0];
  return t && (await sessionStillValid(ctx.db, t.session_hash, ctx.now())) ? t : undefined;
}

/**
 * `GET /api/v1/events`: Server-Sent Events for the signed-in person, with
 * the token in the Authorization header or a one-time `?ticket=`. Each
 * event names a list or conversation that changed; the app then reads it
 * through the API. The stream closes when the session ends or is revoked.
 */
export function eventRoutes(app: Hono, ctx: ServerContext) {
  app.get('/api/v1/events', async (c) => {
    let personId: string;
    let stillValid: () => Promise<boolean>;
    const ticket = c.req.query('ticket');
    if (ticket) {
      const t = await redeemTicket(ctx, ticket);
      if (!t) return failure(c, 'not-signed-in');
      personId = t.professional_id;
      stillValid = () => sessionStillValid(ctx.db, t.session_hash, ctx.now());
    } else {
      const s = await authenticate(ctx, c);
      if (!s.ok) return failure(c, s.code);
      if (s.restricted) return failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' });
      personId = s.professionalId;
      const token = c.req.header('Authorization')!.slice('Bearer '.length);
      stillValid = async () => (await checkSession(ctx.db, token, ctx.now())).ok;
    }
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: HubEvent[] = [];
      let wake: (() => void) | undefined;
      let open = true;
      const close = () => {
        open = false;
        wake?.();
      };
      const unsubscribe = ctx.hub.subscribe(personId, (event) => {
        if (event.type === 'revoked') return close();
        queue.push(event);
        wake?.();
      });
      const offStop = ctx.hub.onStop(close);
      stream.onAbort(close);
      const beat = setInterval(() => {
        void stillValid().then(async (ok) => {
          if (ok) await stream.write(': keep-alive\n\n');
          else close();
        }).catch(close);
      }, HEARTBEAT_MS);
      try {
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (open) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        clearInterval(beat);
        unsubscribe();
        offStop();
      }
    });
  });
}
