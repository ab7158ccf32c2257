/**
 * Moments in a page's start, for work the first screen does not need.
 * Browser-only (pages, not the service worker).
 */

/** After the next frame has been painted: a task posted from an animation frame runs once that frame is done. */
export const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * When the page is next idle after its next paint (at most `timeoutMs` later): for code to fetch
 * that must not compete with the first screen's requests. Where there is no requestIdleCallback
 * (Safari), a short wait stands in.
 */
export async function whenIdle(timeoutMs = 1000): Promise<void> {
  await afterNextPaint();
  await new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 50);
  });
}
