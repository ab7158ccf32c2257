import type { Plugin } from 'vite';

/** jsPDF's optional libraries: only its html() and SVG drawing load them, which "Naar dossier" does not use. */
const UNUSED = new Set(['html2canvas', 'canvg', 'dompurify']);
const EMPTY = '\0netwerkzorg:unused-by-pdf';

/**
 * A Vite plugin for the browser builds: jsPDF imports its optional libraries on demand, so a bundler
 * would ship 380 kB of them (an HTML renderer, an SVG renderer, an HTML sanitiser) beside a PDF of plain
 * text. They resolve to an empty module instead; a call that needed them would fail, not draw.
 */
export function pdfWithoutHtml(): Plugin {
  return {
    name: 'netwerkzorg:pdf-without-html',
    enforce: 'pre',
    resolveId: (id) => (UNUSED.has(id) ? EMPTY : null),
    load: (id) => (id === EMPTY ? 'export default undefined;' : null),
  };
}
