/** Long-running commands (`watch`, `serve`) run until Ctrl-C or SIGTERM, then stop cleanly and exit 0. */

/** Resolves when `signal` aborts (never without one). */
export function abortedPromise(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolveAbort) => {
    if (!signal) return;
    if (signal.aborted) resolveAbort();
    else signal.addEventListener('abort', () => resolveAbort(), { once: true });
  });
}

/**
 * Runs `command` with a signal that aborts on Ctrl-C (SIGINT) or SIGTERM, and removes its handlers when the
 * command returns. A second Ctrl-C while it stops kills the process (Node's default once the handler is gone).
 */
export async function runUntilSignal(command: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await command(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
