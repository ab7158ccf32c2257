import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/** Figures taken while other work loads the two cores say little: a verdict needs a quiet machine. */
export const QUIET_LOAD = 1.0;
const QUIET_WAIT_MS = 120_000;

interface Machine { loadBefore: number; waitedMs: number; quiet: boolean }
let machine: Machine | null = null;

/**
 * Waits (up to two minutes) for the one-minute load average to fall below
 * QUIET_LOAD, and prints it. Call it first in a bench; `report` prints the
 * load after measuring beside it, and gives no verdict when it was not quiet.
 */
export async function quietMachine(): Promise<Machine> {
  const started = Date.now();
  let load = loadavg()[0]!;
  while (load >= QUIET_LOAD && Date.now() - started < QUIET_WAIT_MS) {
    if (Date.now() - started < 1000) console.log(`waiting for a quiet machine: load ${load.toFixed(2)} (need below ${QUIET_LOAD})…`);
    await new Promise((r) => setTimeout(r, 5000));
    load = loadavg()[0]!;
  }
  machine = { loadBefore: +load.toFixed(2), waitedMs: Date.now() - started, quiet: load < QUIET_LOAD };
  console.log(`load average before measuring: ${load.toFixed(2)} on ${cpus().length} cores${machine.quiet ? '' : ' (not quiet after two minutes: figures without verdicts)'}`);
  return machine;
}

/**
 * One measured figure, with the figure it is compared against in the same
 * run (the baseline) and its budget: `max` (at most) or `min` (at least),
 * either absolute or, with `relative`, as a multiple of the baseline.
 */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  baseline?: { label: string; value: number };
  budget?: { max?: number; min?: number; relative?: boolean };
}

function withinBudget(r: BenchRow): boolean | null {
  if (!r.budget) return null;
  const scale = r.budget.relative ? (r.baseline?.value ?? NaN) : 1;
  if (r.budget.max !== undefined && !(r.value <= r.budget.max * scale)) return false;
  if (r.budget.min !== undefined && !(r.value >= r.budget.min * scale)) return false;
  return true;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

function budgetText(r: BenchRow): string {
  if (!r.budget) return '';
  const { max, min, relative } = r.budget;
  const x = (n: number) => (relative ? `${+n.toFixed(2)}× baseline` : `${n} ${r.unit}`);
  return [max !== undefined ? `≤ ${x(max)}` : '', min !== undefined ? `≥ ${x(min)}` : ''].filter(Boolean).join(', ');
}

/**
 * Prints a table and writes test/bench/results/<suite>.json. Returns whether every budget held
 * (true too when the machine was not quiet: then there is no verdict to fail).
 */
export function report(suite: string, rows: BenchRow[], context: Record<string, unknown> = {}): boolean {
  const loadAfter = +loadavg()[0]!.toFixed(2);
  // The verdict rests on the load before: what the bench itself runs (a server, a database, a browser) loads the machine while it measures.
  const quiet = !!machine?.quiet;
  const verdictOf = (r: BenchRow) => (quiet ? withinBudget(r) : null);
  const table = rows.map((r) => {
    const ok = verdictOf(r);
    return {
      metric: r.metric,
      value: `${fmt(r.value)} ${r.unit}`,
      baseline: r.baseline ? `${r.baseline.label}: ${fmt(r.baseline.value)} ${r.unit}` : '',
      budget: budgetText(r),
      verdict: ok === null ? (r.budget && !quiet ? 'no verdict (load)' : '') : ok ? 'ok' : 'OVER BUDGET',
    };
  });
  console.log(`\n${suite}`);
  console.table(table);
  console.log(`load average: ${machine?.loadBefore ?? '?'} before measuring, ${loadAfter} after, on ${cpus().length} cores.`
    + (quiet ? '' : ' The machine was not quiet (one-minute load 1.0 or more): the figures are printed, but no verdict is given.'));
  const dir = join('test', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const allOk = rows.every((r) => verdictOf(r) !== false);
  writeFileSync(
    join(dir, `${suite}.json`),
    JSON.stringify({
      suite, at: new Date().toISOString(), node: process.version,
      load: { before: machine?.loadBefore ?? null, after: loadAfter, quiet }, context,
      allWithinBudget: quiet ? allOk : null, rows: rows.map((r) => ({ ...r, withinBudget: verdictOf(r) })),
    }, null, 2) + '\n',
  );
  return allOk;
}
