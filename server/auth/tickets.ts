import type { Handlers } from './route-types';
import { hashToken, newToken } from './tokens';

const TICKET_MS = 60_000;

/** One-time tickets for the live event stream (EventSource cannot send an Authorization header). */
export const ticketRoutes: Handlers<'event-ticket'> = (ctx) => ({
  async 'event-ticket'(_c, _input, session) {
    const ticket = newToken();
    const expiresAt = new Date(ctx.now().getTime() + TICKET_MS).toISOString();
    await ctx.db.query('INSERT INTO event_tickets (ticket_hash, session_hash, professional_id, expires_at) VALUES ($1, $2, $3, $4)', [
      hashToken(ticket), session!.sessionHash, session!.professionalId, expiresAt,
    ]);
    return { ticket, expiresAt };
  },
});
