/**
 * What the benchmark runs inside extension pages, as source text (tsx wraps
 * named functions in `__name(...)`, which a serialised function would carry
 * into the page; text does not).
 *
 * "On screen" is the first frame after the DOM holds what we wait for: a
 * MutationObserver sees the rows appear (`dom`), then a task posted from the
 * next requestAnimationFrame runs after that frame is produced (`frame`).
 * Times are `performance.now()`, i.e. milliseconds since the page's
 * navigation start.
 */

/** Installed with `context.addInitScript`: runs before any page script in every page. */
export const INIT_SCRIPT = `(() => {
  // Source of functions that tsx compiled carries __name(); make it harmless.
  globalThis.__name ??= (f) => f;
  if (location.protocol !== 'chrome-extension:') return;
  const afterFrame = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(performance.now());
    ch.port2.postMessage(0);
  });
  const marks = {};
  const waiters = {};
  const setMark = (name, value) => {
    marks[name] = value;
    for (const resolve of waiters[name] || []) resolve(value);
  };
  const when = (name) => (marks[name] ? Promise.resolve(marks[name]) : new Promise((resolve) => (waiters[name] ||= []).push(resolve)));
  const waitFor = (name, test) => {
    let done = false;
    const check = () => {
      if (done || !test()) return;
      done = true;
      obs.disconnect();
      const dom = performance.now();
      afterFrame((frame) => setMark(name, { dom, frame }));
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { childList: true, subtree: true });
    check();
  };
  globalThis.__nzBench = { marks, when, afterFrame };
  // The blank page's figure: its (empty) document is parsed and a frame is out.
  document.addEventListener('DOMContentLoaded', () => {
    const dom = performance.now();
    afterFrame((frame) => setMark('blank', { dom, frame }));
  });
  // The panel: the first inbox page's rows, or (empty store) the inbox screen with its empty-list note.
  waitFor('inboxRows', () => document.querySelector('.inbox-list .row-open'));
  waitFor('inboxScreen', () => document.querySelector('#inbox-title') && (document.querySelector('.inbox-list .row-open') || document.querySelector('.screen .empty')));
})();`;

export interface Mark { dom: number; frame: number }

/** Resolves to a mark once it is set (no polling: the page is left alone while it starts). */
export const readMark = (name: string) => `Promise.race([
  globalThis.__nzBench.when(${JSON.stringify(name)}),
  new Promise((_, reject) => setTimeout(() => reject(new Error('no mark ${name} within 20 s')), 20000)),
])`;

/**
 * Clicks the `index`-th row of the inbox and resolves when the conversation's
 * messages are on screen: `{ dom, frame }` relative to the click, plus the
 * number of messages shown and the subject, to check it opened the right one.
 */
export const openRow = (index: number) => `new Promise((resolve, reject) => {
  const rows = document.querySelectorAll('.inbox-list .row-open');
  const row = rows[${index}];
  if (!row) return reject(new Error('no row ${index} (' + rows.length + ' rows)'));
  const subject = row.querySelector('.row-subject').textContent;
  const timer = setTimeout(() => reject(new Error('messages not shown within 20 s')), 20000);
  let done = false;
  const check = () => {
    if (done) return;
    const msgs = document.querySelectorAll('ol.messages li.msg');
    if (!msgs.length) return;
    done = true;
    obs.disconnect();
    const dom = performance.now() - t0;
    globalThis.__nzBench.afterFrame((f) => {
      clearTimeout(timer);
      resolve({ dom, frame: f - t0, messages: msgs.length, subject, title: (document.querySelector('#conv-title') || {}).textContent || '' });
    });
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });
  const t0 = performance.now();
  row.click();
})`;
