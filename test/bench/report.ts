import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Prints a table and writes test/bench/results/<suite>.json. Returns whether every budget held. */
export function report(suite: string, rows: BenchRow[], context: Record<string, unknown> = {}): boolean {
  const table = rows.map((r) => {
    const ok = withinBudget(r);
    return {
      metric: r.metric,
      value: `${fmt(r.value)} ${r.unit}`,
      baseline: r.baseline ? `${r.baseline.label}: ${fmt(r.baseline.value)} ${r.unit}` : '',
      budget: budgetText(r),
      verdict: ok === null ? '' : ok ? 'ok' : 'OVER BUDGET',
    };
  });
  console.log(`\n${suite}`);
  console.table(table);
  const dir = join('test', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const allOk = rows.every((r) => withinBudget(r) !== false);
  writeFileSync(
    join(dir, `${suite}.json`),
    JSON.stringify({ suite, at: new Date().toISOString(), node: process.version, context, allWithinBudget: allOk, rows: rows.map((r) => ({ ...r, withinBudget: withinBudget(r) })) }, null, 2) + '\n',
  );
  return allOk;
}
