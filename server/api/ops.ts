import type { Hono } from 'hono';
import type { OperationRegistry } from '../../lib/contract/operations';
import { parseWith } from '../../lib/contract/result';
import { IdempotencyKey, IDEMPOTENCY_HEADER } from '../../lib/contract/wire';
import { createService } from '../../lib/service/service';
import { authenticate } from '../auth/authenticate';
import { RATE_LIMITS } from '../../lib/contract/operation';
import { securityLog } from '../auth/security-log';
import { withinRate } from '../auth/throttle';
import { sha256Hex as sha256Sync } from '../crypto';
import type { ServerContext } from '../context';
import { jsonBody } from './body';
import { requestSource } from './source';
import { answer, failure } from './status';

/**
 * `POST /api/v1/ops/:op` for every operation of the registry: the body is
 * the input (parsed here, once: the server's boundary), a 200 carries the
 * output, anything else the Failure. Commands need an Idempotency-Key.
 */
export function opsRoutes(app: Hono, ctx: ServerContext, operations: OperationRegistry) {
  const service = createService(ctx.store, { now: ctx.now, operations, sha256: sha256Sync });
  app.post('/api/v1/ops/:op', async (c) => {
    const op = c.req.param('op');
    if (!Object.hasOwn(operations, op)) return failure(c, 'not-found', { detail: 'operation' });
    const def = operations[op]!;
    const session = await authenticate(ctx, c);
    if (!session.ok) return failure(c, session.code);
    if (session.restricted) return failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' });
    const body = await jsonBody(c);
    if (!body.ok) return failure(c, 'invalid-input', { detail: 'json' });

    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (def.kind === 'command' && !IdempotencyKey.safeParse(key).success) {
      return failure(c, 'invalid-input', { issues: [{ path: [IDEMPOTENCY_HEADER], message: 'A command needs an Idempotency-Key header (8–128 characters).' }] });
    }
    const args = parseWith(def.input, body.value);
    if (!args.ok) return answer(c, args);
    if (def.rateLimit) {
      const within = await withinRate(ctx.db, `${def.rateLimit}:${session.professionalId}`, RATE_LIMITS[def.rateLimit], ctx.now().getTime());
      if (!within.ok) {
        securityLog(ctx, 'rate-limited', { professionalId: session.professionalId, outcome: def.rateLimit });
        c.header('Retry-After', String(within.retryAfter));
        return failure(c, 'rate-limited');
      }
    }
    const caller = {
      professionalId: session.professionalId, orgId: session.orgId, source: requestSource(c, ctx.config.publicUrl), session: session.sessionHash,
    };
    const result = await service.run(caller, op as never, args.value as never, { idempotencyKey: key });
    if (!result.ok) return answer(c, result);
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.value as object, 200);
  });
}
