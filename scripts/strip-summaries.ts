import type { Plugin } from 'vite';

/** An operation definition's `summary: '…'` (any quote, escapes allowed), with its comma. */
const SUMMARY = /\bsummary:\s*(['"`])(?:\\.|(?!\1)[^\\])*\1,?/g;

/** The operation definitions' summaries removed from source text (what the plugin does to each file). */
export const stripSummaries = (code: string) => code.replace(SUMMARY, '');

/**
 * A Vite plugin for the browser builds (extension, widget): the operations' summaries are for OpenAPI,
 * which only the server writes; in a page they are 5 kB of text (1.5 kB gzipped) nobody reads. The one
 * definition keeps them; only the bundles leave them out.
 */
export function stripOperationSummaries(): Plugin {
  return {
    name: 'netwerkzorg:strip-operation-summaries',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]lib[\\/]contract[\\/]operations[\\/][^\\/]+\.ts$/.test(id)) return null;
      return { code: stripSummaries(code), map: null };
    },
  };
}
