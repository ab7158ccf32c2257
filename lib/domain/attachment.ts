import { z } from 'zod';
import { Id, Instant } from './base';
import type { RefusalCode } from './refusals';

import { ATTACHMENT_LIMITS } from './limits';

export { ATTACHMENT_LIMITS };

export const AttachmentKind = z.enum(['photo', 'document']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** The only types taken in, as read from the bytes (never from a file's name or declared type). */
export const ACCEPTED_TYPES = {
  'image/jpeg': 'photo', 'image/png': 'photo', 'image/webp': 'photo', 'application/pdf': 'document',
} as const satisfies Record<string, AttachmentKind>;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;
export const AcceptedType = z.enum(Object.keys(ACCEPTED_TYPES) as [AcceptedType, ...AcceptedType[]]);

/** What a message says of each of its files: what the conversation shows and an export to the record keeps. */
export const AttachmentRef = z.object({
  id: Id,
  /** As sent (cleaned of paths), with the extension of its real type. */
  name: z.string().min(1).max(120),
  kind: AttachmentKind,
  type: AcceptedType,
  /** Size of the stored (cleaned) bytes. */
  bytes: z.number().int().min(1).max(ATTACHMENT_LIMITS.maxBytes),
  width: z.number().int().min(1).optional(),
  height: z.number().int().min(1).optional(),
  /** SHA-256 (hex) of the stored bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/**
 * An uploaded file: its uploader's until a message takes it (then the message's, for good). An upload no
 * message takes within a day is removed (UNUSED_UPLOAD_MS).
 */
export const Attachment = AttachmentRef.extend({
  uploaderId: Id,
  orgId: Id,
  createdAt: Instant,
  /** '' until a message takes it. */
  messageId: z.union([Id, z.literal('')]),
  conversationId: z.union([Id, z.literal('')]),
});
export type Attachment = z.infer<typeof Attachment>;

export const UNUSED_UPLOAD_MS = 24 * 3600_000;

export type Classified = { ok: true; type: AcceptedType; kind: AttachmentKind } | { ok: false; code: RefusalCode; detail?: string };

/**
 * R20: whether a file is taken in, from the type its bytes show (a detector's answer; `undefined` when it
 * knows none) and its size. HEIC, what an iPhone takes by default, gets its own answer: how to send it as JPEG.
 */
export function classifyFile(detected: string | undefined, size: number): Classified {
  if (size === 0) return { ok: false, code: 'file-type-refused', detail: 'empty' };
  if (size > ATTACHMENT_LIMITS.maxBytes) return { ok: false, code: 'file-too-large' };
  if (detected === 'image/heic' || detected === 'image/heif' || detected === 'image/heic-sequence' || detected === 'image/heif-sequence') {
    return { ok: false, code: 'file-heic' };
  }
  if (detected && Object.hasOwn(ACCEPTED_TYPES, detected)) {
    const type = detected as AcceptedType;
    return { ok: true, type, kind: ACCEPTED_TYPES[type] };
  }
  return { ok: false, code: 'file-type-refused' };
}

const EXTENSIONS: Record<AcceptedType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/**
 * A file's name as shown and exported: no folders, no control or markup characters, at most 120 characters,
 * and the extension of its real type (a PNG sent as `wond.jpg` is `wond.png`).
 */
export function attachmentName(sent: string | undefined, type: AcceptedType): string {
  const base = (sent ?? '').split(/[\\/]/).pop()!
    // eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 100);
  const fallback = ACCEPTED_TYPES[type] === 'photo' ? 'foto' : 'document';
  return `${base || fallback}.${EXTENSIONS[type]}`;
}

/** The part of a stored attachment a message carries. */
export const refOf = (a: Attachment): AttachmentRef => ({
  id: a.id, name: a.name, kind: a.kind, type: a.type, bytes: a.bytes, sha256: a.sha256,
  ...(a.width ? { width: a.width } : {}), ...(a.height ? { height: a.height } : {}),
});
