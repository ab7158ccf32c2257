// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROTOCOL } from '../../../widget/protocol';

const SERVER = 'https://zorg.example.nl';

beforeAll(async () => {
  // The frame's page is not loaded in these tests: only what the loader does with it.
  const happy = (window as unknown as { happyDOM?: { settings: Record<string, unknown> } }).happyDOM;
  if (happy) happy.settings.disableIframePageLoading = true;
  await import('../../../widget/loader');
});

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function widget(attrs: Record<string, string>) {
  const el = document.createElement('netwerkzorg-widget');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}
const frameOf = (el: Element) => el.shadowRoot!.querySelector('iframe');

/** The frame's window as the loader sees it (the page itself is not loaded here). */
function fakeWindow(frame: HTMLIFrameElement) {
  const win = { postMessage: vi.fn() };
  Object.defineProperty(frame, 'contentWindow', { value: win, configurable: true });
  return win;
}

function message(data: unknown, origin: string, source: unknown) {
  const event = new MessageEvent('message', { data, origin });
  Object.defineProperty(event, 'source', { value: source });
  window.dispatchEvent(event);
}

describe('<netwerkzorg-widget> loader', () => {
  it('shows the embed page of its server in a sandboxed frame, naming the organisation, this page\'s origin and the view', () => {
    const el = widget({ server: SERVER, org: 'org-hap-lombok', view: 'inbox', inbox: 'inbox-assistentes', lang: 'en' });
    const frame = frameOf(el)!;
    const src = new URL(frame.src);
    expect(src.origin + src.pathname).toBe(`${SERVER}/embed/`);
    expect(Object.fromEntries(src.searchParams)).toEqual({
      org: 'org-hap-lombok', host: location.origin, lang: 'en', mode: 'inline', view: 'inbox', inbox: 'inbox-assistentes',
    });
    // No top navigation: downloads and the clipboard for "Naar dossier", a popup for the organisation's sign-in.
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-forms allow-downloads allow-popups allow-popups-to-escape-sandbox');
    expect(frame.getAttribute('allow')).toBe('clipboard-write');
    expect(frame.title).toBe('Netwerkzorg');
  });

  it.each([
    [{ server: 'http://zorg.example.nl', org: 'org-hap-lombok' }, 'plain http to another machine'],
    [{ server: 'javascript:alert(1)', org: 'org-hap-lombok' }, 'not a web address'],
    [{ server: 'https://user:pw@zorg.example.nl', org: 'org-hap-lombok' }, 'credentials in the address'],
    [{ server: SERVER }, 'no organisation'],
    [{ server: SERVER, org: 'org-hap-lombok', view: 'conversation' }, 'a conversation view without a conversation'],
    [{ server: SERVER, org: 'org-hap-lombok', view: 'admin' }, 'an unknown view'],
  ] as [Record<string, string>, string][])('shows no frame for %j (%s), only a short note', (attrs) => {
    const el = widget(attrs);
    expect(frameOf(el)).toBeNull();
    expect(el.shadowRoot!.textContent).toMatch(/Netwerkzorg: het adres van de server of de weergave klopt niet/);
  });

  it('takes a resize only from its own frame, from the server\'s exact origin, in the protocol\'s shape', () => {
    const el = widget({ server: SERVER, org: 'org-hap-lombok' });
    const frame = frameOf(el)!;
    const before = frame.style.height;
    message({ protocol: PROTOCOL, type: 'resize', height: 640 }, SERVER, null); // no window yet
    expect(frame.style.height).toBe(before);
    const own = fakeWindow(frame);
    message({ protocol: PROTOCOL, type: 'resize', height: 640 }, 'https://evil.example', own);
    message({ protocol: PROTOCOL, type: 'resize', height: 640 }, `${SERVER}:443`, own);
    message({ protocol: PROTOCOL, type: 'resize', height: 640 }, SERVER, window);
    message({ protocol: PROTOCOL, type: 'resize', height: 640 }, SERVER, null);
    message({ protocol: PROTOCOL, type: 'resize', height: '640px' }, SERVER, own);
    message({ type: 'resize', height: 640 }, SERVER, own);
    expect(frame.style.height).toBe(before);
    message({ protocol: PROTOCOL, type: 'resize', height: 640 }, SERVER, own);
    expect(frame.style.height).toBe('640px');
    message({ protocol: PROTOCOL, type: 'resize', height: 3 }, SERVER, own);
    expect(frame.style.height).toBe('120px');
  });

  it('tells a ready frame about a new view with the server\'s origin as exact target; ids only', () => {
    const el = widget({ server: SERVER, org: 'org-hap-lombok', view: 'inbox' });
    const frame = frameOf(el)!;
    const post = fakeWindow(frame).postMessage;
    el.setAttribute('inbox', 'inbox-pohs');
    expect(post).not.toHaveBeenCalled(); // not ready yet: told on "ready"
    message({ protocol: PROTOCOL, type: 'ready' }, SERVER, frame.contentWindow);
    expect(post).toHaveBeenLastCalledWith({ protocol: PROTOCOL, type: 'navigate', view: 'inbox', inbox: 'inbox-pohs' }, SERVER);
    el.setAttribute('conversation', 'conv-1');
    el.setAttribute('view', 'conversation');
    expect(post).toHaveBeenLastCalledWith({ protocol: PROTOCOL, type: 'navigate', view: 'conversation', conversation: 'conv-1' }, SERVER);
    expect(frameOf(el)).toBe(frame);
  });

  it('a launcher makes its frame only when first opened, and keeps it while closed', () => {
    const el = widget({ server: SERVER, org: 'org-hap-lombok', view: 'write', launcher: '' });
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.launcher')!;
    expect(frameOf(el)).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    const frame = frameOf(el)!;
    expect(new URL(frame.src).searchParams.get('mode')).toBe('launcher');
    expect(new URL(frame.src).searchParams.get('to')).toBe('org-hap-lombok');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    button.click();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(frameOf(el)).toBe(frame);
  });

  it('removing the element removes its frame and its message listener', () => {
    const add = vi.spyOn(window, 'addEventListener');
    const remove = vi.spyOn(window, 'removeEventListener');
    const el = widget({ server: SERVER, org: 'org-hap-lombok' });
    const listener = add.mock.calls.find(([type]) => type === 'message')![1];
    el.remove();
    expect(remove).toHaveBeenCalledWith('message', listener);
    expect(el.shadowRoot!.querySelector('iframe')).toBeNull();
    // Put back, it starts again.
    document.body.append(el);
    expect(frameOf(el)).not.toBeNull();
  });

  it('its styles live in an adopted style sheet of its shadow root, none in the page', () => {
    const el = widget({ server: SERVER, org: 'org-hap-lombok' });
    expect(el.shadowRoot!.adoptedStyleSheets.length).toBe(1);
    expect(document.querySelectorAll('style').length).toBe(0);
  });

});
