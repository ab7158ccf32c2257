/**
 * Where a panel opening with the background asleep spends its time, on the
 * background's side: the page's messages and the worker's own performance
 * marks and measures (a build may set `bg:…` marks; `bg:eval-start` and
 * `bg:modules-evaluated` split its start), lined up on the page's clock, and
 * with --cpu the worker's CPU from its first instruction, by source file.
 *
 *   NODE_OPTIONS=--experimental-websocket npx tsx test/bench/panel/wake.ts \
 *     --ext DIR [--maps DIR] [--profile DIR] [--runs N] [--cpu]
 *
 * --ext: a Chrome build (chrome-mv3); --maps: a build of the same sources with
 * source maps (see analyze.ts), to name the files the CPU went to; --profile: a
 * browser profile kept between runs, so the large store is seeded once (the
 * extension's id follows the folder it is loaded from: keep --ext the same).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { TRAINING_DB } from '../../../lib/backend/local/local-backend';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath } from '../../../scripts/chromium-path.mjs';
import { QUIET } from '../../e2e/support/extension';
import { CLOCK_SYNC, pageSamples, summarise, type CpuProfile } from './cpu';
import { INIT_SCRIPT, readMark, type Mark } from './probe';
import { seedOnce } from './seed';
import { describeOps, TRACE_SCRIPT, type TraceEvent } from './trace';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const EXT = option('--ext');
const MAPS = option('--maps') ?? null;
const PROFILE = option('--profile') ?? '/tmp/nz-wake-profile';
const RUNS = Number(option('--runs') ?? 5);
const CPU = argv.includes('--cpu');
if (!EXT) throw new Error('--ext DIR is required');
if (typeof WebSocket === 'undefined') throw new Error('run with NODE_OPTIONS=--experimental-websocket (Node 20)');

/** A minimal DevTools protocol client over the browser's WebSocket, with flat sessions. */
class Cdp {
  private seq = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly handlers: ((method: string, params: Record<string, unknown>, sessionId?: string) => void)[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.onmessage = (ev) => {
      const m = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      if (m.id !== undefined) {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) p?.reject(new Error(m.error.message));
        else p?.resolve(m.result);
      } else if (m.method) {
        for (const h of this.handlers) h(m.method, m.params ?? {}, m.sessionId);
      }
    };
  }
  static connect(url: string): Promise<Cdp> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.onopen = () => resolve(new Cdp(ws));
      ws.onerror = () => reject(new Error(`cannot connect to ${url}`));
    });
  }
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.seq;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }
  on(h: (method: string, params: Record<string, unknown>, sessionId?: string) => void) {
    this.handlers.push(h);
  }
  close() {
    this.ws.close();
  }
}

mkdirSync(PROFILE, { recursive: true });
const context = await chromium.launchPersistentContext(PROFILE, {
  executablePath: (chromiumPath() as string | null) ?? '/usr/bin/chromium',
  headless: true,
  args: [...QUIET, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--remote-debugging-port=0'],
});
const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(sw.url()).host;
const PANEL = `chrome-extension://${extensionId}/sidepanel.html`;
const [port, path] = readFileSync(join(PROFILE, 'DevToolsActivePort'), 'utf8').trim().split('\n');
const cdp = await Cdp.connect(`ws://127.0.0.1:${port}${path}`);
await context.addInitScript({ content: INIT_SCRIPT });
await context.addInitScript({ content: TRACE_SCRIPT });

/**
 * Our service worker's DevTools session. It outlives the worker: a stopped worker that starts again is
 * reattached to it, and the profiler, once started, starts again with the new worker (DevTools restores an
 * agent's state), so its profile covers the worker from its first instruction.
 */
let onWorker: (sessionId: string) => void = () => undefined;
const worker = new Promise<string>((resolve) => (onWorker = resolve));
cdp.on((method, params) => {
  if (method !== 'Target.attachedToTarget') return;
  const info = params.targetInfo as { type: string; url: string };
  const sessionId = params.sessionId as string;
  if (info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${extensionId}/`)) onWorker(sessionId);
  void cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => undefined);
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
const swSession = await worker;

const helper = await context.newPage();
const devtools = await context.newCDPSession(helper);
await devtools.send('ServiceWorker.enable');

// The large store, once per profile.
{
  const page = await context.newPage();
  await page.goto(PANEL);
  await page.evaluate(readMark('inboxScreen'));
  if (await seedOnce(page, TRAINING_DB)) console.log('seeded the large store');
  await page.close();
}

interface Run { frame: number; events: TraceEvent[]; swOrigin: number; cpu?: ReturnType<typeof summarise> }

async function openAsleep(): Promise<Run> {
  if (CPU) {
    await cdp.send('Profiler.enable', {}, swSession);
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 }, swSession);
    await cdp.send('Profiler.start', {}, swSession);
  }
  await devtools.send('ServiceWorker.stopAllWorkers');
  await helper.waitForTimeout(300);
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(PANEL);
  const mark = (await page.evaluate(readMark('inboxRows'))) as Mark;
  await page.waitForTimeout(200);
  const pageOrigin = (await page.evaluate('performance.timeOrigin')) as number;
  const events = ((await page.evaluate('globalThis.__nzTrace.events')) as TraceEvent[]).map((e) => ({ ...e, where: 'page' }));
  const sessionId = swSession;
  const ev = async (expression: string) =>
    ((await cdp.send<{ result: { value: unknown } }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)).result.value);
  const swOrigin = (await ev('performance.timeOrigin')) as number;
  const marks = (await ev(`performance.getEntries().map((e) => ({ kind: e.entryType, label: e.name, start: e.startTime, end: e.startTime + e.duration }))`)) as TraceEvent[];
  const shift = swOrigin - pageOrigin;
  for (const e of marks) events.push({ ...e, where: 'background', start: e.start + shift, end: e.end + shift });
  let cpu: Run['cpu'];
  if (CPU) {
    const sync = (await ev(CLOCK_SYNC)) as number;
    const { profile } = await cdp.send<{ profile: CpuProfile }>('Profiler.stop', {}, sessionId);
    const attributed = pageSamples(profile, MAPS, sync);
    if (attributed) {
      const samples = attributed.samples.map((s) => ({ ...s, at: s.at + shift }));
      const firstAnswer = events.filter((e) => e.kind === 'message' && e.where === 'page').reduce((t, e) => Math.min(t, e.end), Infinity);
      // The background's own marks, when the build sets them (performance.mark 'bg:…').
      const at = (name: string) => events.find((e) => e.label === name)?.start;
      const evalStart = at('bg:eval-start');
      const evaluated = at('bg:modules-evaluated');
      cpu = summarise(samples, [
        ...(evalStart && evaluated ? [
          { label: 'background: worker start until its script runs', from: -1000, to: evalStart },
          { label: 'background: its modules evaluated', from: evalStart, to: evaluated },
          { label: 'background: then until its first answer', from: evaluated, to: firstAnswer },
        ] : []),
        { label: 'background: until its first answer', from: -1000, to: firstAnswer },
        { label: 'background: first answer until rows painted', from: firstAnswer, to: mark.frame },
      ]);
    }
  }
  await page.close();
  return { frame: mark.frame, events, swOrigin: shift, cpu };
}

const runs: Run[] = [];
await openAsleep(); // warm-up
for (let i = 0; i < RUNS; i++) runs.push(await openAsleep());
const sorted = [...runs].sort((a, b) => a.frame - b.frame);
console.log(`rows painted, background asleep: ${sorted.map((r) => r.frame.toFixed(0)).join(', ')} ms`);
const typical = sorted[Math.floor(sorted.length / 2)]!;
console.log(`\nA typical opening (ms since the page's navigation start; the worker's clock starts at ${typical.swOrigin.toFixed(1)}):`);
for (const e of typical.events.filter((x) => x.start <= typical.frame + 30).sort((a, b) => a.start - b.start)) {
  const what = e.kind === 'tx' ? `IndexedDB tx ${e.label}: ${describeOps(e.ops ?? [])}` : `${e.kind} ${e.label}`;
  console.log(`  ${e.start.toFixed(1).padStart(7)} → ${e.end.toFixed(1).padStart(7)}  ${(e.end - e.start).toFixed(1).padStart(6)} ms  [${e.where}] ${what}`);
}
console.log(`  ${typical.frame.toFixed(1).padStart(7)}   rows painted`);
for (const r of runs) {
  for (const s of r.cpu ?? []) {
    console.log(`\n${s.window.label}: ${s.totalMs.toFixed(0)} ms busy`);
    for (const [file, t] of s.byFile.slice(0, 14)) console.log(`  ${t.toFixed(1).padStart(6)} ms  ${file}`);
  }
  if (r.cpu) break;
}
cdp.close();
await context.close();
