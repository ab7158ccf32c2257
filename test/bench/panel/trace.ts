/**
 * Where the panel's start-up time goes, for the benchmark's diagnosis: an
 * init script that timestamps what the panel waits on (extension storage,
 * IndexedDB requests grouped by transaction, SHA-256) and the DOM milestones,
 * read back as a waterfall.
 */

/** Installed with `context.addInitScript` after the timed runs (it adds a little work to every request). */
export const TRACE_SCRIPT = `(() => {
  if (location.protocol !== 'chrome-extension:') return;
  const now = () => performance.now();
  const events = [];
  const txs = new WeakMap();
  let txSeq = 0;
  globalThis.__nzTrace = { events, txList: [] };
  const push = (kind, label, start, end, extra) => events.push({ kind, label, start, end, ...(extra || {}) });

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
    const info = { id: ++txSeq, mode: mode || 'readonly', stores: Array.isArray(stores) ? stores.length : 1, start: t, end: 0, ops: [] };
    txs.set(tx, info);
    globalThis.__nzTrace.txList.push(info);
    const done = () => { info.end = now(); push('tx', '#' + info.id + ' ' + info.mode, t, info.end, { ops: info.ops }); };
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  };
  const wrap = (proto, name, label) => {
    const f = proto[name];
    if (!f) return;
    proto[name] = function (...a) {
      const t = now();
      const r = f.apply(this, a);
      const store = this.objectStore ? this.objectStore : this;
      const info = txs.get(store.transaction);
      const l = label(this, name);
      if (info) info.ops.push(l);
      r.addEventListener('success', () => push('req', l, t, now(), { tx: info ? info.id : 0 }));
      return r;
    };
  };
  const where = (x) => (x.objectStore ? x.objectStore.name + '.' + x.name : x.name);
  for (const name of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'put', 'add', 'delete']) {
    wrap(IDBObjectStore.prototype, name, (x, n) => n + ' ' + where(x));
    wrap(IDBIndex.prototype, name, (x, n) => n + ' ' + where(x));
  }
  const cont = IDBCursor.prototype.continue;
  IDBCursor.prototype.continue = function (...a) {
    const info = txs.get(this.source.objectStore ? this.source.objectStore.transaction : this.source.transaction);
    if (info) info.ops.push('continue');
    return cont.apply(this, a);
  };
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
  document.addEventListener('DOMContentLoaded', () => push('page', 'DOMContentLoaded', now(), now()));
  let rendered = false;
  new MutationObserver((_, obs) => {
    const app = document.getElementById('app');
    if (!rendered && app && app.firstChild) { rendered = true; push('page', 'first render into #app', now(), now()); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
})();`;

export interface TraceEvent { kind: string; label: string; start: number; end: number; ops?: string[]; tx?: number }

/** Names a transaction by what it did ("get professionals, get organisations, openCursor inboxItems.byList ×26"). */
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
    .filter((e) => e.kind !== 'req' && e.start <= until + 50)
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const what = e.kind === 'tx' ? `IndexedDB tx ${e.label}: ${describeOps(e.ops ?? [])}` : e.label;
      return `${e.start.toFixed(1).padStart(7)} → ${e.end.toFixed(1).padStart(7)}  ${(e.end - e.start).toFixed(1).padStart(6)} ms  ${what}`;
    });
}
