import { AttachmentRef } from '../../domain';
import type { DownloadedFile, Files } from '../../contract/port';
import { fail, type Result } from '../../contract/result';
import { ATTACHMENTS_PATH, EMERGENCY_HEADER, FILE_NAME_HEADER, IDEMPOTENCY_HEADER } from '../../contract/wire';
import { fetchWithin, joinUrl, refusalOf, type FetchLike } from './fetch-json';
import type { TokenStore } from './token-store';

/** A 10 MB photo over a slow line takes longer than a JSON call. */
const FILE_TIMEOUT_MS = 120_000;

/** R20 over the server's routes: `POST /api/v1/attachments` with the bytes as the body, `GET …/{id}` for them. */
export function httpFiles(baseUrl: string, tokens: TokenStore, fetchImpl: FetchLike): Files {
  const signedIn = async (): Promise<Result<string>> => {
    const token = await tokens.get();
    return token ? { ok: true, value: token } : fail('not-signed-in');
  };
  const forget = async <T>(r: Result<T>) => {
    if (!r.ok && r.code === 'not-signed-in') await tokens.set(undefined);
    return r;
  };
  return {
    async upload(file, { idempotencyKey }) {
      const token = await signedIn();
      if (!token.ok) return token;
      const sent = await fetchWithin(fetchImpl, joinUrl(baseUrl, ATTACHMENTS_PATH), {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token.value}`, [IDEMPOTENCY_HEADER]: idempotencyKey, Accept: 'application/json',
          'Content-Type': file.type || 'application/octet-stream', [FILE_NAME_HEADER]: encodeURIComponent(file.name),
        },
        body: file.bytes as Uint8Array<ArrayBuffer>,
      }, FILE_TIMEOUT_MS);
      if (!sent.ok) return sent;
      const json: unknown = await sent.value.json().catch(() => undefined);
      if (!sent.value.ok) return forget(refusalOf(sent.value, json));
      const parsed = AttachmentRef.safeParse(json);
      return parsed.success ? { ok: true, value: parsed.data } : fail('unavailable', 'answer');
    },

    async download(attachmentId, variant = 'file', options = {}): Promise<Result<DownloadedFile>> {
      const token = await signedIn();
      if (!token.ok) return token;
      const path = `${ATTACHMENTS_PATH}/${encodeURIComponent(attachmentId)}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
      const got = await fetchWithin(fetchImpl, joinUrl(baseUrl, path), {
        headers: {
          Authorization: `Bearer ${token.value}`,
          ...(options.emergencyReason ? { [EMERGENCY_HEADER]: encodeURIComponent(options.emergencyReason) } : {}),
        },
      }, FILE_TIMEOUT_MS);
      if (!got.ok) return got;
      const res = got.value;
      if (!res.ok) return forget(refusalOf(res, await res.json().catch(() => undefined)));
      try {
        return { ok: true, value: { type: res.headers.get('Content-Type') ?? 'application/octet-stream', bytes: new Uint8Array(await res.arrayBuffer()) } };
      } catch {
        return fail('unavailable', 'network');
      }
    },
  };
}
