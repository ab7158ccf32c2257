import type { BrowserContext } from 'playwright-core';
import { CLOCK_SYNC, pageSamples, summarise, timeline, type CpuProfile } from './cpu';
import { openWatched } from './net';
import { readMark, type Mark } from './probe';
import { describeOps, SW_TRACE_READ, SW_TRACE_SCRIPT, TRACE_SCRIPT, waterfall, type TraceEvent } from './trace';

export interface Milestones {
  /** main() starts asking (extension storage or the background): the entry modules have been loaded and run. */
  mainStarts: number;
  /** The first inbox page is asked for: its transaction in this page, or its message to the background. */
  listInboxStart: number;
  listInboxEnd: number;
  rowsInDom: number;
  rowsOnScreen: number;
}

interface TracedRun { events: TraceEvent[]; mark: Mark; milestones: Milestones }

export function milestones(events: TraceEvent[], mark: Mark): Milestones {
  const first = (pred: (e: TraceEvent) => boolean) => events.filter(pred).sort((a, b) => a.start - b.start)[0];
  const mainStarts = first((e) => (e.kind === 'storage' || e.kind === 'message') && !e.where)?.start ?? NaN;
  // Asked for by the page: its message, or its own transaction (the background may read lists for its badge meanwhile).
  const list = first((e) => !e.where && ((e.kind === 'tx' && !!e.ops?.some((o) => o.includes('inboxItems.byList'))) || (e.kind === 'message' && e.op === 'listInbox')));
  return {
    mainStarts,
    listInboxStart: list?.start ?? NaN,
    listInboxEnd: list?.end ?? NaN,
    rowsInDom: mark.dom,
    rowsOnScreen: mark.frame,
  };
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The extension's service worker, if one is running; `evaluate` on it, or null when it went away. */
export type Background = () => Promise<{ evaluate(expression: string): Promise<unknown> } | null>;

/** Opens the panel once with the trace scripts (page and background) and returns what happened, in page time. */
async function tracedOpening(context: BrowserContext, url: string, width: number, background: Background): Promise<TracedRun> {
  const worker = await background();
  await worker?.evaluate(SW_TRACE_SCRIPT).catch(() => null);
  await worker?.evaluate(SW_TRACE_READ).catch(() => null);
  const { page, loads } = await openWatched(context, url, width);
  const mark = (await page.evaluate(readMark('inboxRows'))) as Mark;
  await page.waitForTimeout(300);
  const events = (await page.evaluate('globalThis.__nzTrace.events')) as TraceEvent[];
  const pageOrigin = (await page.evaluate('performance.timeOrigin')) as number;
  for (const l of await loads()) events.push({ kind: 'load', label: `load ${l.path}`, start: l.start, end: l.end });
  const bg = (await (await background())?.evaluate(SW_TRACE_READ).catch(() => null)) as { origin: number; events: TraceEvent[] } | null;
  for (const e of bg?.events ?? []) {
    const shift = bg!.origin - pageOrigin;
    events.push({ ...e, start: e.start + shift, end: e.end + shift });
  }
  await page.close();
  return { events, mark, milestones: milestones(events, mark) };
}

/**
 * Opens the panel a few more times with the trace scripts, prints the
 * waterfall of one typical opening and the median milestones, then profiles
 * one opening's CPU and attributes it to source files (through the source
 * maps in `mapsDir`, a build of the same sources).
 */
export async function diagnose(
  context: BrowserContext, url: string, width: number, mapsDir: string | null, background: Background,
  /** Stops the background service worker (for one traced opening with it asleep). */
  sleep?: () => Promise<void>, runs = 3,
): Promise<Record<string, unknown>> {
  await context.addInitScript({ content: TRACE_SCRIPT });
  const traced: TracedRun[] = [];
  for (let i = 0; i < runs; i++) traced.push(await tracedOpening(context, url, width, background));
  const typical = [...traced].sort((a, b) => a.mark.frame - b.mark.frame)[Math.floor(traced.length / 2)]!;
  console.log('\nOne typical opening (ms since navigation start; traced, so a little slower than the timed runs; [background] = in the service worker):');
  for (const line of waterfall(typical.events, typical.mark.frame)) console.log(`  ${line}`);
  console.log(`  ${typical.mark.dom.toFixed(1).padStart(7)}   rows in the DOM\n  ${typical.mark.frame.toFixed(1).padStart(7)}   rows painted`);

  const m = (k: keyof Milestones) => med(traced.map((r) => r.milestones[k]));
  const phases = [
    ['navigation → main() starts asking (load, parse and run the entry modules)', 0, m('mainStarts')],
    ['main() → first inbox page asked for', m('mainStarts'), m('listInboxStart')],
    ['first inbox page asked → answered', m('listInboxStart'), m('listInboxEnd')],
    ['answered → rows in the DOM', m('listInboxEnd'), m('rowsInDom')],
    ['rows in the DOM → painted', m('rowsInDom'), m('rowsOnScreen')],
  ] as const;
  console.log(`\nWhere the time goes, median of ${runs} traced openings:`);
  console.table(phases.map(([phase, a, b]) => ({ phase, from: `${a.toFixed(0)} ms`, to: `${b.toFixed(0)} ms`, takes: `${(b - a).toFixed(0)} ms` })));
  const before = (e: TraceEvent) => e.start < typical.mark.dom;
  const txs = typical.events.filter((e) => e.kind === 'tx' && before(e));
  const count = (kind: string) => typical.events.filter((e) => e.kind === kind && before(e)).length;
  console.log(`Before the rows: ${txs.length} IndexedDB transactions (${txs.map((e) => describeOps(e.ops ?? [])).join(' | ')}); ` +
    `${count('storage')} extension storage reads; ${count('message')} messages to the background; ${count('load')} files loaded.`);

  // One opening with the background asleep: what the page waits for while the service worker starts.
  let asleep: TracedRun | undefined;
  if (sleep) {
    await sleep();
    asleep = await tracedOpening(context, url, width, async () => null);
    console.log('\nOne opening with the background asleep (its service worker starts on the first message; page side only):');
    for (const line of waterfall(asleep.events.filter((e) => e.kind !== 'load' || !/Screen|checklist|bsn/.test(e.label)), asleep.mark.frame)) console.log(`  ${line}`);
    console.log(`  ${asleep.mark.dom.toFixed(1).padStart(7)}   rows in the DOM\n  ${asleep.mark.frame.toFixed(1).padStart(7)}   rows painted`);
  }

  // CPU: one profiled opening, lined up with the page's clock.
  const { page, cdp, loads } = await openWatched(context, url, width, async (cdp) => {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  });
  const mark = (await page.evaluate(readMark('inboxRows'))) as Mark;
  const events = (await page.evaluate('globalThis.__nzTrace.events')) as TraceEvent[];
  for (const l of await loads()) events.push({ kind: 'load', label: `load ${l.path}`, start: l.start, end: l.end });
  const syncAt = (await page.evaluate(CLOCK_SYNC)) as number;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await page.close();
  const ms = milestones(events, mark);
  const attributed = pageSamples(profile, mapsDir, syncAt);
  const windows = [
    { label: 'until main() starts', from: 0, to: ms.mainStarts },
    { label: 'main() until the first inbox page is asked for', from: ms.mainStarts, to: ms.listInboxStart },
    { label: 'first inbox page asked for until rows in the DOM', from: ms.listInboxStart, to: ms.rowsInDom },
    { label: 'rows in the DOM until painted', from: ms.rowsInDom, to: ms.rowsOnScreen },
  ];
  const cpu = attributed && summarise(attributed.samples, windows);
  if (!attributed || !cpu) {
    console.log('CPU profile: could not line up its clock with the page');
  } else {
    console.log(`\nCPU in one profiled opening (rows painted at ${mark.frame.toFixed(0)} ms; profiling slows it down), self time by source file:`);
    for (const s of cpu) {
      console.log(`  ${s.window.label} (${s.window.from.toFixed(0)}–${s.window.to.toFixed(0)} ms): ${s.totalMs.toFixed(0)} ms busy`);
      for (const [file, t] of s.byFile.slice(0, 8)) console.log(`    ${t.toFixed(1).padStart(6)} ms  ${file}`);
    }
    console.log('  (program) is the browser\'s own work: parsing and compiling scripts, style, layout.');
    if (attributed.approximate.length) console.log(`  (the sources changed between the two builds; ${attributed.approximate.join(', ')} mapped by name, roughly)`);
    console.log('\n  The same opening in 20 ms slices, with what started in each:');
    // From the slice before the page's first work (a profiled tab can take a while to start).
    const from = Math.max(0, Math.floor(Math.min(...attributed.samples.filter((x) => x.at >= 0).map((x) => x.at), mark.frame) / 20) * 20 - 20);
    const lines = timeline(attributed.samples, from, Math.ceil(mark.frame / 20) * 20, 20);
    lines.forEach((line, k) => {
      const a = from + k * 20;
      const started = events.filter((e) => e.start >= a && e.start < a + 20)
        .map((e) => (e.kind === 'tx' ? `tx ${describeOps(e.ops ?? []).slice(0, 40)}` : e.label.replace(/^load chunks\//, 'load ')));
      console.log(`    ${line}${started.length ? `  ◂ ${[...new Set(started)].join('; ')}` : ''}`);
    });
  }
  return {
    milestonesMedian: Object.fromEntries(phases.map(([p, a, b]) => [p, Math.round(b - a)])),
    backgroundAsleep: asleep && { milestones: asleep.milestones, messages: asleep.events.filter((e) => e.kind === 'message').map((e) => [e.label, Math.round(e.start), Math.round(e.end)]) },
    cpu: cpu?.map((s) => ({ window: s.window, busyMs: Math.round(s.totalMs), top: s.byFile.slice(0, 10).map(([f, t]) => [f, Math.round(t * 10) / 10]) })),
  };
}
