import { attachmentName, AttachmentRef, classifyFile, type AcceptedType } from '../domain';
import type { DownloadedFile, FileData, FileVariant } from '../contract/port';
import { fail, type Result } from '../contract/result';
import { sha256Hex } from '../util/sha256';
import type { Caller, Service } from './service';

/** A photo after cleaning: new pixels only (no metadata of any kind), turned upright, and its thumbnail. */
export interface CleanedImage {
  bytes: Uint8Array;
  type: AcceptedType;
  width: number;
  height: number;
  thumbnail: { bytes: Uint8Array; type: string };
}

/**
 * Decodes a photo and encodes it anew (R20): what it must not keep is everything but the pixels (EXIF,
 * GPS, a camera's serial, XMP, ICC comments). The server's uses sharp, training mode's the browser's
 * canvas; both turn it upright and bound its longest side (ATTACHMENT_LIMITS).
 */
export interface ImageCleaner {
  clean(bytes: Uint8Array, type: AcceptedType): Promise<CleanedImage>;
}

/** Where the bytes of files live, beside the records: a PostgreSQL table, IndexedDB, later an object store. */
export interface FileStore {
  put(id: string, file: { bytes: Uint8Array; type: string; thumbnail?: { bytes: Uint8Array; type: string } }): Promise<void>;
  get(id: string, variant: FileVariant): Promise<DownloadedFile | undefined>;
}

const hexOf = (digest: ArrayBuffer) => [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256OfBytes = async (bytes: Uint8Array) => hexOf(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));

/** A retried upload (same person, same key) is the same file: its id follows from both. */
export const attachmentIdFor = async (professionalId: string, idempotencyKey: string) =>
  `f-${(await sha256Hex(`${professionalId}\n${idempotencyKey}`)).slice(0, 40)}`;

/** A file's type (its MIME type) as its first bytes show it; undefined when they show none known. */
export type DetectType = (head: Uint8Array) => Promise<string | undefined> | string | undefined;

/**
 * R20, the same in both adapters: a file's type is read from its bytes (`detect`: file-type on the server,
 * sniff.ts in training mode), never from its name or declared type; a photo is cleaned before anything
 * keeps it; then the service takes it in (R12, R13, the idempotency key) and only then are its bytes
 * stored. An uploaded original is never kept.
 */
export function fileIntake(service: Service, cleaner: ImageCleaner, files: FileStore, detect: DetectType) {
  return {
    async upload(caller: Caller, file: FileData, idempotencyKey: string): Promise<Result<AttachmentRef>> {
      const detected = await detect(file.bytes.subarray(0, 4100));
      const classified = classifyFile(detected, file.bytes.byteLength);
      if (!classified.ok) return fail(classified.code, classified.detail);
      let stored: { bytes: Uint8Array; type: AcceptedType; width?: number; height?: number; thumbnail?: CleanedImage['thumbnail'] };
      if (classified.kind === 'photo') {
        try {
          stored = await cleaner.clean(file.bytes, classified.type);
        } catch {
          // Bytes that start like a photo but do not decode as one.
          return fail('file-type-refused', 'undecodable');
        }
      } else {
        stored = { bytes: file.bytes, type: classified.type };
      }
      const attachmentId = await attachmentIdFor(caller.professionalId, idempotencyKey);
      const taken = await service.run(caller, 'uploadAttachment' as never, {
        attachmentId, name: attachmentName(file.name, stored.type), type: stored.type, kind: classified.kind, bytes: stored.bytes.byteLength,
        ...(stored.width ? { width: stored.width, height: stored.height } : {}), sha256: await sha256OfBytes(stored.bytes),
      } as never, { idempotencyKey });
      if (!taken.ok) return taken;
      // After the record: a refused or conflicting upload stores no bytes; a replay stores the same ones again.
      await files.put(attachmentId, { bytes: stored.bytes, type: stored.type, thumbnail: stored.thumbnail });
      return { ok: true, value: AttachmentRef.parse(taken.value) };
    },

    async download(caller: Caller, attachmentId: string, variant: FileVariant, emergencyReason?: string): Promise<Result<DownloadedFile & { ref: AttachmentRef }>> {
      const read = await service.call(caller, 'readAttachment', { attachmentId, variant, ...(emergencyReason ? { emergencyReason } : {}) });
      if (!read.ok) return read;
      const found = await files.get(attachmentId, variant);
      return found ? { ok: true, value: { ...found, ref: AttachmentRef.parse(read.value) } } : fail('not-found', 'file');
    },
  };
}
export type FileIntake = ReturnType<typeof fileIntake>;
