import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Asset { path: string; bytes: number; gzip: number; lazy: boolean }

const gz = (buf: Buffer) => gzipSync(buf).length; // zlib's default level (6), what a web server would send

/** `import … from"./x.js"`, `import"./x.js"`, `export … from"./x.js"` in a built chunk (not `import(…)`). */
const STATIC = /(?:\bimport|\bexport)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;
/** `import("./x.js")` / import(`./x.js`): loaded later, on use or preload. */
const DYNAMIC = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;
/** Vite's preload list: `__vite__mapDeps` names chunks and CSS by path from the build root. */
const MAP_DEPS = /m\.f=\[([^\]]*)\]/;

/**
 * Everything an extension page loads: its scripts, module preloads and style
 * sheets, then every chunk they import statically (`lazy: false`), and
 * everything reachable through dynamic imports (`lazy: true`: the screens
 * after the inbox, the other language), each gzipped on its own.
 */
export function pageAssets(buildDir: string, html = 'sidepanel.html'): Asset[] {
  const page = readFileSync(join(buildDir, html), 'utf8');
  const refs = [...page.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)]
    .filter((m) => /\.(m?js|css)$/.test(m[1]!))
    .map((m) => m[1]!.replace(/^\//, ''));
  return closure(buildDir, refs, html);
}

/** The extension's background service worker (manifest `background.service_worker`) and what it imports. */
export function backgroundAssets(buildDir: string): Asset[] {
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } };
  const sw = manifest.background?.service_worker;
  return sw ? closure(buildDir, [sw.replace(/^\//, '')], 'manifest.json') : [];
}

function closure(buildDir: string, refs: string[], html: string): Asset[] {
  const seen = new Map<string, Asset>();
  const visit = (path: string, lazy: boolean) => {
    const known = seen.get(path);
    if (known) {
      if (known.lazy && !lazy) known.lazy = false;
      else return;
    }
    const file = join(buildDir, path);
    if (!existsSync(file)) throw new Error(`${html} refers to ${path}, which is not in ${buildDir}`);
    const buf = readFileSync(file);
    if (!known) seen.set(path, { path, bytes: buf.length, gzip: gz(buf), lazy });
    if (!path.endsWith('.js')) return;
    const code = buf.toString('utf8');
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const rel = (p: string) => new URL(p, `file:///${dir}`).pathname.slice(1);
    for (const m of code.matchAll(STATIC)) visit(rel(m[1]!), lazy);
    for (const m of code.matchAll(DYNAMIC)) visit(rel(m[1]!), true);
    const deps = MAP_DEPS.exec(code)?.[1];
    if (deps) for (const d of deps.matchAll(/["'`]([^"'`]+)["'`]/g)) visit(d[1]!, true);
  };
  for (const r of refs) visit(r, false);
  return [...seen.values()];
}

export function sum(assets: Asset[], pick: (a: Asset) => boolean) {
  const chosen = assets.filter(pick);
  return { bytes: chosen.reduce((n, a) => n + a.bytes, 0), gzip: chosen.reduce((n, a) => n + a.gzip, 0), files: chosen.length };
}
