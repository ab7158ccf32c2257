import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { jsonBody } from '../api/body';
import { answer, failure } from '../api/status';
import { parseWith } from '../../lib/contract/result';
import { activationRoutes } from './activation';
import { mailReads, mailSettingsRoutes } from './mail-routes';
import { passwordRoutes } from './password-routes';
import { authenticate } from './authenticate';
import { oidcExchangeRoutes, oidcRoutes } from './oidc/routes';
import { orgSettingsRead, orgSettingsRoutes } from './org-settings';
import type { Handler, Route, Signed } from './route-types';
import { signInRoutes } from './sign-in';
import { ticketRoutes } from './tickets';
import { totpRoutes } from './totp-routes';
import { AUTH_ROUTES } from '../../lib/contract/wire';

/** What a restricted session (second factor required, not set up) may still do. */
const RESTRICTED_ALLOWS: readonly Route[] = ['totp/enrol', 'totp/confirm', 'sign-out'];

/**
 * `/api/v1/auth/*`: each route's session check, body parsing and input
 * validation, then its handler (sign-in.ts, activation.ts, password-routes.ts,
 * mail-routes.ts, totp-routes.ts, org-settings.ts, tickets.ts, oidc/routes.ts).
 */
export function authRoutes(app: Hono, ctx: ServerContext) {
  const handlers: { [R in Route]: Handler<R> } = {
    ...signInRoutes(ctx),
    ...activationRoutes(ctx),
    ...passwordRoutes(ctx),
    ...mailSettingsRoutes(ctx),
    ...totpRoutes(ctx),
    ...orgSettingsRoutes(ctx),
    ...ticketRoutes(ctx),
    ...oidcExchangeRoutes(ctx),
  };

  for (const route of Object.keys(AUTH_ROUTES) as Route[]) {
    const spec = AUTH_ROUTES[route];
    app.post(`/api/v1/auth/${route}`, async (c) => {
      let session: Signed | undefined;
      if (spec.signedIn) {
        const s = await authenticate(ctx, c);
        if (!s.ok) return failure(c, s.code);
        if (s.restricted && !RESTRICTED_ALLOWS.includes(route)) return failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' });
        session = s;
      }
      const body = await jsonBody(c);
      if (!body.ok) return failure(c, 'invalid-input', { detail: 'json' });
      const parsed = parseWith(spec.input, body.value);
      if (!parsed.ok) return answer(c, parsed);
      const out = await (handlers[route] as Handler<Route>)(c, parsed.value as never, session);
      return out instanceof Response ? out : c.json(out as object, 200);
    });
  }

  orgSettingsRead(app, ctx);
  mailReads(app, ctx);
  oidcRoutes(app, ctx);
}
