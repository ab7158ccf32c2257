/**
 * Builds the widget: the loader (`widget.js`, one small classic script, no
 * framework) and the embed page (`embed/`, Preact, the side panel's views),
 * into one folder the server serves (`/widget.js`, `/embed/`).
 *
 *   node --import tsx widget/build.ts [outDir]
 *
 * The folder is `<NZ_OUT_DIR or .output>/widget` unless given; the server
 * looks there too (or in NZ_WIDGET_DIR).
 */
import preact from '@preact/preset-vite';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdfWithoutHtml } from '../scripts/pdf-without-html';
import { stripOperationSummaries } from '../scripts/strip-summaries';
import { build, type InlineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

export const defaultWidgetDir = () => resolve(root, process.env.NZ_OUT_DIR || '.output', 'widget');

const common: InlineConfig = { configFile: false, logLevel: 'warn', publicDir: false, root };

/** The embed page: hashed files under assets/, referred to relatively so the server may sit behind a path prefix. */
export function embedConfig(outDir: string): InlineConfig {
  return {
    ...common,
    root: join(root, 'embed'),
    base: './',
    // The page only calls its server: of each operation it needs the name, kind and schemas, not the service's parts.
    plugins: [preact(), stripOperationSummaries({ httpClientOnly: true }), pdfWithoutHtml()],
    build: {
      outDir: join(outDir, 'embed'),
      emptyOutDir: false,
      target: 'es2022',
      // The page's CSP allows scripts and styles from 'self' only: no inline polyfill, no data: URLs.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      reportCompressedSize: false,
    },
  };
}

/** The loader: one IIFE, nothing else (no chunks, no CSS file: its styles live in its shadow root). */
export function loaderConfig(outDir: string): InlineConfig {
  return {
    ...common,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2020',
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: join(here, 'loader.ts'), formats: ['iife'], name: 'NetwerkzorgWidget', fileName: () => 'widget.js' },
    },
  };
}

export async function buildWidget(outDir = defaultWidgetDir()): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  await build(embedConfig(outDir));
  await build(loaderConfig(outDir));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : defaultWidgetDir();
  await buildWidget(out);
  process.stdout.write(`Widget built to ${out} (widget.js and embed/)\n`);
}
