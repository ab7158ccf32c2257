import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerContext } from '../context';
import { forwardedTls } from '../auth/client-ip';
import { errorFields } from '../log';
import { ATTACHMENTS_PATH, BACKGROUND_HEADER, EMERGENCY_HEADER, FILE_NAME_HEADER, SSO_ROUTES } from '../../lib/contract/wire';
import { cors } from './cors';
import { failure } from './status';

import { originAllowed } from './origins';

export { originAllowed };

const JSON_ROUTES = /^\/api\/v1\/(ops|auth)\//;
/** The one auth route a provider calls, with a form as OpenID Connect Back-Channel Logout has it (it changes nothing a page could ask for). */
const FORM_ROUTE = SSO_ROUTES['backchannel-logout'].path;
/** `application/json`, with parameters (charset) or not. */
const isJson = (type: string | undefined) => /^application\/json\s*(;|$)/i.test(type?.trim() ?? '');

/** The API's CSP: nothing may load, nothing may frame it. Pages set their own before answering. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A year; browsers that saw it once go to this host over HTTPS only. Subdomains are the operator's to decide. */
const HSTS = 'max-age=31536000';

/** Over HTTPS here, or to the first of your trusted proxies (X-Forwarded-Proto believed only behind them). */
const overTls = (c: Context, ctx: ServerContext) => new URL(c.req.url).protocol === 'https:' || forwardedTls(c, ctx.config.trustProxy);

const headers = (ctx: ServerContext): MiddlewareHandler => async (c, next) => {
  await next();
  const h = c.res.headers;
  // Only over TLS: sent over plain HTTP it would be ignored, and a local server without TLS must stay reachable.
  if (overTls(c, ctx)) h.set('Strict-Transport-Security', HSTS);
  if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', API_CSP);
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'no-referrer');
  // A page that may be framed (the widget's embed page) names its framers in frame-ancestors; X-Frame-Options cannot.
  if (!/frame-ancestors (?!'none')/.test(h.get('Content-Security-Policy') ?? '')) h.set('X-Frame-Options', 'DENY');
  // The widget's sign-in popup says otherwise on its own pages (server/auth/oidc/popup-return.ts).
  if (!h.has('Cross-Origin-Opener-Policy')) h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (c.req.path.startsWith('/api/') && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  // Hono answers HEAD by running the GET route and dropping its body unread: a live event stream
  // would then stay subscribed for good. Cancelling the body ends it (its onAbort runs).
  if (c.req.method === 'HEAD') await c.res.body?.cancel().catch(() => {});
};

/**
 * What every answer gets: security headers, CORS only for configured web
 * origins and browser extensions, a body size limit, an access log line
 * without bodies or query strings, and no stack trace in any answer.
 */
export function security(app: Hono, ctx: ServerContext) {
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    ctx.log('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });
  app.use('*', headers(ctx));
  app.use('/api/*', cors({
    allowed: (origin) => originAllowed(origin, ctx.config.allowedOrigins),
    methods: ['GET', 'POST', 'OPTIONS'],
    headers: ['Authorization', 'Content-Type', 'Idempotency-Key', BACKGROUND_HEADER, FILE_NAME_HEADER, EMERGENCY_HEADER],
    expose: ['Retry-After', 'Idempotent-Replayed'],
    maxAgeSeconds: 600,
  }));
  const tooLarge = (c: Context) => {
    // The rest of the body is not read: the connection cannot carry another request.
    c.header('Connection', 'close');
    return failure(c, 'invalid-input', { detail: 'too-large' }, 413);
  };
  const streamedLimit = bodyLimit({ maxSize: ctx.config.bodyLimit, onError: tooLarge });
  // R20: an upload's body is the file (up to its own limit, checked and counted by its route).
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path === ATTACHMENTS_PATH) return next();
    // A declared length is checked without touching the body, so the server's Node adapter can still read
    // it straight from the socket (the `body` stream costs a web Request per call); a streamed body is counted.
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return Number(length) > ctx.config.bodyLimit ? tooLarge(c) : next();
    }
    return streamedLimit(c, next);
  });
  app.use('/api/*', async (c, next) => {
    await next();
    // A request refused before its body was read (not signed in, no such operation) still has it read,
    // up to the limit above: left unread, a large body (over about 200 kB here, more than the socket
    // buffers hold) ends with the kept-alive connection reset, and the next request on it fails.
    if (c.res.status === 413 || c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.raw.bodyUsed) return;
    await c.req.raw.arrayBuffer().catch(() => {});
  });
  app.use('/api/*', async (c, next) => {
    // Commands and auth routes take JSON only: a form or text/plain body (what a page on another site can send
    // without asking CORS first) is refused before anything reads it.
    if (c.req.method === 'POST' && JSON_ROUTES.test(c.req.path) && c.req.path !== FORM_ROUTE && !isJson(c.req.header('Content-Type'))) {
      return failure(c, 'invalid-input', { detail: 'content-type' }, 415);
    }
    return next();
  });
  app.onError((err, c: Context) => {
    ctx.log('error', { path: c.req.path, ...errorFields(err) });
    return failure(c, 'unavailable', { detail: 'internal' }, 500);
  });
  app.notFound((c) => failure(c, 'not-found'));
}
