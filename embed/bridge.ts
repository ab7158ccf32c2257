import { parseHostMessage, PROTOCOL, type FrameMessage, type ViewTarget } from '../widget/protocol';

export interface Bridge {
  /** Tells the loader the page runs (so it does not show "cannot be shown here"). */
  ready(): void;
  dispose(): void;
}

export interface BridgeOptions {
  /** The intranet page's origin, from the URL the server checked. */
  host: string;
  /** The element whose height the frame should have. */
  measure: HTMLElement;
  onNavigate(target: ViewTarget): void;
  win?: Window;
}

/**
 * The embed page's side of the widget protocol. It speaks only to its parent
 * window, only with the host origin as exact target, and listens only to
 * that window from that origin. It sends sizes and "ready", never contents.
 */
export function connectToHost({ host, measure, onNavigate, win = window }: BridgeOptions): Bridge {
  const parent = win.parent;
  const ancestor = win.location.ancestorOrigins?.[0];
  // Opened on its own, or framed by another page than the one named in the URL: stay silent.
  if (!host || parent === win || (ancestor !== undefined && ancestor !== host)) return { ready() {}, dispose() {} };

  const post = (message: FrameMessage) => parent.postMessage(message, host);
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== host || event.source !== parent) return;
    const message = parseHostMessage(event.data);
    if (message) onNavigate(message);
  };
  win.addEventListener('message', onMessage);

  let last = -1;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(measure.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ protocol: PROTOCOL, type: 'resize', height });
  });
  observer.observe(measure);

  return {
    ready: () => post({ protocol: PROTOCOL, type: 'ready' }),
    dispose() {
      observer.disconnect();
      win.removeEventListener('message', onMessage);
    },
  };
}
