/** Figures the benches print, the same way in every suite. */

/** Nearest-rank percentile (with 7 runs, p95 is the slowest); the median of an even count is the mean of the middle two. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (q === 0.5 && s.length % 2 === 0) return (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}
export const median = (xs: number[]) => quantile(xs, 0.5);
export const p95 = (xs: number[]) => quantile(xs, 0.95);
export const ms = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
export const kB = (n: number) => n / 1000;

/** A log line with the seconds since the bench started. */
export function logger(started = Date.now()) {
  return (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
}
