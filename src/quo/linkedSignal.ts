/**
 * One request's signal, aborted when any of its sources aborts, that lets go of its sources once the request is over.
 *
 * `AbortSignal.any` would do the first half only: on Node 20 each signal it makes stays registered on its sources
 * until they are collected (measured: 10,000 requests leave 10,000 entries on a source that lives on, garbage
 * collection or not). A session's or a lookup epoch's signal lives for hours and is a source of every request, so
 * requests link to it here, one listener each, removed when they end. ky combines the signal it is given with
 * `AbortSignal.any` too: it must be given the per-request signal, never a long-lived one.
 */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Stops following the sources; call when the request has ended, whichever way. Calling it again does nothing. */
  release(): void;
}

export function linkSignals(sources: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const present = sources.filter((source): source is AbortSignal => source !== undefined);
  const aborted = present.find((source) => source.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, release: () => undefined };
  }
  const listeners = present.map((source) => {
    const listener = (): void => {
      release();
      controller.abort(source.reason);
    };
    return { source, listener };
  });
  const release = (): void => {
    for (const { source, listener } of listeners.splice(0)) {
      source.removeEventListener('abort', listener);
    }
  };
  for (const { source, listener } of listeners) {
    source.addEventListener('abort', listener, { once: true });
  }
  return { signal: controller.signal, release };
}
