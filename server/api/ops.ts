import type { Hono } from 'hono';
import { IdempotencyKey, IDEMPOTENCY_HEADER, SOURCE_HEADER } from '../../lib/backend/http/wire';
import { isQuery, operations, type OpArgs, type OpName } from '../../lib/backend/operations';
import { createService } from '../../lib/backend/service';
import type { Source } from '../../lib/domain';
import { authenticate } from '../auth/authenticate';
import type { ServerContext } from '../context';
import { jsonBody, requestHash } from './body';
import { commandStore } from './command-store';
import { preloadFor } from './preload';
import { writeScope } from './write-scope';
import { answer, failure } from './status';

const SOURCES: readonly Source[] = ['sidepanel', 'widget', 'server'];

/**
 * `POST /api/v1/ops/:op` for every operation in lib/backend/operations.ts:
 * the body is the input, a 200 carries the output, anything else the
 * Failure. Commands need an Idempotency-Key.
 */
export function opsRoutes(app: Hono, ctx: ServerContext) {
  app.post('/api/v1/ops/:op', async (c) => {
    const name = c.req.param('op');
    if (!Object.hasOwn(operations, name)) return failure(c, 'not-found', { detail: 'operation' });
    const op = name as OpName;
    const session = await authenticate(ctx, c);
    if (!session.ok) return failure(c, session.code);
    if (session.restricted) return failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' });
    const body = await jsonBody(c);
    if (!body.ok) return failure(c, 'invalid-input', { detail: 'json' });

    const command = !isQuery(op);
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (command && !IdempotencyKey.safeParse(key).success) {
      return failure(c, 'invalid-input', { issues: [{ path: [IDEMPOTENCY_HEADER], message: 'A command needs an Idempotency-Key header (8–128 characters).' }] });
    }
    const sourceHeader = c.req.header(SOURCE_HEADER) as Source | undefined;
    const source: Source = sourceHeader && SOURCES.includes(sourceHeader) ? sourceHeader : 'server';

    // The service validates the input again (it is what both backends share); here it names the locks and reads ahead.
    const parsed = operations[op].input.safeParse(body.value);
    const args = parsed.success ? (parsed.data as OpArgs<typeof op>) : undefined;
    const store = commandStore(ctx, {
      actorId: session.professionalId, op, key: command ? key : undefined, requestHash: requestHash(op, body.value),
      scope: command ? writeScope(op, args) : undefined,
      preload: preloadFor(op, session.professionalId, args),
    });
    const service = createService(store, { now: ctx.now });
    const result = await service.run(session.professionalId, source, op, body.value as never);
    if (!result.ok) return answer(c, result);
    if (store.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.value as object, 200);
  });
}
