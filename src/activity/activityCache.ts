/**
 * Keeps what activity loads returned (a workspace's lines, a contact's calls and messages) for the contact cache's
 * lifetime, in memory only, and lets concurrent asks for one key share one load: a panel's activity load and a hover
 * on an `AC…` id that both need the lines send one request, not two. A hover never loads a contact's calls and
 * messages: it only peeks (`fresh`) at what a panel loaded. A load whose every caller has gone is cancelled; one that
 * ends after a `clear()` (a new key, another server, Refresh) is dropped instead of stored under what replaced it.
 */
import type { Clock } from '../quo/clock.js';
import { isFresh, systemClock } from '../quo/clock.js';
import { cancelledRequest } from '../quo/errors.js';
import { SharedLoads } from '../quo/sharedLoads.js';

interface Stored<V> {
  readonly value: V;
  readonly storedAt: number;
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
  private readonly loads = new SharedLoads<V>();
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
    return isFresh(stored.storedAt, this.clock.now(), this.ttlMs()) ? stored : undefined;
  }

  /**
   * Joins the load under way for `key`, or starts `load`; stores what it returns. Rejects with a `cancelled`
   * QuoError when this caller's signal aborts or the cache is cleared meanwhile.
   */
  run(key: string, load: (signal: AbortSignal) => Promise<V>, options: RunOptions = {}): Promise<V> {
    const generation = this.generation;
    return this.loads.join(
      key,
      (signal) =>
        load(signal).then((value) => {
          if (generation !== this.generation) {
            throw cancelledRequest('cleared');
          }
          this.store(key, value, options.storedAt ?? this.clock.now());
          return value;
        }),
      options.signal,
    );
  }

  /** Drops one stored value (a panel's Refresh); a load under way for it goes on and stores what it returns. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Drops everything and cancels every load under way. */
  clear(): void {
    this.generation++;
    this.loads.abortAll(cancelledRequest('cleared'));
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
