/**
 * Runs `work` one at a time. Asked while it runs, it runs once more after
 * (however often it was asked meanwhile), and every asker gets that later
 * run's answer: what was asked for after the start is never missed.
 */
export function coalesce<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const run = (): Promise<T> => {
    if (!running) {
      running = work().finally(() => (running = null));
      return running;
    }
    next ??= running.catch(() => undefined).then(() => {
      next = null;
      return run();
    });
    return next;
  };
  return run;
}
