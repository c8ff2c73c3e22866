/**
 * One load per key, joined by every caller who asks while it runs. A caller whose signal aborts leaves at once with a
 * `cancelled` QuoError; the load itself is aborted only when its last caller has left. The client shares its
 * GET-by-id requests this way, the activity cache its whole activity loads.
 */
import { cancelledRequest } from './errors.js';

interface Load<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  callers: number;
}

export class SharedLoads<T> {
  private readonly loads = new Map<string, Load<T>>();

  /** Whether a load for the key is under way. */
  has(key: string): boolean {
    return this.loads.has(key);
  }

  /** Aborts every load under way with `reason` and forgets them; their callers get what the loads reject with. */
  abortAll(reason: unknown): void {
    for (const load of this.loads.values()) {
      load.controller.abort(reason);
    }
    this.loads.clear();
  }

  /** Joins the load under way for `key`, or starts one with `start`. */
  join(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) {
      return Promise.reject(cancelledRequest(signal.reason));
    }
    let current = this.loads.get(key);
    if (!current) {
      const controller = new AbortController();
      const started: Load<T> = { promise: start(controller.signal), controller, callers: 0 };
      current = started;
      this.loads.set(key, started);
      const done = (): void => {
        if (this.loads.get(key) === started) {
          this.loads.delete(key);
        }
      };
      started.promise.then(done, done);
    }
    const shared = current;
    shared.callers++;
    if (!signal) {
      return shared.promise;
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        reject(cancelledRequest(signal.reason));
        shared.callers--;
        if (shared.callers === 0) {
          shared.controller.abort(signal.reason);
          if (this.loads.get(key) === shared) {
            this.loads.delete(key);
          }
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
