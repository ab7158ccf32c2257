import { existsSync, readFileSync } from 'node:fs';
import { fileOf, matchFile, segments } from './analyze';

/** The parts of a CDP `Profiler.Profile` we read. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The name of the function the benchmark runs in the page to line the profile's clock up with `performance.now()`. */
export const CLOCK_SYNC = `(function __nzClockSync() {
  const t = performance.now();
  while (performance.now() - t < 4) { /* busy, so the profiler samples it */ }
  return t;
})()`;

type Lookup = (line: number, col: number) => string | null;

/**
 * Source lookups for the chunks of a build with source maps, keyed by the
 * chunk's file name. A chunk of the measured build is matched by name (the
 * same sources give the same content hash), else by the name before the hash
 * (the sources changed between the two builds: close, not exact); `null`
 * when no map matches.
 */
function sourceMaps(dir: string | null, approximate: Set<string>): (url: string) => Lookup | null {
  const cache = new Map<string, Lookup | null>();
  return (url) => {
    // A chunk, or an entry at the top of the build (the background's service worker).
    if (!dir || !/^chrome-extension:\/\/[^/]+\/(chunks\/|[^/]+\.js$)/.test(url)) return null;
    const path = url.replace(/^chrome-extension:\/\/[^/]+\//, '');
    if (cache.has(path)) return cache.get(path)!;
    const match = matchFile(dir, path);
    if (match?.approximate) approximate.add(path);
    const file = match?.file ?? '';
    let lookup: Lookup | null = null;
    if (file && existsSync(`${file}.map`)) {
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
      const byLine: { col: number; src: number | null }[][] = [];
      for (const s of segments(map.mappings)) (byLine[s.line] ??= []).push({ col: s.col, src: s.src });
      lookup = (line, col) => {
        const segs = byLine[line];
        if (!segs?.length) return null;
        let lo = 0;
        let hi = segs.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (segs[mid]!.col <= col) lo = mid;
          else hi = mid - 1;
        }
        const src = segs[lo]!.src;
        // Code without a source is the bundler's own (Vite's preload helper, module glue).
        return src === null ? '(bundler runtime: module preload helper, glue)' : fileOf(map.sources[src] ?? '?');
      };
    }
    cache.set(path, lookup);
    return lookup;
  };
}

export interface CpuWindow { label: string; from: number; to: number }
export interface CpuSummary { window: CpuWindow; totalMs: number; byFile: [string, number][] }
interface Sample { at: number; dt: number; file: string }

/**
 * The profile's samples in page time (ms since navigation start;
 * `syncPageTime` is what CLOCK_SYNC returned in the profiled page), each
 * attributed to an original source file through the source maps of
 * `mapsDir` (a build of the same sources). Native calls (DOM, IndexedDB
 * bindings) count towards the script that made them; `(program)` is the
 * browser's own work: parsing, compiling, style, layout. Idle is left out.
 */
export function pageSamples(profile: CpuProfile, mapsDir: string | null, syncPageTime: number): { samples: Sample[]; approximate: string[] } | null {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const approximate = new Set<string>();
  const maps = sourceMaps(mapsDir, approximate);
  const fileFor = new Map<number, string>();
  const attribute = (id: number): string => {
    const known = fileFor.get(id);
    if (known) return known;
    const f = nodes.get(id)!.callFrame;
    let out: string;
    if (f.url) {
      out = maps(f.url)?.(f.lineNumber, f.columnNumber) ?? f.url.replace(/^chrome-extension:\/\/[^/]+\//, '');
    } else if (parent.has(id) && nodes.get(parent.get(id)!)!.callFrame.url) {
      out = attribute(parent.get(id)!);
    } else {
      out = f.functionName || '(anonymous)';
    }
    fileFor.set(id, out);
    return out;
  };
  // Line up the profile's clock with the page's: the first sample inside __nzClockSync.
  const inSync = (id: number) => {
    for (let k: number | undefined = id; k !== undefined; k = parent.get(k)) if (nodes.get(k)!.callFrame.functionName === '__nzClockSync') return true;
    return false;
  };
  let t = profile.startTime;
  const times: number[] = [];
  let sync: number | null = null;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    times.push(t);
    if (sync === null && inSync(profile.samples[i]!)) sync = t;
  }
  if (sync === null) return null;
  const offset = sync / 1000 - syncPageTime;
  const samples: Sample[] = [];
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    if (nodes.get(id)!.callFrame.functionName === '(idle)') continue;
    samples.push({ at: times[i]! / 1000 - offset, dt: (profile.timeDeltas[i + 1] ?? 0) / 1000, file: attribute(id) });
  }
  return { samples, approximate: [...approximate] };
}

/** Busy time per source file within each window of page time. */
export function summarise(samples: Sample[], windows: CpuWindow[]): CpuSummary[] {
  return windows.map((window) => {
    const byFile = new Map<string, number>();
    let total = 0;
    for (const s of samples) {
      if (s.at < window.from || s.at >= window.to) continue;
      byFile.set(s.file, (byFile.get(s.file) ?? 0) + s.dt);
      total += s.dt;
    }
    return { window, totalMs: total, byFile: [...byFile].sort((a, b) => b[1] - a[1]) };
  });
}

/** Busy time in slices of `step` ms from `from` to `to`, with the two files that took most of each. */
export function timeline(samples: Sample[], from: number, to: number, step: number): string[] {
  const out: string[] = [];
  for (let a = from; a < to; a += step) {
    const [s] = summarise(samples, [{ label: '', from: a, to: a + step }]);
    const top = s!.byFile.slice(0, 2).map(([f, t]) => `${f} ${t.toFixed(1)}`).join(', ');
    out.push(`${a.toFixed(0).padStart(5)}–${(a + step).toFixed(0).padEnd(5)} busy ${s!.totalMs.toFixed(1).padStart(5)} ms  ${top}`);
  }
  return out;
}
