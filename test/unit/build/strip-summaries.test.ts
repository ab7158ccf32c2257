import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { stripExamples, stripRouteDescriptions, stripSummaries } from '../../../scripts/strip-summaries';

const DIR = 'lib/contract/operations';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

const parse = (name: string, code: string) => {
  const file = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true);
  expect((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  return file;
};

describe('the browser builds leave out the operations\' summaries and examples (OpenAPI and the matrix are the server\'s)', () => {
  it.each(FILES)('%s: every summary goes, nothing else, and the code still parses', (file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    const stripped = stripExamples(stripSummaries(source));
    const summaries = (source.match(/\bsummary:/g) ?? []).length;
    expect((stripped.match(/\bsummary:/g) ?? []).length).toBe(0);
    expect((source.match(/\bexample:/g) ?? []).length).toBe(summaries);
    expect((stripped.match(/\bexample:/g) ?? []).length).toBe(0);
    expect(source.length - stripped.length).toBeGreaterThanOrEqual(summaries * 10);
    // Every other property of each definition is still there (counted where definitions have them: an example may hold a `kind:` too).
    for (const key of ['kind:', 'input:', 'output:', 'reads:']) {
      const at = new RegExp(`^    ${key}`, 'gm');
      expect((stripped.match(at) ?? []).length, key).toBe((source.match(at) ?? []).length);
    }
    expect((stripped.match(/\.decidedBy\(/g) ?? []).length).toBe((source.match(/\.decidedBy\(/g) ?? []).length);
    const parsed = ts.createSourceFile(file, stripped, ts.ScriptTarget.Latest, true);
    expect((parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  });

  it('takes an example whole, brackets and strings in it included, and nothing after it', () => {
    expect(stripExamples(`op({ kind: 'query', example: (fx) => ({ a: [fx.id, '),'], b: { c: "}" } }), access: 'x' })`)).toBe(`op({ kind: 'query',  access: 'x' })`);
    expect(stripExamples(`op({ a: 1, example: () => ({}) })`)).toBe(`op({ a: 1,  })`);
  });

  it('takes quotes inside a summary as part of it', () => {
    expect(stripSummaries(`{ kind: 'query', summary: "Whom to write to at an organisation's inbox", input: x }`)).toBe(`{ kind: 'query',  input: x }`);
    expect(stripSummaries(`{ summary: 'It\\'s here', a: 1 }`)).toBe(`{  a: 1 }`);
  });
});

describe('the browser builds leave out the HTTP routes\' descriptions (OpenAPI\'s)', () => {
  const source = readFileSync('lib/contract/wire.ts', 'utf8');
  const stripped = stripRouteDescriptions(source);

  it('every route keeps its path, method and schemas; its summary and parameter texts go', () => {
    parse('wire.ts', stripped);
    expect((source.match(/\bsummary:/g) ?? []).length).toBeGreaterThan(10);
    expect(stripped).not.toMatch(/\bsummary:|\bquery:|\bform:/);
    for (const key of ['path:', 'method:', 'input:', 'output:', 'signedIn:']) {
      expect((stripped.match(new RegExp(`\\b${key}`, 'g')) ?? []).length, key).toBe((source.match(new RegExp(`\\b${key}`, 'g')) ?? []).length);
    }
  });

  it('touches nothing outside the route tables', () => {
    const code = `const OTHER = { a: { summary: 'x', query: 1 } };\nexport const SSO_ROUTES = { start: { path: '/p', query: { return: 'r' }, summary: 'S' } } as const;`;
    expect(stripRouteDescriptions(code)).toBe(`const OTHER = { a: { summary: 'x', query: 1 } };\nexport const SSO_ROUTES = { start: { path: '/p',   } } as const;`);
  });
});
