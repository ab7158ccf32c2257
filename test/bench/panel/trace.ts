/**
 * Where the panel's start-up time goes, for the benchmark's diagnosis:
 * scripts that timestamp what the panel waits on (extension storage,
 * messages to the background, IndexedDB requests grouped by transaction,
 * SHA-256) and the DOM milestones, read back as a waterfall. The backend
 * may run in the panel page or in the background service worker: the
 * IndexedDB hooks go into both.
 */

/** IndexedDB hooks for any global (page or service worker): `push(kind, label, start, end, extra)` records. */
const IDB_HOOKS = `
  const txs = new WeakMap();
  let txSeq = 0;
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...a) {
    const t = now();
    const r = open.apply(this, a);
    r.addEventListener('success', () => push('idb', 'open ' + a[0], t, now()));
    return r;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, opts) {
    const t = now();
    const tx = transaction.call(this, stores, mode, opts);
    const info = { id: ++txSeq, mode: mode || 'readonly', ops: [] };
    txs.set(tx, info);
    const done = () => push('tx', '#' + info.id + ' ' + info.mode, t, now(), { ops: info.ops });
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  };
  const wrap = (proto, name) => {
    const f = proto[name];
    if (!f) return;
    proto[name] = function (...a) {
      const r = f.apply(this, a);
      const store = this.objectStore ? this.objectStore : this;
      const info = txs.get(store.transaction);
      if (info) info.ops.push(name + ' ' + (this.objectStore ? this.objectStore.name + '.' + this.name : this.name));
      return r;
    };
  };
  for (const name of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'put', 'add', 'delete']) {
    wrap(IDBObjectStore.prototype, name);
    wrap(IDBIndex.prototype, name);
  }
  const cont = IDBCursor.prototype.continue;
  IDBCursor.prototype.continue = function (...a) {
    const src = this.source;
    const info = txs.get(src.objectStore ? src.objectStore.transaction : src.transaction);
    if (info) info.ops.push('continue');
    return cont.apply(this, a);
  };
`;

/** Installed with `addInitScript` after the timed runs (it adds a little work to every request). */
export const TRACE_SCRIPT = `(() => {
  if (location.protocol !== 'chrome-extension:') return;
  const now = () => performance.now();
  const events = [];
  globalThis.__nzTrace = { events };
  const push = (kind, label, start, end, extra) => events.push({ kind, label, start, end, ...(extra || {}) });
  ${IDB_HOOKS}
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  crypto.subtle.digest = async (...a) => { const t = now(); const r = await digest(...a); push('crypto', 'sha-256', t, now()); return r; };
  for (const name of ['local', 'managed', 'session', 'sync']) {
    const area = globalThis.chrome && chrome.storage && chrome.storage[name];
    if (!area || !area.get) continue;
    const get = area.get.bind(area);
    area.get = (...a) => {
      const t = now();
      const p = get(...a);
      const done = () => push('storage', 'storage.' + name + '.get ' + (a[0] === undefined ? '' : JSON.stringify(a[0])), t, now());
      if (p && p.then) p.then(done, done);
      return p;
    };
  }
  const runtime = globalThis.chrome && chrome.runtime;
  if (runtime && runtime.sendMessage) {
    const send = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (...a) => {
      const t = now();
      const m = a.find((x) => x && typeof x === 'object') || {};
      const label = 'message ' + (m.type || '?') + (m.payload && m.payload.op ? ' ' + m.payload.op : '');
      const p = send(...a);
      const done = () => push('message', label, t, now(), { op: m.payload && m.payload.op });
      if (p && p.then) p.then(done, done);
      return p;
    };
  }
  document.addEventListener('DOMContentLoaded', () => push('page', 'DOMContentLoaded', now(), now()));
  let rendered = false;
  new MutationObserver((_, obs) => {
    const app = document.getElementById('app');
    if (!rendered && app && app.firstChild) { rendered = true; push('page', 'first render into #app', now(), now()); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
})();`;

/**
 * For the background service worker (run there with `worker.evaluate`): the
 * same IndexedDB hooks, recording in the worker's own clock; `SW_TRACE_READ`
 * takes the events recorded so far (with the worker's time origin, to line
 * them up with the page's).
 */
export const SW_TRACE_SCRIPT = `(() => {
  if (globalThis.__nzTrace) return true;
  const now = () => performance.now();
  const events = [];
  globalThis.__nzTrace = { events };
  const push = (kind, label, start, end, extra) => events.push({ kind, label, start, end, where: 'background', ...(extra || {}) });
  ${IDB_HOOKS}
  return true;
})()`;
export const SW_TRACE_READ = `(() => {
  const t = globalThis.__nzTrace;
  const events = t ? t.events.splice(0) : [];
  return { origin: performance.timeOrigin, events };
})()`;

export interface TraceEvent { kind: string; label: string; start: number; end: number; ops?: string[]; op?: string; where?: string }

/** Names a transaction by what it did ("get professionals, get organisations, openCursor inboxItems.byList (+26 cursor steps)"). */
export function describeOps(ops: string[]): string {
  const out: string[] = [];
  let cursorSteps = 0;
  for (const op of ops) {
    if (op === 'continue') cursorSteps++;
    else if (out[out.length - 1] !== op) out.push(op);
  }
  return out.join(', ') + (cursorSteps ? ` (+${cursorSteps} cursor steps)` : '');
}

/** The waterfall as lines: start, end, duration, what. */
export function waterfall(events: TraceEvent[], until: number): string[] {
  return events
    .filter((e) => e.start <= until + 50 && e.end >= 0)
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const what = e.kind === 'tx' ? `IndexedDB tx ${e.label}: ${describeOps(e.ops ?? [])}` : e.label;
      const where = e.where ? `[${e.where}] ` : '';
      return `${e.start.toFixed(1).padStart(7)} → ${e.end.toFixed(1).padStart(7)}  ${(e.end - e.start).toFixed(1).padStart(6)} ms  ${where}${what}`;
    });
}
