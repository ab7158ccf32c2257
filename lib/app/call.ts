import type { OpInput, OpName, OpOutput } from '../contract/operations';
import type { Backend } from '../contract/port';
import type { Failure, Result } from '../contract/result';
import type { StatusModel } from './status';

/**
 * Calls the backend for a model. Each call is one thing the person did, so
 * it gets its idempotency key here, when they act. A refusal is reported to
 * the live region and returned, so a form can keep the user's input; a
 * thrown error (network, storage) reads as "unavailable", never as a crash.
 */
export type Caller = <K extends OpName>(op: K, input: OpInput<K>, options?: { quiet?: boolean }) => Promise<Result<OpOutput<K>>>;

export function createCaller(backend: Backend, status: StatusModel, onRefused?: (code: Failure['code']) => void): Caller {
  return async (op, input, options) => {
    let result: Result<OpOutput<typeof op>>;
    try {
      result = await backend.call(op, input, { idempotencyKey: newId() });
    } catch (e) {
      console.error(`backend ${op} failed`, e);
      result = { ok: false, code: 'unavailable' };
    }
    if (!result.ok) {
      onRefused?.(result.code);
      if (!options?.quiet) status.refused(result as Failure);
    }
    return result;
  };
}

/** A new id for a write the user just made (idempotency key, message id). */
export const newId = () => crypto.randomUUID();
