import type { z } from 'zod';
import { fail, type Failure, type Result } from '../../contract/result';
import { Failure as FailureSchema } from '../../contract/wire';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export const joinUrl = (base: string, path: string) => base.replace(/\/+$/, '') + path;

/**
 * POSTs JSON and turns every outcome into a Result: a 200 parsed with the
 * expected schema, a refusal as the server's Failure, anything else
 * (network down, timeout, a proxy's HTML page) as `unavailable`.
 */
export async function postJson<T extends z.ZodType>(
  fetchImpl: FetchLike, url: string, body: unknown, output: T,
  options: { headers?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Result<z.output<T>>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let res: Response;
  let json: unknown;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
      body: JSON.stringify(body ?? {}),
      signal: controller.signal,
      credentials: 'omit',
    });
    json = await res.json().catch(() => undefined);
  } catch {
    return fail('unavailable', 'network');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (res.ok) {
    const parsed = output.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : fail('unavailable', 'answer');
  }
  return refusalOf(res, json);
}

/** A refusal's body as the server's Failure; anything else (a proxy's page) by its status. */
export function refusalOf(res: Response, json: unknown): Failure {
  const failure = FailureSchema.safeParse(json);
  if (failure.success) return failure.data as Failure;
  return fail(res.status === 429 ? 'rate-limited' : 'unavailable', `http-${res.status}`);
}

/** fetch with a timeout, a network failure as `unavailable` (the body is the caller's to read). */
export async function fetchWithin(fetchImpl: FetchLike, url: string, init: RequestInit, timeoutMs = 30_000): Promise<Result<Response>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return { ok: true, value: await fetchImpl(url, { ...init, signal: controller.signal, credentials: 'omit' }) };
  } catch {
    clearTimeout(timer);
    return fail('unavailable', 'network');
  }
}
