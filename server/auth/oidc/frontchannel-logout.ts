import type { Context, Hono } from 'hono';
import { SSO_ROUTES } from '../../../lib/contract/wire';
import type { ServerContext } from '../../context';
import { closeStreams } from '../admin-audit';
import { securityLog } from '../security-log';

const PAGE = '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Netwerkzorg</title><p>Afgemeld bij Netwerkzorg. / Signed out of Netwerkzorg.</p></html>';

/**
 * `GET /api/v1/auth/oidc/frontchannel-logout?iss=…&sid=…`, OpenID Connect Front-Channel Logout 1.0:
 * the provider's logout page loads it in a frame in the person's browser. Microsoft Entra ID offers
 * only this, so without it its people were signed out here at their next check-in at the latest.
 * Nothing in it is signed, so it ends no more than the spec asks: the sessions opened with that
 * provider session (`sid`, which only the provider, this server and that browser know), of the
 * organisations using that provider (`iss`, where it is sent). The answer is the same whatever it
 * found; only the configured providers may frame it.
 */
export function frontchannelLogoutRoute(app: Hono, ctx: ServerContext) {
  const route = SSO_ROUTES['frontchannel-logout'];
  app.get(route.path, async (c: Context) => {
    const orgs = Object.values(ctx.config.oidc ?? {});
    const framers = [...new Set(orgs.map((o) => new URL(o.issuer).origin))];
    c.header('Content-Security-Policy', `default-src 'none'; frame-ancestors ${framers.join(' ') || "'none'"}; base-uri 'none'; form-action 'none'`);
    c.header('Cache-Control', 'no-store');
    const sid = c.req.query('sid');
    const iss = c.req.query('iss');
    const of = orgs.filter((o) => iss === undefined || o.issuer === iss).map((o) => o.orgId);
    // A provider's session id is printable ASCII (a GUID at Entra ID); anything else is nobody's.
    if (!sid || !/^[\x21-\x7e]{1,255}$/.test(sid) || !of.length) {
      securityLog(ctx, 'sso-logout-refused', { outcome: 'front-channel: no sid or unknown issuer' });
      return c.html(PAGE);
    }
    const people = await ctx.db.transaction('write', async (sql) => {
      const ended = await sql.query<{ professional_id: string; token_hash: string }>(
        'DELETE FROM sessions WHERE sso_sid = $1 AND sso_org = ANY($2::text[]) RETURNING professional_id, token_hash', [sid, of],
      );
      if (ended.length) await sql.query('DELETE FROM event_tickets WHERE session_hash = ANY($1::text[])', [ended.map((r) => r.token_hash)]);
      const who = [...new Set(ended.map((r) => r.professional_id))];
      // Their open live streams end too (a stream of another session of theirs simply connects again).
      await closeStreams(sql, who);
      return who;
    });
    for (const professionalId of people) securityLog(ctx, 'sso-logout', { professionalId, outcome: 'front-channel: sessions ended' });
    if (!people.length) securityLog(ctx, 'sso-logout', { outcome: 'front-channel: nobody signed in' });
    return c.html(PAGE);
  });
}
