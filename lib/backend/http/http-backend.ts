import type { Source } from '../../domain';
import { isQuery, operations, type OpInput, type OpName, type OpOutput } from '../operations';
import type { Backend } from '../port';
import { fail, type Result } from '../result';
import { joinUrl, postJson, type FetchLike } from './fetch-json';
import type { TokenStore } from './token-store';
import { API_PREFIX, IDEMPOTENCY_HEADER, SOURCE_HEADER } from './wire';

export interface HttpBackendOptions {
  /** The server's origin (and path prefix, if any), e.g. `https://netwerkzorg.example.nl`. */
  baseUrl: string;
  tokens: TokenStore;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Recorded in the audit log (R15). */
  source?: Exclude<Source, 'server'>;
  timeoutMs?: number;
}

export interface CallOptions {
  /** Reuse the key of an earlier attempt to retry a command safely; a new UUID otherwise. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/**
 * The Backend over the server's HTTP API (`POST /api/v1/ops/:op`). Every
 * answer is parsed with the operation's zod schema; a network failure is
 * `unavailable`; every command carries an Idempotency-Key, so the server
 * runs a retried command once.
 */
export class HttpBackend implements Backend {
  readonly mode = 'server' as const;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: HttpBackendOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async call<K extends OpName>(op: K, input: OpInput<K>, call: CallOptions = {}): Promise<Result<OpOutput<K>>> {
    const spec = operations[op];
    if (!spec) return fail('not-found', 'operation');
    const token = await this.options.tokens.get();
    if (!token) return fail('not-signed-in');
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, [SOURCE_HEADER]: this.options.source ?? 'sidepanel' };
    if (!isQuery(op)) headers[IDEMPOTENCY_HEADER] = call.idempotencyKey ?? crypto.randomUUID();
    const result = await postJson(this.fetchImpl, joinUrl(this.options.baseUrl, `${API_PREFIX}/ops/${op}`), input, spec.output, {
      headers, timeoutMs: this.options.timeoutMs, signal: call.signal,
    });
    // The session is gone (expired, signed out elsewhere): forget the token so the app asks to sign in.
    if (!result.ok && result.code === 'not-signed-in') await this.options.tokens.set(undefined);
    return result as Result<OpOutput<K>>;
  }
}
