/**
 * One JSON line per event on stderr. Callers pass only what may be logged:
 * never message text, tokens, tickets, passwords or request bodies.
 */
export type Logger = (event: string, fields?: Record<string, string | number | boolean | undefined>) => void;

export const jsonLogger: Logger = (event, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
};
export const silentLogger: Logger = () => {};

/** What of an error may be logged: its kind and SQL state, never its message (it can quote data). */
export function errorFields(e: unknown): Record<string, string | undefined> {
  const err = e as { name?: string; code?: string; constraint?: string; routine?: string } | null;
  return { error: err?.name ?? typeof e, code: typeof err?.code === 'string' ? err.code : undefined, constraint: err?.constraint };
}
