import type { Context } from 'hono';
import { createHash } from 'node:crypto';

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

/** JSON with object keys sorted, so equal requests hash equally. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export const requestHash = (op: string, body: unknown) => createHash('sha256').update(`${op}\n${canonical(body)}`).digest('hex');
