import type { ProviderStep } from '../lib/backend/http/sso';
import { SSO_POPUP_MESSAGE, SSO_POPUP_RETURN } from '../lib/contract/wire';

/** How often the frame looks whether the person closed the popup without signing in. */
const CLOSED_POLL_MS = 400;

/**
 * The widget's way to the organisation's provider: a popup opened from the frame (providers refuse
 * to be framed). It comes back to the server's return page, which posts its address to this window;
 * only a message from that very popup, on this frame's own origin, is taken. The intranet page never
 * sees the code: it is neither the popup's opener nor of this origin.
 */
export function popupStep(win: Window = window): ProviderStep {
  const origin = win.location.origin;
  return {
    returnUrl: new URL(SSO_POPUP_RETURN, origin).href,
    open(url) {
      // Called straight from the click, so popup blockers let it through.
      const popup = win.open(url, 'netwerkzorg-sign-in', 'popup,width=520,height=700');
      if (!popup) return Promise.resolve(null);
      return new Promise((resolve) => {
        const done = (back: string | null) => {
          win.removeEventListener('message', onMessage);
          win.clearInterval(timer);
          resolve(back);
        };
        const onMessage = (event: MessageEvent) => {
          const data = event.data as { protocol?: unknown; url?: unknown } | null;
          if (event.origin !== origin || event.source !== popup || data?.protocol !== SSO_POPUP_MESSAGE || typeof data.url !== 'string') return;
          popup.close();
          done(data.url);
        };
        win.addEventListener('message', onMessage);
        const timer = win.setInterval(() => {
          if (popup.closed) done(null);
        }, CLOSED_POLL_MS);
      });
    },
  };
}
