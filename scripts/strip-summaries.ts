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
 * What of an operation definition (lib/contract/operation.ts) only the service reads: who may call it,
 * its reads, write locks, rate, replay and live events. lib/service runs them (the server, the
 * extension's training backend); a client over HTTP sends the name and input and parses the answer.
 */
export const SERVICE_PARTS: readonly string[] = ['access', 'reads', 'then', 'prepare', 'locks', 'announces', 'rateLimit', 'replay'];
/** What an HTTP client reads of a definition (HttpBackend): whether it is a command, and the schemas. */
export const CLIENT_PARTS: readonly string[] = ['kind', 'input', 'output'];

/**
 * The service's parts of every `operation({ … })` definition removed (SERVICE_PARTS), for a page that
 * only calls the operations over HTTP. The rule stays by its name (`.decidedBy('…')`), which is a word.
 */
export function stripServiceParts(code: string): string {
  const names = new Set(SERVICE_PARTS);
  return stripProperties(code, (p) => {
    const literal = p.parent;
    const call = literal.parent;
    return named(p, names) && ts.isCallExpression(call) && call.arguments[0] === literal
      && ts.isIdentifier(call.expression) && call.expression.text === 'operation';
  });
}

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
/** What runs the service in a page (the training backend): it needs the parts `httpClientOnly` leaves out. */
const SERVICE = /[\\/]lib[\\/](?:service|backend[\\/]local)[\\/]/;

/**
 * A Vite plugin for the browser builds (extension, widget): the operations' summaries and examples, and
 * the HTTP routes' descriptions, are for OpenAPI and the authorisation matrix, which only the server and
 * the tests use; in a page they are some 12 kB nobody reads (3 kB gzipped). The one definition keeps
 * them; only the bundles leave them out.
 *
 * `httpClientOnly`: a page that never runs the service (the widget's embed page, which only calls the
 * server) also leaves out the service's parts of each operation (SERVICE_PARTS); the extension keeps
 * them, as its training backend runs the service in the browser. Such a page's build fails if the
 * service's code comes into it.
 */
export function stripOperationSummaries(options: { httpClientOnly?: boolean } = {}): Plugin {
  return {
    name: 'netwerkzorg:strip-operation-summaries',
    enforce: 'pre',
    transform(code, id) {
      if (options.httpClientOnly && SERVICE.test(id)) this.error(`${id}: the service does not run in this page (its operations have no reads or locks here)`);
      if (WIRE.test(id)) return { code: stripRouteDescriptions(code), map: null };
      if (!OPERATIONS.test(id)) return null;
      const docless = stripExamples(stripSummaries(code));
      return { code: options.httpClientOnly ? stripServiceParts(docless) : docless, map: null };
    },
  };
}
