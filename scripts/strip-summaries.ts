import ts from 'typescript';
import type { Plugin } from 'vite';

/** An operation definition's `summary: '…'` (any quote, escapes allowed), with its comma. */
const SUMMARY = /\bsummary:\s*(['"`])(?:\\.|(?!\1)[^\\])*\1,?/g;

/** The operation definitions' summaries removed from source text (what the plugin does to each file). */
export const stripSummaries = (code: string) => code.replace(SUMMARY, '');

/** The properties `cut` picks removed, each with its comma, found by TypeScript's parser (values may be functions). */
function stripProperties(code: string, cut: (p: ts.PropertyAssignment) => boolean): string {
  const file = ts.createSourceFile('source.ts', code, ts.ScriptTarget.Latest, true);
  const cuts: [number, number][] = [];
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAssignment(n) && cut(n)) {
      const comma = /^\s*,/.exec(code.slice(n.getEnd()));
      cuts.push([n.getStart(file), n.getEnd() + (comma ? comma[0].length : 0)]);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return cuts.reverse().reduce((out, [from, to]) => out.slice(0, from) + out.slice(to), code);
}

const named = (p: ts.PropertyAssignment, names: ReadonlySet<string>) =>
  (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && names.has(p.name.text);

/**
 * The operation definitions' `example: …` properties removed, with their commas. They are functions
 * (balanced brackets, strings), so they are found by TypeScript's parser rather than by a pattern.
 */
export const stripExamples = (code: string) => stripProperties(code, (p) => named(p, new Set(['example'])));

/**
 * The HTTP routes' descriptions in lib/contract/wire.ts (OpenAPI's: each route's `summary`, the SSO
 * routes' `query` and `form` parameter texts), removed from the route tables `AUTH_ROUTES` and
 * `SSO_ROUTES`; their paths, methods and schemas stay.
 */
export function stripRouteDescriptions(code: string): string {
  const names = new Set(['summary', 'query', 'form']);
  return stripProperties(code, (p) => {
    if (!named(p, names)) return false;
    // the route's object literal → `'name': { … }` → the table's object literal → `const TABLE = { … } as const`
    let table: ts.Node = p.parent.parent.parent.parent;
    while (ts.isAsExpression(table) || ts.isSatisfiesExpression(table)) table = table.parent;
    return ts.isVariableDeclaration(table) && ts.isIdentifier(table.name) && ['AUTH_ROUTES', 'SSO_ROUTES'].includes(table.name.text);
  });
}

const OPERATIONS = /[\\/]lib[\\/]contract[\\/]operations[\\/][^\\/]+\.ts$/;
const WIRE = /[\\/]lib[\\/]contract[\\/]wire\.ts$/;

/**
 * A Vite plugin for the browser builds (extension, widget): the operations' summaries and examples, and
 * the HTTP routes' descriptions, are for OpenAPI and the authorisation matrix, which only the server and
 * the tests use; in a page they are some 12 kB nobody reads (3 kB gzipped). The one definition keeps
 * them; only the bundles leave them out.
 */
export function stripOperationSummaries(): Plugin {
  return {
    name: 'netwerkzorg:strip-operation-summaries',
    enforce: 'pre',
    transform(code, id) {
      if (WIRE.test(id)) return { code: stripRouteDescriptions(code), map: null };
      if (!OPERATIONS.test(id)) return null;
      return { code: stripExamples(stripSummaries(code)), map: null };
    },
  };
}
