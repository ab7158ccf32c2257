import type { RefusalCode } from '../domain';

export interface Failure {
  ok: false;
  code: RefusalCode;
  detail?: string;
  /** For invalid input: which fields, and why (zod's paths and messages). */
  issues?: { path: (string | number)[]; message: string }[];
}
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: RefusalCode, detail?: string): Failure => ({ ok: false, code, detail });
