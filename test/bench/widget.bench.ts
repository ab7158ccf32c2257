/**
 * Widget benchmark: how much code an intranet page pays for the widget (the
 * loader, and the embed page's first load), and how long from adding the
 * <netwerkzorg-widget> element to the shared inbox's rows on screen — beside
 * an empty iframe from the same server, added the same way, in the same run.
 *
 *   npx tsx test/bench/widget.bench.ts [--runs N] [--why]
 *
 * The widget is built into a temporary folder (NZ_WIDGET_DIR reuses a build).
 * Every run is a new browser context, so nothing is cached; the session token
 * is put into the frame's sessionStorage, as after a sign-in earlier in the tab.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/extension';
import { conversationToPractice, pageServer, widgetServer } from '../e2e/widget/support';
import { tokenFor } from '../server/helpers';
import { quietMachine, report, type BenchRow } from './report';
import { kB, logger, median, ms, p95 } from './support/stats';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] || process.env.NZ_BENCH_RUNS || 7) || 7;
/** Print where each run's time went (the first counted run's is always in the results file). */
const WHY = argv.includes('--why');
const BUDGET_LOADER_KB = 5;
const BUDGET_EMBED_KB = 60;
const BUDGET_INBOX_MS = 1000;
const CONVERSATIONS = 25;
const TOKEN_KEY = 'netwerkzorg.embed.token';

const log = logger();

interface Asset { path: string; bytes: number; gzip: number; lazy: boolean }
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;

/**
 * The embed page's files: index.html, what it names and their static imports
 * (the first load), and every other built file (loaded later: screens after
 * the inbox, the English dictionary), each gzipped on its own.
 */
function embedAssets(root: string): Asset[] {
  const seen = new Map<string, Asset>();
  const add = (path: string, lazy: boolean) => {
    if (seen.has(path)) return;
    const buf = readFileSync(join(root, path));
    seen.set(path, { path, bytes: buf.length, gzip: gzipSync(buf).length, lazy });
    if (lazy || !path.endsWith('.js')) return;
    const base = path.slice(0, path.lastIndexOf('/') + 1);
    for (const m of buf.toString('utf8').matchAll(STATIC_IMPORT)) add(new URL(m[1]!, `file:///${base}`).pathname.slice(1), false);
  };
  add('index.html', false);
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.\/([^"]+)"/g)) add(m[1]!, false);
  for (const f of readdirSync(join(root, 'assets'))) add(`assets/${f}`, true);
  return [...seen.values()];
}

// ── 1. The build, and its sizes read from the files ──────────────────────────
// Measured in a private copy: the baseline page is added to it, and no other build can change it meanwhile.
const dir = mkdtempSync(join(tmpdir(), 'nz-bench-widget-'));
if (process.env.NZ_WIDGET_DIR) {
  log(`copying the widget built in ${process.env.NZ_WIDGET_DIR}`);
  cpSync(process.env.NZ_WIDGET_DIR, dir, { recursive: true });
} else {
  log('building the widget (widget/build.ts)');
  const { buildWidget } = await import('../../widget/build');
  await buildWidget(dir);
}
process.env.NZ_WIDGET_DIR = dir;
// The baseline's page: empty, served by the same route with the same checks and headers.
writeFileSync(join(dir, 'embed', 'bench-blank.html'), '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n');
const loader = readFileSync(join(dir, 'widget.js'));
const loaderGzip = gzipSync(loader).length;
const embedDir = join(dir, 'embed');
const assets = embedAssets(embedDir);
const firstLoad = assets.filter((a) => !a.lazy);
const firstLoadGzip = firstLoad.reduce((n, a) => n + a.gzip, 0);
log(`loader ${kB(loaderGzip).toFixed(2)} kB gzipped; embed page first load ${kB(firstLoadGzip).toFixed(1)} kB gzipped in ${firstLoad.length} files`);

// ── 2. Server, intranet page, data ───────────────────────────────────────────
// The build above loads the machine: the measuring starts when it is quiet again.
await quietMachine();
const intranet = await pageServer();
const server = await widgetServer({ 'org-hap-lombok': [intranet.origin] });
{
  // Home care writes to the practice's shared inbox: one client and network, CONVERSATIONS conversations.
  const { yilmaz, network, must } = await conversationToPractice(server, 'Bench-gesprek 1', 'Bericht 1');
  for (let i = 1; i < CONVERSATIONS; i++) {
    await must(yilmaz.call('startConversation', {
      networkId: network.id, subject: `Bench-gesprek ${i + 1}`, inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: `Bericht ${i + 1}`,
    }));
  }
}
const token = await tokenFor(server, 'p-jansen');
intranet.page('/', `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Intranet</title>
<script src="${server.url}/widget.js"></script></head><body><h1>Intranet</h1><div id="slot"></div></body></html>`);
const query = `org=org-hap-lombok&host=${encodeURIComponent(intranet.origin)}`;

/**
 * In every frame of the server's origin: the token (as after a sign-in), and
 * the moment the inbox's rows are in the DOM and the next frame is out (a
 * MutationObserver, then a task posted from requestAnimationFrame), or for
 * the blank page the moment after its load event and the next frame. Times
 * are epoch milliseconds (timeOrigin + now), comparable with the host page's.
 */
const FRAME_PROBE = `(() => {
  if (location.origin !== ${JSON.stringify(server.url)}) return;
  sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});
  const at = () => performance.timeOrigin + performance.now();
  const afterFrame = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(at());
    ch.port2.postMessage(0);
  });
  globalThis.__shown = null;
  if (location.pathname.endsWith('/bench-blank.html')) {
    addEventListener('load', () => afterFrame((t) => (globalThis.__shown = t)));
    return;
  }
  const obs = new MutationObserver(() => {
    if (!document.querySelector('.inbox-list .row-open')) return;
    obs.disconnect();
    afterFrame((t) => (globalThis.__shown = t));
  });
  obs.observe(document, { childList: true, subtree: true });
})();`;

/** Where the time went inside the frame: ms since its navigation started (resource timing). */
interface Timeline {
  timeOrigin: number;
  elementAdded?: number;
  html: number;
  domContentLoaded: number;
  shown: number;
  requests: [string, number, number][];
}
const TIMELINE = `(() => {
  const r = Math.round;
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    timeOrigin: performance.timeOrigin, html: r(nav.responseEnd), domContentLoaded: r(nav.domContentLoadedEventEnd),
    shown: r(globalThis.__shown - performance.timeOrigin),
    requests: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, '').replace(/^\\/embed\\/assets\\//, ''), r(e.startTime), r(e.responseEnd)]),
  };
})()`;
const explain = (t: Timeline) => [
  `element added at ${t.elementAdded} ms`, `html ${t.html}`, `DOMContentLoaded ${t.domContentLoaded}`,
  ...t.requests.map(([name, from, to]) => `${name} ${from}→${to}`), `shown ${t.shown}`,
].join(', ');

const browser: Browser = await launchBrowser();
const version = browser.version();

/**
 * Whether a request of the frame started before the inbox was on screen, by the frame's own resource
 * timing: requests are collected until the poll below sees the inbox, which is later. The page itself
 * (no resource entry) and anything not found in the timing count as before.
 */
function startedBefore(url: string, timeline: Timeline): boolean {
  const name = url.replace(/^\/embed\/assets\//, '');
  const entry = timeline.requests.find(([n]) => n === name);
  return !entry || entry[1] < timeline.shown;
}

/** Adds `make()`'s element to a fresh intranet page; ms until the frame says it is shown, and the bytes fetched from the server meanwhile. */
async function measure(make: string): Promise<{ ms: number; fetched: { url: string; bytes: number }[]; rows: number; timeline: Timeline | null }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  await context.addInitScript(FRAME_PROBE);
  const page: Page = await context.newPage();
  await page.goto(`${intranet.origin}/`);
  await page.waitForFunction(() => customElements.get('netwerkzorg-widget') !== undefined);
  const fetched: { url: string; bytes: number }[] = [];
  page.on('requestfinished', async (req) => {
    if (!req.url().startsWith(`${server.url}/embed/`)) return;
    const sizes = await req.sizes().catch(() => null);
    fetched.push({ url: req.url().replace(server.url, ''), bytes: sizes?.responseBodySize ?? 0 });
  });
  const t0 = (await page.evaluate(make)) as number;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(`${server.url}/embed/`));
    const shown = frame ? ((await frame.evaluate('globalThis.__shown').catch(() => null)) as number | null) : null;
    if (shown) {
      const rows = frame ? await frame.locator('.inbox-list .row-open').count() : 0;
      const timeline = frame ? await frame.evaluate(TIMELINE).catch(() => null) as Timeline | null : null;
      if (timeline) timeline.elementAdded = Math.round(t0 - timeline.timeOrigin);
      if (WHY && timeline) log(`  why: ${explain(timeline)}`);
      await context.close();
      return { ms: shown - t0, fetched: timeline ? fetched.filter((f) => startedBefore(f.url, timeline)) : fetched, rows, timeline };
    }
    if (Date.now() > deadline) throw new Error('not shown within 20 s');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const addWidget = `(() => {
  const el = document.createElement('netwerkzorg-widget');
  el.setAttribute('server', ${JSON.stringify(server.url)});
  el.setAttribute('org', 'org-hap-lombok');
  el.setAttribute('view', 'inbox');
  el.setAttribute('inbox', 'inbox-assistentes');
  const t0 = performance.timeOrigin + performance.now();
  document.getElementById('slot').append(el);
  return t0;
})()`;
const addBlankFrame = `(() => {
  const f = document.createElement('iframe');
  f.src = ${JSON.stringify(`${server.url}/embed/bench-blank.html?${query}`)};
  f.title = 'blank';
  const t0 = performance.timeOrigin + performance.now();
  document.getElementById('slot').append(f);
  return t0;
})()`;

try {
  const blank: number[] = [];
  const widget: number[] = [];
  let fetchedFirst: { url: string; bytes: number }[] = [];
  let timelineFirst: Timeline | null = null;
  // One warm-up of each (not counted), then the two alternate so both see the same machine load.
  for (let run = -1; run < RUNS; run++) {
    const b = await measure(addBlankFrame);
    const w = await measure(addWidget);
    if (w.rows !== Math.min(CONVERSATIONS, 25)) throw new Error(`expected ${CONVERSATIONS} rows, saw ${w.rows}`);
    if (run < 0) continue;
    blank.push(b.ms);
    widget.push(w.ms);
    if (run === 0) {
      fetchedFirst = w.fetched;
      timelineFirst = w.timeline;
    }
  }
  log(`empty iframe from the server, loaded: ${ms(blank)}`);
  log(`widget, element added → inbox rows on screen: ${ms(widget)}`);
  const fetchedBytes = fetchedFirst.reduce((n, f) => n + f.bytes, 0);

  const blankLabel = 'empty iframe, same server';
  const rows: BenchRow[] = [
    { metric: 'loader widget.js, gzipped', value: kB(loaderGzip), unit: 'kB', baseline: { label: 'raw', value: kB(loader.length) }, budget: { max: BUDGET_LOADER_KB } },
    { metric: 'embed page first load, gzipped', value: kB(firstLoadGzip), unit: 'kB', baseline: { label: blankLabel, value: 0 }, budget: { max: BUDGET_EMBED_KB } },
    { metric: 'embed page, fetched until the inbox was shown', value: kB(fetchedBytes), unit: 'kB', baseline: { label: blankLabel, value: 0 }, budget: { max: BUDGET_EMBED_KB } },
    { metric: 'element added → shared inbox on screen, median', value: median(widget), unit: 'ms', baseline: { label: blankLabel, value: median(blank) }, budget: { max: BUDGET_INBOX_MS } },
    { metric: 'element added → shared inbox on screen, p95', value: p95(widget), unit: 'ms', baseline: { label: blankLabel, value: p95(blank) }, budget: { max: BUDGET_INBOX_MS } },
  ];
  const load = loadavg()[0]!;
  const ok = report('widget', rows, {
    runs: RUNS, warmUpRuns: 1, chromium: version, conversationsInInbox: CONVERSATIONS,
    machine: { cpus: cpus().length, loadAverage1m: Math.round(load * 10) / 10 },
    baseline: 'an <iframe> of /embed/bench-blank.html (an empty page served by the same route, with the same checks and headers) added to the same intranet page; time to its load event and the next frame',
    onScreen: 'the first frame after the embed page\'s DOM holds the inbox rows (MutationObserver, then a task posted from requestAnimationFrame), ' +
      'minus the moment the host page appended the element; both as performance.timeOrigin + performance.now()',
    code: 'kB = 1000 bytes, gzip at zlib\'s default level. "first load": index.html, the files it names and their static imports, each gzipped on its own ' +
      '(the lazily loaded screens and the English dictionary are not in it). "fetched": the bytes on the wire (the server gzips) of every /embed/ ' +
      'request of the first counted run that started before the inbox was on screen (by the frame\'s resource timing).',
    firstLoadFiles: assets.filter((a) => !a.lazy), lazyFiles: assets.filter((a) => a.lazy), fetched: fetchedFirst,
    whereTheTimeWent: timelineFirst && { note: 'first counted run; ms since the frame\'s navigation start', explained: explain(timelineFirst), ...timelineFirst },
    samples: { blank, widget },
  });
  console.log('Every run is a new browser context (empty cache), signed in already (token in the frame\'s sessionStorage); ' +
    `the inbox holds ${CONVERSATIONS} conversations. Median and p95 (nearest rank) over ${RUNS} runs after one warm-up.`);
  if (load > cpus().length) console.log(`Note: load average ${load.toFixed(1)} on ${cpus().length} CPUs while measuring; timings are inflated by other work on this machine.`);
  log(ok ? 'within budget' : 'OVER BUDGET (see above)');
} finally {
  await browser.close();
  await intranet.close();
  await server.region.dispose();
  rmSync(dir, { recursive: true, force: true });
}
