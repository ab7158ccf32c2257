import type { OpInput, OpName, OpOutput } from './operations';
import type { Result } from './result';

/**
 * The one port the app talks to. Training mode (LocalBackend, IndexedDB) and
 * the server (HttpBackend) both implement it, and both pass test/contract.
 * Nothing here throws for a refusal: every answer is a Result.
 */
export interface Backend {
  readonly mode: 'training' | 'server';
  call<K extends OpName>(op: K, input: OpInput<K>): Promise<Result<OpOutput<K>>>;
}
