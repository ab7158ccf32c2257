import type { OpArgs, OpName, OpOutput } from '../contract/operations';
import type { Backend, CallOptions } from '../contract/port';
import type { Result } from '../contract/result';

/**
 * A Backend that also takes input parsed already: the extension's background
 * parses a page's input once, at that boundary, and hands it on as is.
 * (The HTTP client sends it on; the server parses at its own boundary.)
 */
export interface TrustedBackend extends Backend {
  run<K extends OpName>(op: K, args: OpArgs<K>, options?: CallOptions): Promise<Result<OpOutput<K>>>;
}
