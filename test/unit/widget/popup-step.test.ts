import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { popupStep } from '../../../embed/popup-step';
import { SSO_POPUP_MESSAGE } from '../../../lib/contract/wire';

const ORIGIN = 'https://netwerkzorg.example';
const BACK = `${ORIGIN}/embed/signed-in?nz_code=abc`;

/** The frame's window as far as the step uses it, and the popup it opens. */
function frameWindow(opens: 'popup' | 'blocked' = 'popup') {
  const target = new EventTarget();
  const popup = { closed: false, close: vi.fn(() => void (popup.closed = true)) };
  const win = {
    location: { origin: ORIGIN },
    open: vi.fn(() => (opens === 'popup' ? popup : null)),
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (id: number) => clearInterval(id),
  };
  const deliver = (data: unknown, origin = ORIGIN, source: unknown = popup) =>
    target.dispatchEvent(Object.assign(new Event('message'), { data, origin, source }));
  return { win: win as unknown as Window, popup, deliver };
}

describe('the widget\'s sign-in popup (issue 15)', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('comes back to the server\'s own return page', () => {
    expect(popupStep(frameWindow().win).returnUrl).toBe(`${ORIGIN}/embed/signed-in`);
  });

  it('takes the address only from its own popup, on the frame\'s own origin, in the return page\'s shape; then closes the popup', async () => {
    const { win, popup, deliver } = frameWindow();
    const back = popupStep(win).open(`${ORIGIN}/api/v1/auth/oidc/org-zorgzaam/start`);
    deliver({ protocol: SSO_POPUP_MESSAGE, url: `${BACK}-intranet` }, 'https://intranet.example');
    deliver({ protocol: SSO_POPUP_MESSAGE, url: `${BACK}-other-window` }, ORIGIN, {});
    deliver({ protocol: 'other', url: `${BACK}-other-protocol` });
    deliver({ protocol: SSO_POPUP_MESSAGE, url: 42 });
    deliver(null);
    expect(popup.close).not.toHaveBeenCalled();
    deliver({ protocol: SSO_POPUP_MESSAGE, url: BACK });
    await expect(back).resolves.toBe(BACK);
    expect(popup.close).toHaveBeenCalledOnce();
  });

  it('answers null when the person closes the popup, or the browser blocks it', async () => {
    const { win, popup } = frameWindow();
    const back = popupStep(win).open(`${ORIGIN}/start`);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(back).resolves.toBeNull();
    await expect(popupStep(frameWindow('blocked').win).open(`${ORIGIN}/start`)).resolves.toBeNull();
  });
});
