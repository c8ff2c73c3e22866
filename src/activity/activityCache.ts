/**
 * Keeps what activity loads returned (a workspace's lines, a contact's calls and messages) for the contact cache's
 * lifetime, in memory only, and lets concurrent asks for one key share one load: a panel and a hover opened on
 * the same contact spend one budget, not two. A load whose every caller has gone is cancelled; one that ends after
 * a `clear()` (a new key, another server, Refresh) is dropped instead of stored under what replaced it.
 */
import type { Clock } from '../quo/clock.js';
import { systemClock } from '../quo/clock.js';
import { QuoError } from '../quo/errors.js';

interface Stored<V> {
  readonly value: V;
  readonly storedAt: number;
}

interface Load<V> {
  readonly promise: Promise<V>;
  readonly controller: AbortController;
  callers: number;
}

export interface ActivityCacheOptions {
  /** Read on every use, so a changed setting applies at once. */
  readonly ttlMs: () => number;
  readonly maxEntries?: number;
  readonly clock?: Clock;
}

export interface RunOptions {
  /** This caller's interest; the load itself stops only when every caller's signal has aborted. */
  readonly signal?: AbortSignal;
  /** When the stored value's life began, if not now: "check more" adds to an answer without making it younger. */
  readonly storedAt?: number;
}

export class ActivityCache<V> {
  private readonly entries = new Map<string, Stored<V>>();
  private readonly loads = new Map<string, Load<V>>();
  private readonly ttlMs: () => number;
  private readonly maxEntries: number;
  private readonly clock: Clock;
  private generation = 0;

  constructor(options: ActivityCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 200;
    this.clock = options.clock ?? systemClock;
  }

  /** The stored value while within its lifetime. */
  fresh(key: string): Stored<V> | undefined {
    const stored = this.entries.get(key);
    if (!stored) {
      return undefined;
    }
    // The wall clock, as the contact cache uses: a value must not count as fresh after a night asleep; a clock set
    // back makes the age negative, which says nothing about it, so stale.
    const age = this.clock.now() - stored.storedAt;
    return age >= 0 && age < this.ttlMs() ? stored : undefined;
  }

  /** Whether a load for the key is under way. */
  isLoading(key: string): boolean {
    return this.loads.has(key);
  }

  /**
   * Joins the load under way for `key`, or starts `load`; stores what it returns. Rejects with a `cancelled`
   * QuoError when this caller's signal aborts or the cache is cleared meanwhile.
   */
  run(key: string, load: (signal: AbortSignal) => Promise<V>, options: RunOptions = {}): Promise<V> {
    const { signal } = options;
    if (signal?.aborted) {
      return Promise.reject(cancelled(signal.reason));
    }
    let current = this.loads.get(key);
    if (!current) {
      const generation = this.generation;
      const controller = new AbortController();
      const promise = load(controller.signal).then((value) => {
        if (generation !== this.generation) {
          throw cancelled('cleared');
        }
        this.store(key, value, options.storedAt ?? this.clock.now());
        return value;
      });
      const started: Load<V> = { promise, controller, callers: 0 };
      current = started;
      this.loads.set(key, started);
      const done = (): void => {
        if (this.loads.get(key) === started) {
          this.loads.delete(key);
        }
      };
      promise.then(done, done);
    }
    const shared = current;
    shared.callers++;
    if (!signal) {
      return shared.promise;
    }
    return new Promise<V>((resolve, reject) => {
      const onAbort = (): void => {
        reject(cancelled(signal.reason));
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

  /** Drops one stored value (a panel's Refresh); a load under way for it goes on and stores what it returns. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Drops everything and cancels every load under way. */
  clear(): void {
    this.generation++;
    for (const load of this.loads.values()) {
      load.controller.abort(cancelled('cleared'));
    }
    this.loads.clear();
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: string, value: V, storedAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.entries.delete(oldest);
    }
  }
}

function cancelled(reason: unknown): QuoError {
  return new QuoError({ kind: 'cancelled', message: 'The request was cancelled.', cause: reason });
}
