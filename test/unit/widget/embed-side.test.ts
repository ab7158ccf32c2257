// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHost } from '../../../embed/bridge';
import { readParams } from '../../../embed/params';
import { sessionTokenStore } from '../../../embed/token-store';
import { PROTOCOL } from '../../../widget/protocol';

const HOST = 'https://intranet.lombok.nl';

/** A frame's window whose parent is the intranet page; `fire` delivers a message to it. */
function frameWindow(ancestor?: string) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const parent = { postMessage: vi.fn() };
  const win = {
    parent,
    location: { ancestorOrigins: ancestor ? [ancestor] : undefined },
    addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.delete(l),
  };
  const fire = (data: unknown, origin: string, source: unknown) => listeners.forEach((l) => l({ data, origin, source } as MessageEvent));
  return { win: win as unknown as Window, parent, fire, listeners };
}

let resize: () => void = () => {};
vi.stubGlobal('ResizeObserver', class {
  constructor(cb: () => void) {
    resize = cb;
  }
  observe() {}
  disconnect() {}
});

afterEach(() => vi.clearAllMocks());

describe('embed page: its side of the widget protocol', () => {
  it('posts only "ready" and its height, only to the host origin named in its URL', () => {
    const { win, parent } = frameWindow(HOST);
    const measure = document.createElement('div');
    measure.getBoundingClientRect = () => ({ height: 321.4 }) as DOMRect;
    const bridge = connectToHost({ host: HOST, measure, onNavigate: () => {}, win });
    bridge.ready();
    resize();
    resize(); // unchanged height: not posted again
    expect(parent.postMessage.mock.calls).toEqual([
      [{ protocol: PROTOCOL, type: 'ready' }, HOST],
      [{ protocol: PROTOCOL, type: 'resize', height: 322 }, HOST],
    ]);
    bridge.dispose();
  });

  it('navigates only on a message from its parent window, from the host origin, in the protocol\'s shape', () => {
    const { win, parent, fire, listeners } = frameWindow(HOST);
    const onNavigate = vi.fn();
    const bridge = connectToHost({ host: HOST, measure: document.createElement('div'), onNavigate, win });
    const go = { protocol: PROTOCOL, type: 'navigate', view: 'inbox', inbox: 'inbox-pohs' };
    fire(go, 'https://evil.example', parent);
    fire(go, HOST, {}); // another window of the same origin (a popup, a sibling frame)
    fire({ ...go, view: 'admin' }, HOST, parent);
    fire({ protocol: PROTOCOL, type: 'signIn', token: 'x' }, HOST, parent);
    expect(onNavigate).not.toHaveBeenCalled();
    fire(go, HOST, parent);
    expect(onNavigate).toHaveBeenCalledWith(expect.objectContaining({ view: 'inbox', inbox: 'inbox-pohs' }));
    bridge.dispose();
    expect(listeners.size).toBe(0);
  });

  it.each([
    ['opened on its own (no host in the URL)', '', HOST],
    ['framed by another page than the one in its URL', HOST, 'https://other.lombok.nl'],
  ])('stays silent when %s', (_what, host, ancestor) => {
    const { win, parent, listeners } = frameWindow(ancestor);
    const bridge = connectToHost({ host, measure: document.createElement('div'), onNavigate: () => {}, win });
    bridge.ready();
    resize();
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });

  it('reads its URL: an exact host origin only, a known view, Dutch unless English is asked for', () => {
    expect(readParams(`?org=org-hap-lombok&host=${encodeURIComponent(HOST)}&view=conversation&conversation=c-1&lang=en&mode=launcher`)).toEqual({
      host: HOST, org: 'org-hap-lombok', lang: 'en', launcher: true, target: { view: 'conversation', conversation: 'c-1' },
    });
    const odd = readParams(`?host=${encodeURIComponent(`${HOST}/path`)}&view=admin&lang=de`);
    expect(odd).toMatchObject({ host: '', lang: 'nl', launcher: false, target: { view: 'inbox' } });
    expect(readParams('?host=nonsense').host).toBe('');
  });

  it('keeps the token in the frame\'s sessionStorage, and in memory where storage is refused', async () => {
    const store = sessionTokenStore();
    await store.set('tok-1');
    expect(sessionStorage.getItem('netwerkzorg.embed.token')).toBe('tok-1');
    expect(await store.get()).toBe('tok-1');
    await store.set(undefined);
    expect(await store.get()).toBeUndefined();
    const blocked = sessionTokenStore(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    await blocked.set('tok-2');
    expect(await blocked.get()).toBe('tok-2');
  });
});
