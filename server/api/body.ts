import type { Context } from 'hono';

/** No input of the API nests deeper than a few levels; hashing or checking a deeper one could overflow the stack. */
const MAX_DEPTH = 32;

/** Whether valid JSON text nests arrays and objects deeper than MAX_DEPTH (a scan, no recursion). */
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // a backslash escapes the next character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123) {
      if (++depth > MAX_DEPTH) return true;
    } else if (ch === 93 || ch === 125) depth--;
  }
  return false;
}

/** The JSON body, `{}` when empty; undefined when it is not JSON (or nested deeper than any input is). */
export async function jsonBody(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await c.req.text();
  if (!text.trim()) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  return tooDeep(text) ? { ok: false } : { ok: true, value };
}
