import type { Context, Hono } from 'hono';
import { fileTypeFromBuffer } from 'file-type';
import { bodyLimit } from 'hono/body-limit';
import { uploadOperations } from '../../lib/contract/operations/attachments';
import { operations, type OperationRegistry } from '../../lib/contract/operations';
import { ATTACHMENTS_PATH, EMERGENCY_HEADER, FILE_NAME_HEADER, IdempotencyKey, IDEMPOTENCY_HEADER } from '../../lib/contract/wire';
import { ATTACHMENT_LIMITS, Id } from '../../lib/domain';
import { fileIntake } from '../../lib/service/files';
import { createService } from '../../lib/service/service';
import { authenticate } from '../auth/authenticate';
import type { ServerContext } from '../context';
import { sha256Hex } from '../crypto';
import { requestSource } from '../api/source';
import { answer, failure } from '../api/status';
import { sharpCleaner } from './sharp-cleaner';
import { sqlFiles } from './sql-files';

/** Neither the page nor anything it names may run: a file is data, never a document of this origin. */
const FILE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

const contentDisposition = (inline: boolean, name: string) =>
  `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

function sentName(c: Context): string | undefined {
  const raw = c.req.header(FILE_NAME_HEADER);
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * R20: `POST /api/v1/attachments` (the file's bytes as the body) and `GET /api/v1/attachments/{id}` and
 * `…/{id}/thumbnail`, with the bearer token like every route. What they decide is the domain's
 * (uploadAttachment, readAttachment); the type from the bytes and the cleaning are lib/service/files.ts.
 */
export function attachmentRoutes(app: Hono, ctx: ServerContext, registry: OperationRegistry = operations as unknown as OperationRegistry) {
  const service = createService(ctx.store, { now: ctx.now, operations: { ...registry, ...uploadOperations } as unknown as OperationRegistry, sha256: sha256Hex });
  const intake = fileIntake(service, sharpCleaner, sqlFiles(ctx.db), async (head) => (await fileTypeFromBuffer(head))?.mime);
  const caller = (c: Context, s: { professionalId: string; orgId: string; sessionHash: string }) => ({
    professionalId: s.professionalId, orgId: s.orgId, source: requestSource(c, ctx.config.publicUrl), session: s.sessionHash,
  });

  const tooLarge = (c: Context) => {
    c.header('Connection', 'close');
    return failure(c, 'file-too-large');
  };
  app.post(ATTACHMENTS_PATH, async (c, next) => {
    const length = c.req.header('Content-Length');
    if (length !== undefined && Number(length) > ATTACHMENT_LIMITS.maxBytes) return tooLarge(c);
    return bodyLimit({ maxSize: ATTACHMENT_LIMITS.maxBytes, onError: tooLarge })(c, next);
  }, async (c) => {
    const session = await authenticate(ctx, c);
    if (!session.ok) return failure(c, session.code);
    if (session.restricted) return failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' });
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (!IdempotencyKey.safeParse(key).success) {
      return failure(c, 'invalid-input', { issues: [{ path: [IDEMPOTENCY_HEADER], message: 'An upload needs an Idempotency-Key header (8–128 characters).' }] });
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await intake.upload(caller(c, session), { name: sentName(c) ?? '', type: c.req.header('Content-Type') ?? '', bytes }, key!);
    return result.ok ? c.json(result.value, 201) : answer(c, result);
  });

  const download = (variant: 'file' | 'thumbnail') => async (c: Context) => {
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success) return failure(c, 'not-found');
    const session = await authenticate(ctx, c);
    if (!session.ok) return failure(c, session.code);
    if (session.restricted) return failure(c, 'not-signed-in', { detail: 'totp-enrolment-required' });
    const reason = c.req.header(EMERGENCY_HEADER);
    const found = await intake.download(caller(c, session), id.data, variant, reason ? decodeURIComponent(reason) : undefined);
    if (!found.ok) return answer(c, found);
    const { type, bytes, ref } = found.value;
    // Photos (and every thumbnail) may be shown as images; a document is only ever saved.
    const inline = variant === 'thumbnail' || ref.kind === 'photo';
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': type,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': contentDisposition(inline, variant === 'thumbnail' ? `klein-${ref.name.replace(/\.\w+$/, '.jpg')}` : ref.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': FILE_CSP,
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'private, no-store',
    });
  };
  app.get(`${ATTACHMENTS_PATH}/:id`, download('file'));
  app.get(`${ATTACHMENTS_PATH}/:id/thumbnail`, download('thumbnail'));
}
