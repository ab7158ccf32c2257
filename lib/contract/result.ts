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

/**
 * U+0000 and a surrogate without its partner: no text a person types holds them, PostgreSQL cannot
 * store the one in text or jsonb, and UTF-8 cannot encode the other.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what it looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where in `v` a string (a value or a key) holds unstorable characters, if anywhere. */
function unstorableAt(v: unknown, at: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof v === 'string') return UNSTORABLE.test(v) ? at : undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = unstorableAt(v[i], [...at, i]);
      if (found) return found;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const found = UNSTORABLE.test(k) ? [...at, k] : unstorableAt(x, [...at, k]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * An input parsed with its schema: the parsed value, or the refusal. Every boundary parses with this,
 * so every string of every input is checked for unstorable characters here, whatever its schema says.
 */
export function parseWith<S extends { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: Parameters<typeof invalidInput>[0] } }>(
  schema: S, value: unknown,
): Result<Extract<ReturnType<S['safeParse']>, { success: true }>['data']> {
  const bad = unstorableAt(value);
  if (bad) return { ok: false, code: 'invalid-input', issues: [{ path: bad, message: 'unstorable-character' }] };
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data as never } : invalidInput(parsed.error);
}
