/**
 * <netwerkzorg-widget>: the loader an intranet page includes with one script
 * tag. It draws only its own frame (and a launcher button) in a Shadow DOM and
 * shows the server's embed page in an iframe; everything a user reads or
 * types lives in that iframe, on the server's origin. A Shadow DOM is not a
 * security boundary, so nothing secret ever passes through here.
 *
 *   <script src="https://zorg.example.nl/widget.js" async></script>
 *   <netwerkzorg-widget org="org-hap-lombok" view="inbox" inbox="inbox-assistentes"></netwerkzorg-widget>
 *
 * Attributes: server (default: where this script came from), org (whose
 * intranet this is: the server allows framing only on that organisation's
 * origins), view (inbox | conversation | write), inbox, conversation, to
 * (organisation to write to; default org), lang (nl | en), launcher (show a
 * button that opens the widget as a panel), nonce (only for browsers without
 * constructable style sheets).
 */
import { parseFrameMessage, PROTOCOL, toViewTarget, type HostMessage, type ViewTarget } from './protocol';
import { STYLES } from './styles';
import { acceptableServerUrl } from '../lib/util/server-url';
import { WIDGET_TEXT as TEXT } from '../lib/i18n/widget';


/** How long after the frame loaded its page says "ready" before we call it refused (frame-ancestors). */
const READY_GRACE_MS = 3000;
const MIN_HEIGHT = 120;

/** Where this script came from: the default server. Read while the script runs, before `currentScript` is gone. */
const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src;
const scriptNonce = (document.currentScript as HTMLScriptElement | null)?.nonce;

let sheet: CSSStyleSheet | null | undefined;
/** One constructable sheet for every widget on the page: allowed under a `style-src` without 'unsafe-inline'. */
function sharedSheet(): CSSStyleSheet | null {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
    } catch {
      sheet = null;
    }
  }
  return sheet;
}

/** The server's base URL, or null. Plain http only for this machine (development, the demo). */
export function serverBase(value: string | null | undefined): URL | null {
  const url = value ? acceptableServerUrl(value, location.href) : null;
  if (!url) return null;
  url.search = '';
  url.hash = '';
  // A server behind a path prefix keeps it; the script's own file name does not count.
  url.pathname = url.pathname.replace(/\/widget\.js$/, '/').replace(/\/*$/, '/');
  return url;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export class NetwerkzorgWidget extends HTMLElement {
  static observedAttributes = ['server', 'org', 'view', 'inbox', 'conversation', 'to', 'lang', 'launcher'];

  private readonly root: ShadowRoot;
  private frame: HTMLIFrameElement | null = null;
  private blocked: HTMLElement | null = null;
  private base: URL | null = null;
  private origin = '';
  /** The screen the frame was opened on (its URL), to tell it about a change made before it was ready. */
  private opened = '';
  private ready = false;
  private target: ViewTarget | null = null;
  private graceTimer = 0;
  private stop: (() => void) | null = null;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const s = sharedSheet();
    if (s) this.root.adoptedStyleSheets = [s];
    else {
      // Old browsers: a <style> in the shadow root, with the page's nonce when its CSP needs one.
      const style = el('style', { textContent: STYLES });
      const nonce = this.getAttribute('nonce') || scriptNonce;
      if (nonce) style.nonce = nonce;
      this.root.append(style);
    }
  }

  connectedCallback() {
    this.build();
  }

  disconnectedCallback() {
    this.teardown();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null) {
    if (old === value || !this.isConnected || !this.stop) return;
    if (name === 'view' || name === 'inbox' || name === 'conversation' || name === 'to') {
      // The frame stays (and its sign-in with it): it is told to show another screen.
      const next = this.readTarget();
      if (!next) return this.build();
      this.target = next;
      if (this.ready) this.post({ protocol: PROTOCOL, type: 'navigate', ...next });
      return;
    }
    this.build();
  }

  private get text() {
    return this.getAttribute('lang') === 'en' ? TEXT.en : TEXT.nl;
  }

  private readTarget(): ViewTarget | null {
    return toViewTarget({
      view: this.getAttribute('view') || 'inbox',
      inbox: this.getAttribute('inbox') || undefined,
      conversation: this.getAttribute('conversation') || undefined,
      to: this.getAttribute('to') || this.getAttribute('org') || undefined,
    });
  }

  /** Everything this element added to the page goes: listeners, timers, the iframe. */
  private teardown() {
    this.stop?.();
    this.stop = null;
    clearTimeout(this.graceTimer);
    this.frame = null;
    this.blocked = null;
    this.ready = false;
    for (const node of [...this.root.childNodes]) if (!(node instanceof HTMLStyleElement)) node.remove();
  }

  private build() {
    this.teardown();
    const base = serverBase(this.getAttribute('server') || scriptSrc);
    const org = this.getAttribute('org');
    this.target = this.readTarget();
    if (!base || !org || !this.target) {
      this.root.append(el('p', { className: 'note', textContent: this.text.config }));
      this.stop = () => {};
      return;
    }
    this.base = base;
    this.origin = base.origin;
    const onMessage = (event: MessageEvent) => this.receive(event);
    window.addEventListener('message', onMessage);
    const offs: (() => void)[] = [() => window.removeEventListener('message', onMessage)];
    this.stop = () => offs.forEach((off) => off());

    if (!this.hasAttribute('launcher')) {
      this.makeFrame(this.root);
      return;
    }
    // Launcher: a button; the frame is made on first opening and kept while the element lives.
    const panelId = 'nz-panel';
    const close = el('button', { type: 'button', className: 'close', textContent: '×' });
    close.setAttribute('aria-label', this.text.close);
    const panel = el('section', { className: 'panel', id: panelId, hidden: true }, el('div', { className: 'bar' }, el('span', { textContent: this.text.open }), close));
    panel.setAttribute('aria-label', this.text.frame);
    const button = el('button', { type: 'button', className: 'launcher', textContent: this.text.open });
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', panelId);
    const toggle = (open: boolean) => {
      if (open && !this.frame) this.makeFrame(panel);
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (!open) button.focus();
    };
    button.addEventListener('click', () => toggle(panel.hidden));
    close.addEventListener('click', () => toggle(false));
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') toggle(false);
    });
    this.root.append(button, panel);
  }

  private makeFrame(into: ParentNode) {
    const src = new URL('embed/', this.base!);
    const params: Record<string, string | undefined> = {
      org: this.getAttribute('org')!, host: location.origin, lang: this.text === TEXT.en ? 'en' : 'nl',
      mode: this.hasAttribute('launcher') ? 'launcher' : 'inline', ...this.target,
    };
    for (const [k, v] of Object.entries(params)) if (v) src.searchParams.set(k, v);
    this.opened = JSON.stringify(this.target);
    const frame = el('iframe', { src: src.href, title: this.text.frame, className: 'frame' });
    // The embed page needs its scripts, its own storage (the sign-in) and forms; it may not navigate the intranet page.
    // "Naar dossier" copies to the clipboard and saves a PDF from inside the frame. Signing in with the
    // organisation's provider opens a popup (providers refuse frames) that must not inherit the sandbox.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-downloads allow-popups allow-popups-to-escape-sandbox');
    frame.setAttribute('allow', 'clipboard-write');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.style.height = `${MIN_HEIGHT}px`;
    const blocked = el('p', { className: 'note', hidden: true, textContent: this.text.blocked });
    blocked.setAttribute('role', 'status');
    frame.addEventListener('load', () => {
      clearTimeout(this.graceTimer);
      if (this.ready) return;
      // A page refused by frame-ancestors loads as the browser's error page and never says "ready".
      this.graceTimer = window.setTimeout(() => {
        if (this.ready || this.frame !== frame) return;
        frame.hidden = true;
        blocked.hidden = false;
      }, READY_GRACE_MS);
    });
    this.frame = frame;
    this.blocked = blocked;
    into.append(frame, blocked);
  }

  /** Only our own frame, from the server's exact origin, with a message of the protocol's shape. */
  private receive(event: MessageEvent) {
    const frame = this.frame;
    if (!frame?.contentWindow || event.origin !== this.origin || event.source !== frame.contentWindow) return;
    const message = parseFrameMessage(event.data);
    if (!message) return;
    if (message.type === 'ready') {
      this.ready = true;
      clearTimeout(this.graceTimer);
      frame.hidden = false;
      if (this.blocked) this.blocked.hidden = true;
      if (this.target && JSON.stringify(this.target) !== this.opened) this.post({ protocol: PROTOCOL, type: 'navigate', ...this.target });
      return;
    }
    frame.style.height = `${Math.max(MIN_HEIGHT, message.height)}px`;
  }

  private post(message: HostMessage) {
    this.frame?.contentWindow?.postMessage(message, this.origin);
  }
}

if (!customElements.get('netwerkzorg-widget')) customElements.define('netwerkzorg-widget', NetwerkzorgWidget);
