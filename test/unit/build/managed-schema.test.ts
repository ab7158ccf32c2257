import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from '../../../lib/ehr/adapters';
import { parsePolicy, POLICY_KEYS } from '../../../lib/extension/policy';
import { managedSchema, managedSchemaText, schemaMismatches } from '../../../scripts/managed-schema';

/** An adapter in the one form the policy schema declares: every field a list of sources, every label a list. */
const asPolicy = (adapter: object) => JSON.parse(JSON.stringify(adapter), (key, value) =>
  (key === 'label' && typeof value === 'string') || (['name', 'birthDate', 'bsn', 'patientRef'].includes(key) && value && !Array.isArray(value) && typeof value === 'object' && 'from' in value)
    ? [value] : value);

const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const path = join(dir, f);
  return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(f) ? [path] : [];
});

describe('what IT may set by policy (lib/extension/policy.ts)', () => {
  it('public/managed_schema.json is what scripts/managed-schema.ts makes from the definition (run it after changing the policy)', () => {
    expect(readFileSync('public/managed_schema.json', 'utf8')).toBe(managedSchemaText());
  });

  it('declares every key the extension reads, and nothing reads managed storage but the policy reader', () => {
    expect(Object.keys((managedSchema() as { properties: object }).properties)).toEqual(POLICY_KEYS);
    const readers = ['lib', 'components', 'entrypoints', 'embed'].flatMap(sources)
      .filter((f) => /storage\.managed|['"`]managed:/.test(readFileSync(f, 'utf8')));
    expect(readers).toEqual(['lib/extension/settings.ts']);
    expect(readFileSync('lib/extension/settings.ts', 'utf8')).toMatch(/parsePolicy\(await browser\.storage\.managed\.get\(\)\)/);
  });

  it('uses only what Chrome\'s policy schema knows: a type on every value, no unions', () => {
    const keywords = new Set<string>();
    const walk = (n: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(n)) {
        keywords.add(k);
        if (k === 'properties') Object.values(v as object).forEach((p) => walk(p as Record<string, unknown>));
        if (k === 'items') walk(v as Record<string, unknown>);
      }
      expect(n.type).toBeTypeOf('string');
    };
    walk(managedSchema());
    expect([...keywords].sort()).toEqual(['description', 'enum', 'items', 'properties', 'title', 'type']);
  });

  it('admits real adapters in its form, and the extension takes them as they come', () => {
    const policy = { serverUrl: 'https://netwerkzorg.example.nl', lockServerUrl: true, ehrAdapters: BUILT_IN_ADAPTERS.map(asPolicy) };
    expect(schemaMismatches(policy)).toEqual([]);
    expect(parsePolicy(policy).ehrAdapters).toEqual(BUILT_IN_ADAPTERS.map(asPolicy).map((a) => parsePolicy({ ehrAdapters: [a] }).ehrAdapters![0]));
    expect(parsePolicy(policy).ehrAdapters?.map((a) => a.id)).toEqual(BUILT_IN_ADAPTERS.map((a) => a.id));
  });

  it('leaves out an invalid setting without costing the others', () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(parsePolicy({ serverUrl: 'ftp://x', lockServerUrl: true, ehrAdapters: [{ id: 'x' }], unknown: 1 })).toEqual({ lockServerUrl: true });
      expect(parsePolicy(null)).toEqual({});
    } finally {
      console.warn = warn;
    }
  });
});
