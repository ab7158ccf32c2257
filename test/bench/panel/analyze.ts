import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ANALYZE_DIR = join(tmpdir(), 'nz-bench-analyze', 'chrome-mv3');
const OUT = join(tmpdir(), 'nz-bench-analyze');

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one line's VLQ segments of a source map: [generated column, source index] pairs. */
export function* segments(mappings: string): Generator<{ line: number; col: number; src: number | null }> {
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

/** Builds the extension with source maps (analyze.wxt.config.ts) into ANALYZE_DIR: same sources, same chunks. */
export function buildWithSourceMaps(): string {
  const cfg = join('test', 'bench', 'panel', 'analyze.wxt.config.ts');
  const r = spawnSync('npx', ['wxt', 'build', '-b', 'chrome', '-c', cfg], { encoding: 'utf8', env: { ...process.env, NZ_ANALYZE_OUT: OUT } });
  if (r.status !== 0) throw new Error(`analysis build failed:\n${r.stdout}\n${r.stderr}`);
  return ANALYZE_DIR;
}

/**
 * The file in build `dir` that matches `path` of another build of (nearly)
 * the same sources: the same name, else the same name before the content
 * hash (`approximate`: the sources changed between the two builds).
 */
export function matchFile(dir: string, path: string): { file: string; approximate: boolean } | null {
  if (existsSync(join(dir, path))) return { file: join(dir, path), approximate: false };
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const base = name.replace(/-[^-]+(\.\w+)$/, '-');
  const ext = name.slice(name.lastIndexOf('.'));
  if (!existsSync(join(dir, folder))) return null;
  const same = readdirSync(join(dir, folder)).filter((c) => c.startsWith(base) && c.endsWith(ext) && !c.slice(base.length).includes('-'));
  return same.length === 1 ? { file: join(dir, folder, same[0]!), approximate: true } : null;
}

/**
 * Where the side panel's start-up code comes from: for each of `paths` (as
 * named in the measured build, with their gzipped sizes there), the bytes
 * each package or project file fills in the source-mapped build `out`, and
 * an estimate of its gzipped share (the file's gzipped size split in
 * proportion to those bytes).
 */
export function analyzeStartupCode(out: string, files: { path: string; gzip: number; bytes: number }[]): { contributions: Contribution[]; approximate: string[] } {
  const totals = new Map<string, { bytes: number; gzip: number }>();
  const approximate: string[] = [];
  const add = (g: string, bytes: number, gzip: number) => {
    const t = totals.get(g) ?? { bytes: 0, gzip: 0 };
    t.bytes += bytes;
    t.gzip += gzip;
    totals.set(g, t);
  };
  for (const asset of files) {
    const match = matchFile(out, asset.path);
    if (match?.approximate) approximate.push(asset.path);
    if (!match || !asset.path.endsWith('.js') || !existsSync(`${match.file}.map`)) {
      add(asset.path.endsWith('.css') ? 'CSS' : asset.path, asset.bytes, asset.gzip);
      continue;
    }
    const file = match.file;
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
    for (const [g, bytes] of perGroup) add(g, (asset.bytes * bytes) / mapped, (asset.gzip * bytes) / mapped);
  }
  return {
    contributions: [...totals].map(([group, t]) => ({ group, bytes: t.bytes, gzipEstimate: t.gzip })).sort((a, b) => b.gzipEstimate - a.gzipEstimate),
    approximate,
  };
}
