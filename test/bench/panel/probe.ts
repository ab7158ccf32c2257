/**
 * What the benchmark runs inside extension pages, as source text (tsx wraps
 * named functions in `__name(...)`, which a serialised function would carry
 * into the page; text does not).
 *
 * "On screen" is the browser's own paint time of the content waited for
 * (Element Timing: the moment a MutationObserver sees it appear, it gets an
 * `elementtiming` attribute, before the frame that paints it). `dom` is when
 * the DOM first held it. Should no paint entry come, the time of a task
 * posted from the next animation frame stands in (`estimated`). Times are
 * `performance.now()`: milliseconds since the page's navigation start.
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
    if (marks[name]) return;
    marks[name] = value;
    for (const resolve of waiters[name] || []) resolve(value);
  };
  const when = (name) => (marks[name] ? Promise.resolve(marks[name]) : new Promise((resolve) => (waiters[name] ||= []).push(resolve)));
  // Paint times by elementtiming identifier.
  const painted = {};
  const paintWaiters = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const t = e.renderTime || e.loadTime;
      if (painted[e.identifier] !== undefined) continue;
      painted[e.identifier] = t;
      for (const cb of paintWaiters[e.identifier] || []) cb(t);
    }
  }).observe({ type: 'element', buffered: true });
  /**
   * Calls back with the paint time of \`el\`, or an estimate if none is reported within 2 s. The browser
   * reports text under the block that lays it out (a span's text under its button, say): \`el\` and its
   * ancestors up to the nearest list item, article or section are tagged, and the first report counts.
   */
  const onPaint = (el, id, cb) => {
    let done = false;
    const finish = (t, estimated) => { if (!done) { done = true; cb(t, estimated); } };
    let k = 0;
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      // Already tagged for another mark: wait on that tag (an element has one).
      const tag = n.getAttribute('elementtiming') || id + '#' + k++;
      n.setAttribute('elementtiming', tag);
      if (painted[tag] !== undefined) finish(painted[tag], false);
      (paintWaiters[tag] ||= []).push((t) => finish(t, false));
      if (/^(LI|ARTICLE|SECTION|MAIN)$/.test(n.tagName)) break;
    }
    afterFrame((t) => setTimeout(() => finish(t, true), 2000));
  };
  let seq = 0;
  /** Marks \`name\` once \`find()\` returns an element with text in it. */
  const waitFor = (name, find) => {
    let found = false;
    const check = () => {
      const el = !found && find();
      if (!el) return;
      found = true;
      obs.disconnect();
      const dom = performance.now();
      onPaint(el, name + '-' + ++seq, (frame, estimated) => setMark(name, { dom, frame, estimated }));
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { childList: true, subtree: true });
    check();
  };
  globalThis.__nzBench = { marks, when, afterFrame, onPaint, waitFor };
  // The blank page: its one line of text (marked in its HTML), painted.
  (paintWaiters.blank ||= []).push((frame) => setMark('blank', { dom: 0, frame, estimated: false }));
  // The panel: the first inbox page's rows, or (empty store) the inbox screen with its empty-list note.
  waitFor('inboxRows', () => document.querySelector('.inbox-list .row-subject'));
  waitFor('inboxScreen', () => document.querySelector('#inbox-title') && document.querySelector('.inbox-list .row-subject, .screen .empty'));
})();`;

/** The baseline page: one line of text, no script. */
export const BLANK_HTML = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>blank</title></head><body><p elementtiming="blank">Netwerkzorg</p></body></html>\n';

export interface Mark { dom: number; frame: number; estimated: boolean }

/** Resolves to a mark once it is set (no polling: the page is left alone while it starts). */
export const readMark = (name: string) => `Promise.race([
  globalThis.__nzBench.when(${JSON.stringify(name)}),
  new Promise((_, reject) => setTimeout(() => reject(new Error('no mark ${name} within 20 s')), 20000)),
])`;

/** A click that changes almost nothing (one line of text appears): from the click to that line painted. */
export const trivialClick = `new Promise((resolve) => {
  const b = document.createElement('button');
  b.style.cssText = 'position:fixed;bottom:0;right:0';
  b.onclick = () => {
    const p = document.createElement('p');
    p.textContent = '.';
    document.body.append(p);
    globalThis.__nzBench.onPaint(p, 'idle-' + Math.random(), (t, estimated) => { p.remove(); b.remove(); resolve({ frame: t - t0, estimated }); });
  };
  document.body.append(b);
  const t0 = performance.now();
  b.click();
})`;

/**
 * Clicks the `index`-th row of the inbox and resolves when the conversation's
 * messages are painted: `{ dom, frame }` relative to the click, plus the
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
    const author = document.querySelector('ol.messages li.msg .msg-author');
    if (!author) return;
    done = true;
    obs.disconnect();
    const dom = performance.now() - t0;
    const messages = document.querySelectorAll('ol.messages li.msg').length;
    globalThis.__nzBench.onPaint(author, 'conversation-' + Math.random(), (t, estimated) => {
      clearTimeout(timer);
      resolve({ dom, frame: t - t0, estimated, messages, subject, title: (document.querySelector('#conv-title') || {}).textContent || '' });
    });
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });
  const t0 = performance.now();
  row.click();
})`;
