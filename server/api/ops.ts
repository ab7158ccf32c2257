import type { Context, Hono } from 'hono';
import type { OperationDef } from '../../lib/contract/operation';
import type { OperationRegistry } from '../../lib/contract/operations';
import { parseWith } from '../../lib/contract/result';
import { BACKGROUND_HEADER, IdempotencyKey, IDEMPOTENCY_HEADER } from '../../lib/contract/wire';
import { createService, type Caller } from '../../lib/service/service';
import { authenticate } from '../auth/authenticate';
import { RATE_LIMITS } from '../../lib/contract/operation';
import { checkedInRecently } from '../auth/oidc/check-in';
import { securityLog } from '../auth/security-log';
import { Recheck, sessionGuard, SessionHints } from '../auth/session-guard';
import { touchSession } from '../auth/sessions';
import { withinRate } from '../auth/throttle';
import { bearerToken, hashToken } from '../auth/tokens';
import { sha256Hex as sha256Sync } from '../crypto';
import type { ServerContext } from '../context';
import { jsonBody } from './body';
import { requestSource } from './source';
import { answer, failure } from './status';

/** The request's input, parsed once (the server's boundary), with its idempotency key; or the answer refusing it. */
async function inputOf(c: Context, def: OperationDef) {
  const body = await jsonBody(c);
  if (!body.ok) return { ok: false as const, refuse: () => failure(c, 'invalid-input', { detail: 'json' }) };
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (def.kind === 'command' && !IdempotencyKey.safeParse(key).success) {
    return {
      ok: false as const,
      refuse: () => failure(c, 'invalid-input', { issues: [{ path: [IDEMPOTENCY_HEADER], message: 'A command needs an Idempotency-Key header (8–128 characters).' }] }),
    };
  }
  const args = parseWith(def.input, body.value);
  if (!args.ok) return { ok: false as const, refuse: () => answer(c, args) };
  return { ok: true as const, args: args.value, key };
}

/**
 * `POST /api/v1/ops/:op` for every operation of the registry: the body is
 * the input (parsed here, once: the server's boundary), a 200 carries the
 * output, anything else the Failure. Commands need an Idempotency-Key.
 *
 * The session: a token this process has seen pass is checked with the operation's own first
 * statement (`sessionGuard`), one round trip less; any doubt (refused, expired, restricted, another
 * person, a provider check-in due) and it is checked in full first, as every other token is.
 */
export function opsRoutes(app: Hono, ctx: ServerContext, operations: OperationRegistry) {
  const service = createService(ctx.store, { now: ctx.now, operations, sha256: sha256Sync });
  const hints = new SessionHints();
  const ssoCurrent = (orgId: string, checkedAt: Date) => checkedInRecently(ctx, orgId, checkedAt, ctx.now());

  /** The full check of the request's session: whom it proves, or the answer refusing it. */
  async function signedIn(c: Context) {
    const session = await authenticate(ctx, c);
    if (!session.ok) return { ok: false as const, refuse: () => failure(c, session.code) };
    if (session.restricted) return { ok: false as const, refuse: () => failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' }) };
    hints.set(session.sessionHash, { professionalId: session.professionalId, orgId: session.orgId });
    return session;
  }

  app.post('/api/v1/ops/:op', async (c) => {
    const op = c.req.param('op');
    if (!Object.hasOwn(operations, op)) return failure(c, 'not-found', { detail: 'operation' });
    const def = operations[op]!;
    const token = bearerToken(c.req.header('Authorization'));
    const sessionHash = token ? hashToken(token) : undefined;
    // A rate is counted per person before the operation runs: such a request is checked in full first.
    const hint = sessionHash && !def.rateLimit ? hints.get(sessionHash) : undefined;
    let session = hint ? undefined : await signedIn(c);
    if (session && !session.ok) return session.refuse();

    const input = await inputOf(c, def);
    if (!input.ok) {
      // An unchecked session's refusal comes first, as it would have without the hint.
      session ??= await signedIn(c);
      return session.ok ? input.refuse() : session.refuse();
    }
    if (def.rateLimit && session) {
      const within = await withinRate(ctx.db, `${def.rateLimit}:${session.professionalId}`, RATE_LIMITS[def.rateLimit], ctx.now().getTime());
      if (!within.ok) {
        securityLog(ctx, 'rate-limited', { professionalId: session.professionalId, outcome: def.rateLimit });
        c.header('Retry-After', String(within.retryAfter));
        return failure(c, 'rate-limited');
      }
    }
    const source = requestSource(c, ctx.config.publicUrl);
    const run = (caller: Caller) => service.run(caller, op as never, input.args as never, { idempotencyKey: input.key });

    let result: Awaited<ReturnType<typeof run>> | undefined;
    if (hint && sessionHash) {
      const now = ctx.now();
      const guard = sessionGuard(sessionHash, hint, now, ssoCurrent);
      try {
        result = await run({ ...hint, source, session: sessionHash, guard });
        if (guard.touch && c.req.header(BACKGROUND_HEADER) !== '1') await touchSession(ctx.db, sessionHash, now);
      } catch (e) {
        if (!(e instanceof Recheck)) throw e;
        hints.forget(sessionHash);
      }
    }
    if (!result) {
      session ??= await signedIn(c);
      if (!session.ok) return session.refuse();
      result = await run({ professionalId: session.professionalId, orgId: session.orgId, source, session: session.sessionHash });
    }
    if (!result.ok) return answer(c, result);
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.value as object, 200);
  });
}
