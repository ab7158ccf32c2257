import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageAssets } from './size';

const OUT = join(tmpdir(), 'nz-bench-analyze');

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one line's VLQ segments of a source map: [generated column, source index] pairs. */
function* segments(mappings: string): Generator<{ line: number; col: number; src: number | null }> {
  let src = 0;
  const lines = mappings.split(';');
  for (let line = 0; line < lines.length; line++) {
    let col = 0;
    for (const seg of lines[line]!.split(',')) {
      if (!seg) continue;
      const vals: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const d = DIGIT.get(ch)!;
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0]!;
      if (vals.length > 1) src += vals[1]!;
      yield { line, col, src: vals.length > 1 ? src : null };
    }
  }
}

/** A module's package (`zod`, `preact`, …) or its file in this project (`lib/i18n/nl.ts`, …). */
export function fileOf(source: string): string {
  const pkg = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const own = source.match(/(?:^|\/)((?:lib|components|entrypoints)\/.*)$/);
  return own ? own[1]! : source.replace(/^(\.\.\/)+/, '');
}

/** A package, or a project folder (`lib/domain`, `components`, …). */
export function folderOf(file: string): string {
  const m = file.match(/^((?:lib|entrypoints)\/[^/]+|components)\//);
  return m ? m[1]! : file;
}

export interface Contribution { group: string; bytes: number; gzipEstimate: number }

/**
 * Builds the extension with source maps (analyze.wxt.config.ts) and says
 * where the side panel's start-up code comes from: bytes per package or
 * project folder, and an estimate of their gzipped share (each chunk's
 * gzipped size split in proportion to the bytes each group fills in it).
 */
export function analyzeStartupCode(): Contribution[] {
  const cfg = join('test', 'bench', 'panel', 'analyze.wxt.config.ts');
  const r = spawnSync('npx', ['wxt', 'build', '-b', 'chrome', '-c', cfg], { encoding: 'utf8', env: { ...process.env, NZ_ANALYZE_OUT: OUT } });
  if (r.status !== 0) throw new Error(`analysis build failed:\n${r.stdout}\n${r.stderr}`);
  const out = join(OUT, 'chrome-mv3');
  const totals = new Map<string, { bytes: number; gzip: number }>();
  const add = (g: string, bytes: number, gzip: number) => {
    const t = totals.get(g) ?? { bytes: 0, gzip: 0 };
    t.bytes += bytes;
    t.gzip += gzip;
    totals.set(g, t);
  };
  for (const asset of pageAssets(out).filter((a) => !a.lazy)) {
    const file = join(out, asset.path);
    if (!asset.path.endsWith('.js') || !existsSync(`${file}.map`)) {
      add(asset.path.endsWith('.css') ? 'CSS' : asset.path, asset.bytes, asset.gzip);
      continue;
    }
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
    const lines = readFileSync(file, 'utf8').split('\n');
    const segs = [...segments(map.mappings)];
    const perGroup = new Map<string, number>();
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i]!;
      const next = segs[i + 1];
      const end = next && next.line === s.line ? next.col : (lines[s.line]?.length ?? s.col);
      const g = s.src === null ? '(bundler glue)' : fileOf(map.sources[s.src] ?? '?');
      perGroup.set(g, (perGroup.get(g) ?? 0) + Math.max(0, end - s.col));
    }
    const mapped = [...perGroup.values()].reduce((a, b) => a + b, 0) || 1;
    for (const [g, bytes] of perGroup) add(g, bytes, (asset.gzip * bytes) / mapped);
  }
  return [...totals].map(([group, t]) => ({ group, bytes: t.bytes, gzipEstimate: t.gzip })).sort((a, b) => b.gzipEstimate - a.gzipEstimate);
}
