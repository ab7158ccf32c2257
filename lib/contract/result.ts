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

/** A zod error as the `invalid-input` refusal every boundary answers with. */
export function invalidInput(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Failure {
  return {
    ok: false, code: 'invalid-input',
    issues: error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  };
}

/** An input parsed with its schema: the parsed value, or the refusal. */
export function parseWith<S extends { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: Parameters<typeof invalidInput>[0] } }>(
  schema: S, value: unknown,
): Result<Extract<ReturnType<S['safeParse']>, { success: true }>['data']> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data as never } : invalidInput(parsed.error);
}
