/**
 * Runs `work` once the browser is idle, and at the latest after `timeout` ms
 * (requestIdleCallback's timeout); where requestIdleCallback is missing,
 * after `fallbackDelay` ms. Returns a function that cancels it if it has
 * not run yet.
 */
export function whenIdle(
  work: () => void,
  { timeout, fallbackDelay = 1 }: { timeout: number; fallbackDelay?: number },
): () => void {
  if (typeof globalThis.requestIdleCallback === 'function') {
    const handle = globalThis.requestIdleCallback(() => work(), { timeout });
    return () => globalThis.cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, fallbackDelay);
  return () => clearTimeout(handle);
}
