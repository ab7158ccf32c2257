import ts from 'typescript';
import type { Plugin } from 'vite';

/** An operation definition's `summary: '…'` (any quote, escapes allowed), with its comma. */
const SUMMARY = /\bsummary:\s*(['"`])(?:\\.|(?!\1)[^\\])*\1,?/g;

/** The operation definitions' summaries removed from source text (what the plugin does to each file). */
export const stripSummaries = (code: string) => code.replace(SUMMARY, '');

/**
 * The operation definitions' `example: …` properties removed, with their commas. They are functions
 * (balanced brackets, strings), so they are found by TypeScript's parser rather than by a pattern.
 */
export function stripExamples(code: string): string {
  const file = ts.createSourceFile('operations.ts', code, ts.ScriptTarget.Latest, true);
  const cuts: [number, number][] = [];
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'example') {
      const comma = /^\s*,/.exec(code.slice(n.getEnd()));
      cuts.push([n.getStart(file), n.getEnd() + (comma ? comma[0].length : 0)]);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return cuts.reverse().reduce((out, [from, to]) => out.slice(0, from) + out.slice(to), code);
}

/**
 * A Vite plugin for the browser builds (extension, widget): the operations' summaries and examples are
 * for OpenAPI and the authorisation matrix, which only the server and the tests use; in a page they are
 * some 9 kB nobody reads (2 kB gzipped). The one definition keeps them; only the bundles leave them out.
 */
export function stripOperationSummaries(): Plugin {
  return {
    name: 'netwerkzorg:strip-operation-summaries',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]lib[\\/]contract[\\/]operations[\\/][^\\/]+\.ts$/.test(id)) return null;
      return { code: stripExamples(stripSummaries(code)), map: null };
    },
  };
}
