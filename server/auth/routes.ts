import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { AUTH_ROUTES } from '../../lib/contract/wire';
import type { Professional } from '../../lib/domain';
import type { SqlRunner } from '../db';
import type { ServerContext } from '../context';
import { jsonBody } from '../api/body';
import { failure } from '../api/status';
import { authenticate } from './authenticate';
import { clientIp } from './client-ip';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { createSession, type SessionCheck } from './sessions';
import { hashToken, newToken } from './tokens';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

type Route = keyof typeof AUTH_ROUTES;
type Input<R extends Route> = z.output<(typeof AUTH_ROUTES)[R]['input']>;
type Output<R extends Route> = z.input<(typeof AUTH_ROUTES)[R]['output']>;
type Signed = Extract<SessionCheck, { ok: true }>;
type Handler<R extends Route> = (c: Context, input: Input<R>, session: Signed | undefined) => Promise<Response | Output<R>>;

const ACTIVATION_MS = 7 * 24 * 3600_000;
const TICKET_MS = 60_000;
const ISSUER = 'Netwerkzorg';

interface Credentials { password_hash: string | null; totp_secret: string | null; totp_pending: string | null; totp_last_step: string | number | null }

async function credentials(sql: SqlRunner, id: string): Promise<Credentials | undefined> {
  return (await sql.query<Credentials>(
    'SELECT password_hash, totp_secret, totp_pending, totp_last_step FROM credentials WHERE professional_id = $1', [id],
  ))[0];
}

async function professional(ctx: ServerContext, id: string): Promise<Professional | undefined> {
  return ctx.store.transaction('read', (tx) => tx.get('professionals', id));
}

async function requiresTotp(sql: SqlRunner, orgId: string): Promise<boolean> {
  return !!(await sql.query<{ require_totp: boolean }>('SELECT require_totp FROM org_settings WHERE org_id = $1', [orgId]))[0]?.require_totp;
}

/** Sets (or replaces) a password; used by set-password and by the demo seed. */
export async function setPasswordHash(sql: SqlRunner, professionalId: string, hash: string, now: Date) {
  await sql.query(
    `INSERT INTO credentials (professional_id, password_hash, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (professional_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at`,
    [professionalId, hash, now.toISOString()],
  );
}

/**
 * `/api/v1/auth/*`: sign-in (throttled per account and per address, the
 * same answer whether or not the account exists), sign-out, activation of
 * new accounts, TOTP enrolment and the organisation's TOTP requirement,
 * and one-time tickets for the live event stream.
 */
export function authRoutes(app: Hono, ctx: ServerContext) {
  const handlers: { [R in Route]: Handler<R> } = {
    async 'sign-in'(c, input) {
      const { account, ip } = ctx.throttles;
      const accountKey = `account:${input.email}`;
      const ipKey = `ip:${clientIp(c, ctx.config.trustProxy)}`;
      const wait = Math.max(await account.retryAfter(accountKey), await ip.retryAfter(ipKey));
      if (wait) {
        c.header('Retry-After', String(wait));
        return failure(c, 'rate-limited');
      }
      const person = (await ctx.store.transaction('read', (tx) => tx.query('professionals', 'byEmail', { equals: [input.email], limit: 1 })))[0];
      const creds = person ? await credentials(ctx.db, person.id) : undefined;
      const passwordOk = await verifyPassword(input.password, creds?.password_hash ?? (await dummyHash()));
      if (!person || !creds?.password_hash || !passwordOk || !person.active) {
        await account.fail(accountKey);
        await ip.fail(ipKey);
        ctx.log('sign-in-refused', {});
        return failure(c, 'not-signed-in');
      }
      const now = ctx.now();
      if (creds.totp_secret) {
        if (!input.totp) return failure(c, 'not-signed-in', { detail: 'totp-required' });
        const step = verifyTotp(creds.totp_secret, input.totp, now, creds.totp_last_step == null ? null : Number(creds.totp_last_step));
        if (step === undefined) {
          await account.fail(accountKey);
          await ip.fail(ipKey);
          return failure(c, 'not-signed-in', { detail: 'totp-invalid' });
        }
        await ctx.db.query('UPDATE credentials SET totp_last_step = $2 WHERE professional_id = $1', [person.id, step]);
      }
      await account.reset(accountKey);
      const restricted = !creds.totp_secret && (await requiresTotp(ctx.db, person.orgId));
      const session = await createSession(ctx.db, person.id, now, restricted);
      ctx.log('signed-in', { professionalId: person.id });
      return { ...session, professionalId: person.id, totpEnrolmentRequired: restricted };
    },

    async 'sign-out'(c) {
      const token = c.req.header('Authorization')?.replace(/^Bearer /, '') ?? '';
      await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
      return { signedOut: true as const };
    },

    async 'set-password'(c, input) {
      const now = ctx.now();
      const tokenHash = hashToken(input.token);
      // The memory-hard hash costs ~100 ms and 32 MiB: only for a token that can still be used.
      const usable = await ctx.db.transaction('read', (sql) => sql.query(
        'SELECT 1 FROM account_setup WHERE token_hash = $1 AND used_at IS NULL AND token_expires_at > $2', [tokenHash, now.toISOString()],
      ));
      if (usable.length === 0) return failure(c, 'not-found', { detail: 'activation-token' });
      const hash = await hashPassword(input.password);
      const done = await ctx.db.transaction('write', async (sql) => {
        const row = (await sql.query<{ professional_id: string; token_expires_at: Date | string }>(
          'SELECT professional_id, token_expires_at FROM account_setup WHERE token_hash = $1 AND used_at IS NULL FOR UPDATE', [tokenHash],
        ))[0];
        if (!row || new Date(row.token_expires_at).getTime() <= now.getTime()) return 'not-found' as const;
        const person = (await sql.query<{ doc: Professional }>('SELECT doc FROM professionals WHERE id = $1', [row.professional_id]))[0]?.doc;
        if (!person?.active) return 'account-inactive' as const;
        await sql.query('UPDATE account_setup SET used_at = $2, token_hash = NULL WHERE professional_id = $1', [row.professional_id, now.toISOString()]);
        await setPasswordHash(sql, row.professional_id, hash, now);
        return { professionalId: row.professional_id };
      });
      if (done === 'not-found') return failure(c, 'not-found', { detail: 'activation-token' });
      if (done === 'account-inactive') return failure(c, 'account-inactive');
      return done;
    },

    async 'activation-link'(c, input, session) {
      const me = await professional(ctx, session!.professionalId);
      if (!me?.isAccountManager) return failure(c, 'account-manager-only');
      const now = ctx.now();
      const token = newToken();
      const expiresAt = new Date(now.getTime() + ACTIVATION_MS).toISOString();
      const outcome = await ctx.db.transaction('write', async (sql) => {
        const row = (await sql.query<{ link_issued_at: unknown }>(
          'SELECT link_issued_at FROM account_setup WHERE professional_id = $1 AND created_by = $2 FOR UPDATE', [input.professionalId, me.id],
        ))[0];
        if (!row) return 'not-found' as const;
        if (row.link_issued_at) return 'conflict' as const;
        await sql.query('UPDATE account_setup SET link_issued_at = $2, token_hash = $3, token_expires_at = $4 WHERE professional_id = $1', [
          input.professionalId, now.toISOString(), hashToken(token), expiresAt,
        ]);
        return 'issued' as const;
      });
      if (outcome === 'not-found') return failure(c, 'not-found');
      if (outcome === 'conflict') return failure(c, 'conflict', { detail: 'link-already-issued' });
      // The token travels in the fragment: browsers do not send it to the server or in a Referer.
      return { activationUrl: `${ctx.config.publicUrl}/activate#token=${token}`, expiresAt };
    },

    async 'totp/enrol'(c, _input, session) {
      const me = await professional(ctx, session!.professionalId);
      if (!me) return failure(c, 'not-signed-in');
      const creds = await credentials(ctx.db, me.id);
      if (creds?.totp_secret) return failure(c, 'conflict', { detail: 'totp-enabled' });
      const secret = newTotpSecret();
      await ctx.db.query('UPDATE credentials SET totp_pending = $2, updated_at = $3 WHERE professional_id = $1', [me.id, secret, ctx.now().toISOString()]);
      return { secret, otpauthUri: otpauthUri(ISSUER, me.email, secret) };
    },

    async 'totp/confirm'(c, input, session) {
      const id = session!.professionalId;
      const creds = await credentials(ctx.db, id);
      const step = creds?.totp_pending ? verifyTotp(creds.totp_pending, input.code, ctx.now()) : undefined;
      if (!creds?.totp_pending || step === undefined) return failure(c, 'invalid-input', { issues: [{ path: ['code'], message: 'totp' }] });
      await ctx.db.transaction('write', async (sql) => {
        await sql.query(
          'UPDATE credentials SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2, updated_at = $3 WHERE professional_id = $1',
          [id, step, ctx.now().toISOString()],
        );
        await sql.query('UPDATE sessions SET restricted = false WHERE professional_id = $1', [id]);
      });
      return { enabled: true as const };
    },

    async 'org-settings'(c, input, session) {
      const me = await professional(ctx, session!.professionalId);
      if (!me?.isAccountManager) return failure(c, 'account-manager-only');
      await ctx.db.query(
        'INSERT INTO org_settings (org_id, require_totp) VALUES ($1, $2) ON CONFLICT (org_id) DO UPDATE SET require_totp = EXCLUDED.require_totp',
        [me.orgId, input.requireTotp],
      );
      return { requireTotp: input.requireTotp };
    },

    async 'event-ticket'(_c, _input, session) {
      const ticket = newToken();
      const expiresAt = new Date(ctx.now().getTime() + TICKET_MS).toISOString();
      await ctx.db.query('INSERT INTO event_tickets (ticket_hash, session_hash, professional_id, expires_at) VALUES ($1, $2, $3, $4)', [
        hashToken(ticket), session!.sessionHash, session!.professionalId, expiresAt,
      ]);
      return { ticket, expiresAt };
    },
  };

  for (const route of Object.keys(AUTH_ROUTES) as Route[]) {
    const spec = AUTH_ROUTES[route];
    app.post(`/api/v1/auth/${route}`, async (c) => {
      let session: Signed | undefined;
      if (spec.signedIn) {
        const s = await authenticate(ctx, c);
        if (!s.ok) return failure(c, s.code);
        // A restricted session (TOTP required, not set up) may only set up TOTP or leave.
        if (s.restricted && !['totp/enrol', 'totp/confirm', 'sign-out'].includes(route)) {
          return failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' });
        }
        session = s;
      }
      const body = await jsonBody(c);
      if (!body.ok) return failure(c, 'invalid-input', { detail: 'json' });
      const parsed = spec.input.safeParse(body.value);
      if (!parsed.success) {
        return failure(c, 'invalid-input', {
          issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
        });
      }
      const out = await (handlers[route] as Handler<Route>)(c, parsed.data as never, session);
      return out instanceof Response ? out : c.json(out as object, 200);
    });
  }

  app.get('/api/v1/auth/org-settings', async (c) => {
    const s = await authenticate(ctx, c);
    if (!s.ok) return failure(c, s.code);
    const me = await professional(ctx, s.professionalId);
    if (!me) return failure(c, 'not-signed-in');
    return c.json({ requireTotp: await requiresTotp(ctx.db, me.orgId) });
  });
}
