// Writes public/managed_schema.json from the one definition of what IT may set (lib/extension/policy.ts):
//   npx tsx scripts/managed-schema.ts
// test/unit/build/managed-schema.test.ts fails while the file in the tree differs from what this makes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { POLICY } from '../lib/extension/policy';

type Json = { [key: string]: unknown };

/**
 * Chrome's policy schema is a small part of JSON Schema: a type for every value, no unions, none of
 * the length, format or pattern keywords it may not know. What it declares is the shape a policy
 * takes; the extension validates every value itself (with the zod definition) and says what it
 * ignores. A union becomes its fullest form: one-or-a-list is the list, alternatives of an object
 * are one object with every property any of them has.
 */
function chromeSchema(s: Json): Json {
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alternatives) {
    const list = alternatives.find((a) => a.type === 'array');
    if (list) return { ...describedBy(s), ...chromeSchema(list) };
    const merged: Record<string, Json> = {};
    for (const a of alternatives) {
      for (const [k, v] of Object.entries((chromeSchema(a).properties ?? {}) as Record<string, Json>)) {
        // The discriminant (`from`): each alternative's one value, together.
        const values = [...((merged[k]?.enum as unknown[]) ?? []), ...((v.enum as unknown[]) ?? [])];
        merged[k] = values.length && merged[k] ? { ...v, enum: [...new Set(values)] } : v;
      }
    }
    return { ...describedBy(s), type: 'object', properties: merged };
  }
  const out: Json = describedBy(s);
  if ('const' in s) return { ...out, type: typeof s.const, enum: [s.const] };
  out.type = s.type;
  if (s.enum) out.enum = s.enum;
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties as Record<string, Json>).map(([k, v]) => [k, chromeSchema(v)]));
  if (s.items) out.items = chromeSchema(s.items as Json);
  return out;
}

const describedBy = (s: Json): Json => ({ ...(s.title ? { title: s.title } : {}), ...(s.description ? { description: s.description } : {}) });

/** The managed schema Chrome and Edge read from the manifest's `storage.managed_schema`. */
export function managedSchema(): Json {
  return chromeSchema(z.toJSONSchema(POLICY, { io: 'input', unrepresentable: 'any' }) as Json);
}

type Node = { type: string; properties?: Record<string, Node>; items?: Node; enum?: unknown[] };

/** Where a value does not have the shape the schema declares (what Chrome drops), as paths; none: it conforms. */
export function schemaMismatches(v: unknown, s: Node = managedSchema() as unknown as Node, at = '$'): string[] {
  const kind = Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
  if (kind !== s.type && !(s.type === 'number' && kind === 'integer')) return [`${at}: ${kind}, not ${s.type}`];
  if (s.enum && !s.enum.includes(v)) return [`${at}: ${String(v)} not in ${s.enum.join('|')}`];
  if (Array.isArray(v)) return v.flatMap((x, i) => schemaMismatches(x, s.items!, `${at}[${i}]`));
  if (kind !== 'object') return [];
  return Object.entries(v as object).flatMap(([k, x]) => (s.properties?.[k] ? schemaMismatches(x, s.properties[k], `${at}.${k}`) : [`${at}.${k}: not declared`]));
}

export const managedSchemaText = () => `${JSON.stringify(managedSchema(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeFileSync('public/managed_schema.json', managedSchemaText());
