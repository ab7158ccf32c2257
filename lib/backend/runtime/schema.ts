import { z } from 'zod';
import { operations, type OpName } from '../operations';
import { CHANNEL, type Envelope, type Payload, type RequestType } from './protocol';

const none = z.strictObject({});
const Id = z.string().min(1).max(200);
const opNames = Object.keys(operations) as [OpName, ...OpName[]];

/** Each request's payload, checked in the background before anything acts on it. */
export const payloads: { [K in RequestType]: z.ZodType<Payload<K>> } = {
  hello: none as z.ZodType<Payload<'hello'>>,
  // The operation's own input is checked against its schema in operations.ts when it is run.
  call: z.strictObject({ op: z.enum(opNames), input: z.unknown() }),
  'training.actAs': z.strictObject({ professionalId: Id }),
  'training.reset': none as z.ZodType<Payload<'training.reset'>>,
  'server.signIn': z.strictObject({
    email: z.string().max(320),
    password: z.string().max(1024),
    totp: z.string().max(16).optional(),
  }),
  'server.signOut': none as z.ZodType<Payload<'server.signOut'>>,
  'server.liveUrl': none as z.ZodType<Payload<'server.liveUrl'>>,
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
