#!/usr/bin/env node
// `npm run bench`: runs every test/bench/*.bench.ts in turn (each prints its
// table and writes test/bench/results/<suite>.json), then a summary. A figure
// over budget is a verdict in its table and JSON; a bench exits non-zero only
// when it could not measure.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync('test/bench').filter((f) => f.endsWith('.bench.ts')).filter((f) => !only.length || only.some((o) => f.includes(o))).sort();
const started = Date.now();
const failed = [];
for (const f of files) {
  console.log(`\n▶ ${f}`);
  const r = spawnSync('npx', ['tsx', `test/bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed.push(f);
}
console.log('\nSummary');
for (const f of readdirSync('test/bench/results').filter((f) => f.endsWith('.json')).sort()) {
  const r = JSON.parse(readFileSync(`test/bench/results/${f}`, 'utf8'));
  const verdict = r.allWithinBudget === null ? 'no verdict  ' : r.allWithinBudget ? 'ok          ' : 'OVER BUDGET ';
  console.log(`  ${verdict} ${r.suite} (${r.at}, load ${r.load?.before ?? '?'} → ${r.load?.after ?? '?'})`);
}
if (failed.length) console.log(`  failed to run: ${failed.join(', ')}`);
console.log(`  ${files.length} benchmark files in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed.length ? 1 : 0);
