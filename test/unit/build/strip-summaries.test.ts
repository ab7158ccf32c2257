import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_PARTS, SERVICE_PARTS, stripExamples, stripOperationSummaries, stripRouteDescriptions, stripServiceParts, stripSummaries,
} from '../../../scripts/strip-summaries';

const DIR = 'lib/contract/operations';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

const parse = (name: string, code: string) => {
  const file = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true);
  expect((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  return file;
};

/** The property names of each `operation({ … })` definition in a source file. */
function definitions(name: string, code: string): string[][] {
  const found: string[][] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'operation') {
      const [arg] = n.arguments;
      if (!arg || !ts.isObjectLiteralExpression(arg)) throw new Error(`${name}: operation() without an object literal`);
      found.push(arg.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : `<${ts.SyntaxKind[p.kind]}>`)));
    }
    ts.forEachChild(n, visit);
  };
  visit(parse(name, code));
  return found;
}

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

describe('the embed page leaves out the service\'s parts of the operations (it only calls them over HTTP)', () => {
  it('every property of a definition is the client\'s, the service\'s or the documentation\'s', () => {
    const source = readFileSync('lib/contract/operation.ts', 'utf8');
    const file = parse('operation.ts', source);
    let keys: string[] = [];
    file.forEachChild((n) => {
      if (ts.isInterfaceDeclaration(n) && n.name.text === 'OperationDef') keys = n.members.map((m) => (m.name as ts.Identifier).text);
    });
    // A new property must be put in one of the lists: what an HTTP client reads must not be left out of the widget.
    expect([...keys].sort()).toEqual([...CLIENT_PARTS, ...SERVICE_PARTS, 'summary', 'example', 'decide'].sort());
  });

  it.each(FILES)('%s: each definition keeps its kind and schemas only, and the code still parses', (file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    const before = definitions(file, source);
    const after = definitions(file, stripServiceParts(stripExamples(stripSummaries(source))));
    expect(after.length).toBe(before.length);
    for (const props of after) expect(props).toEqual(CLIENT_PARTS);
    for (const props of before) for (const key of CLIENT_PARTS) expect(props).toContain(key);
    expect((stripServiceParts(source).match(/\.decidedBy\(/g) ?? []).length).toBe((source.match(/\.decidedBy\(/g) ?? []).length);
  });

  it('takes the service\'s parts of operation() definitions only, functions whole', () => {
    expect(stripServiceParts(`operation({ kind: 'query', reads: (a) => ({ x: rows('s', 'i', { equals: [a.id] }) }), locks: () => ['a,b'], input: I, output: O })`))
      .toBe(`operation({ kind: 'query',   input: I, output: O })`);
    expect(stripServiceParts(`other({ reads: 1 }); operation({ input: { locks: 1 }, output: O, access: 'readers' })`))
      .toBe(`other({ reads: 1 }); operation({ input: { locks: 1 }, output: O,  })`);
  });

  it('a build without them fails if the service comes into it', () => {
    const transform = (options: { httpClientOnly?: boolean }, id: string) =>
      (stripOperationSummaries(options).transform as (this: unknown, code: string, id: string) => unknown)
        .call({ error: (m: string) => { throw new Error(m); } }, '', id);
    expect(() => transform({ httpClientOnly: true }, '/repo/lib/service/service.ts')).toThrow(/does not run in this page/);
    expect(() => transform({ httpClientOnly: true }, '/repo/lib/backend/local/local-backend.ts')).toThrow(/does not run in this page/);
    expect(transform({}, '/repo/lib/service/service.ts')).toBeNull();
    expect(transform({ httpClientOnly: true }, '/repo/lib/backend/http/http-backend.ts')).toBeNull();
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
