import { operations as contractOperations, type OperationRegistry, type OpArgs, type OpInput, type OpName, type OpOutput } from '../../contract/operations';
import type { CallOptions, Files } from '../../contract/port';
import { fail, type Result } from '../../contract/result';
import { API_PREFIX, BACKGROUND_HEADER, IDEMPOTENCY_HEADER } from '../../contract/wire';
import type { TrustedBackend } from '../trusted';
import { joinUrl, postJson, type FetchLike } from './fetch-json';
import type { TokenStore } from './token-store';

export interface HttpBackendOptions {
  /** The server's origin (and path prefix, if any), e.g. `https://netwerkzorg.example.nl`. */
  baseUrl: string;
  tokens: TokenStore;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  timeoutMs?: number;
  /** The operations it knows (the contract's; a test may extend them). */
  operations?: OperationRegistry;
}

/**
 * The Backend over the server's HTTP API (`POST /api/v1/ops/:op`). The server
 * parses the input (its boundary); every answer is parsed here with the
 * operation's output schema; a network failure is `unavailable`. A command
 * carries the idempotency key the caller made when the person acted (a new
 * one when none was given), so the server runs a retried command once.
 */
export class HttpBackend implements TrustedBackend {
  private readonly fetchImpl: FetchLike;
  readonly files: Files;

  constructor(private readonly options: HttpBackendOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    // Loaded on first use: the widget's first screen (the inbox) sends no files, and its first load has a budget.
    let loaded: Promise<Files> | undefined;
    const files = () => (loaded ??= import('./http-files').then((m) => m.httpFiles(options.baseUrl, options.tokens, this.fetchImpl)));
    this.files = {
      upload: async (file, o) => (await files()).upload(file, o),
      download: async (id, variant, o) => (await files()).download(id, variant, o),
    };
  }

  async call<K extends OpName>(op: K, input: OpInput<K>, call: CallOptions = {}): Promise<Result<OpOutput<K>>> {
    const spec = (this.options.operations ?? (contractOperations as unknown as OperationRegistry))[op];
    if (!spec) return fail('not-found', 'operation');
    const token = await this.options.tokens.get();
    if (!token) return fail('not-signed-in');
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (spec.kind === 'command') headers[IDEMPOTENCY_HEADER] = call.idempotencyKey ?? crypto.randomUUID();
    if (call.background) headers[BACKGROUND_HEADER] = '1';
    const result = await postJson(this.fetchImpl, joinUrl(this.options.baseUrl, `${API_PREFIX}/ops/${op}`), input, spec.output, {
      headers, timeoutMs: this.options.timeoutMs,
    });
    // The session is gone (expired, signed out elsewhere): forget the token so the app asks to sign in.
    if (!result.ok && result.code === 'not-signed-in') await this.options.tokens.set(undefined);
    return result as Result<OpOutput<K>>;
  }

  /** Parsed input goes out as it is: the server parses it at its boundary. */
  run<K extends OpName>(op: K, args: OpArgs<K>, options?: CallOptions) {
    return this.call(op, args as OpInput<K>, options);
  }
}
