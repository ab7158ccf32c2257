import { z } from 'zod';
import { ATTACHMENT_LIMITS, Id as DomainId, MESSAGE_MAX } from '../domain';
import { OP_NAMES, operations, type OpName } from '../contract/operations';
import { parseWith, type Result } from '../contract/result';
import { ACCOUNT_ACTIONS, IdempotencyKey, type AccountAction } from '../contract/wire';
import { CHANNEL, type Envelope, type Payload, type RequestType } from './protocol';

const none = z.strictObject({});
const Id = z.string().min(1).max(200);

/** Each request's payload, checked in the background before anything acts on it: the page → background boundary. */
export const payloads: { [K in RequestType]: z.ZodType<Payload<K>> } = {
  hello: none as z.ZodType<Payload<'hello'>>,
  // The operation's own input is parsed with its schema by `parseCall`, once.
  call: z.strictObject({ op: z.enum(OP_NAMES), input: z.unknown(), idempotencyKey: IdempotencyKey.optional() }) as z.ZodType<Payload<'call'>>,
  'training.actAs': z.strictObject({ professionalId: Id }),
  'training.reset': none as z.ZodType<Payload<'training.reset'>>,
  'server.signIn': z.strictObject({
    email: z.string().max(320),
    password: z.string().max(1024),
    totp: z.string().max(16).optional(),
  }),
  'server.organisations': none as z.ZodType<Payload<'server.organisations'>>,
  'server.signInWithOrganisation': z.strictObject({ orgId: Id }),
  'server.signOut': none as z.ZodType<Payload<'server.signOut'>>,
  'server.liveUrl': none as z.ZodType<Payload<'server.liveUrl'>>,
  // The action's own input is parsed with its route's schema by the handler, once.
  'server.account': z.strictObject({ action: z.enum(Object.keys(ACCOUNT_ACTIONS) as [AccountAction, ...AccountAction[]]), input: z.unknown() }) as z.ZodType<Payload<'server.account'>>,
  'outbox.send': z.strictObject({
    conversationId: DomainId, messageId: DomainId, idempotencyKey: IdempotencyKey,
    text: z.string().trim().max(MESSAGE_MAX),
    fileIds: z.array(Id).max(ATTACHMENT_LIMITS.perMessage).optional(),
  }).refine((m) => m.text || m.fileIds?.length, { message: 'A message needs text or a file.', path: ['text'] }),
  // Base64 of at most 10 MB: four characters for every three bytes.
  'files.keep': z.strictObject({ name: z.string().max(255), type: z.string().max(100), base64: z.string().max(Math.ceil(ATTACHMENT_LIMITS.maxBytes / 3) * 4) }),
  'files.upload': z.strictObject({ fileId: Id, idempotencyKey: IdempotencyKey }),
  'files.download': z.strictObject({
    attachmentId: DomainId, variant: z.enum(['file', 'thumbnail']), emergencyReason: z.string().max(500).optional(),
  }),
  'outbox.pending': z.strictObject({ conversationId: Id }),
  'outbox.retry': z.strictObject({ messageId: Id }),
  'outbox.discard': z.strictObject({ messageId: Id }),
  'ehr.read': z.strictObject({ tabId: z.number().int().nonnegative() }),
};

const EnvelopeShape = z.strictObject({
  channel: z.literal(CHANNEL),
  type: z.enum(Object.keys(payloads) as [RequestType, ...RequestType[]]),
  payload: z.unknown(),
});

export type Parsed = { ok: true; request: Envelope } | { ok: false; detail: string };

/** Not ours (no channel): ignored, so other listeners may answer. */
export const isForUs = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && (raw as { channel?: unknown }).channel === CHANNEL;

/** A message from a page, checked whole: the envelope, then the payload of its type. */
export function parseRequest(raw: unknown): Parsed {
  const envelope = EnvelopeShape.safeParse(raw);
  if (!envelope.success) return { ok: false, detail: z.prettifyError(envelope.error) };
  const { type } = envelope.data;
  const payload = payloads[type].safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, detail: `${type}: ${z.prettifyError(payload.error)}` };
  return { ok: true, request: { channel: CHANNEL, type, payload: payload.data } as Envelope };
}

/** An operation's input, parsed with its own schema: refused as `invalid-input`, as every boundary refuses it. */
export const parseCall = (op: OpName, input: unknown): Result<unknown> => parseWith(operations[op].input, input);
