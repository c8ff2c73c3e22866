/**
 * Keeps every request of the extension host under Quo's limit of N requests in any sliding second. One instance is
 * shared by all surfaces, because the limit is per key, not per caller. Interactive requests (a hover, an opened
 * contact) jump ahead of background ones (the index sync), so a long sync never makes a hover wait behind it.
 */
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export type RequestPriority = 'interactive' | 'background';

interface Waiter {
  readonly grant: () => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

export interface RateLimiterOptions {
  /** Requests allowed in any window. */
  readonly maxPerWindow: number;
  readonly windowMs?: number;
  /**
   * Extra wait past the window edge. Requests leave here and arrive at Quo a little later, with jitter; without a
   * margin two bursts a window apart can land in the same server-side second.
   */
  readonly marginMs?: number;
  readonly clock?: Clock;
}

export class RateLimiter {
  private maxPerWindow: number;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly clock: Clock;
  /** Start times of the most recent grants, oldest first; never longer than maxPerWindow. */
  private readonly granted: number[] = [];
  private readonly queues: Record<RequestPriority, Waiter[]> = { interactive: [], background: [] };
  private timer: unknown;

  constructor(options: RateLimiterOptions) {
    this.maxPerWindow = RateLimiter.validMax(options.maxPerWindow);
    this.windowMs = options.windowMs ?? 1000;
    this.marginMs = options.marginMs ?? 20;
    this.clock = options.clock ?? systemClock;
  }

  private static validMax(value: number): number {
    return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
  }

  setMaxPerWindow(value: number): void {
    this.maxPerWindow = RateLimiter.validMax(value);
    this.granted.splice(0, Math.max(0, this.granted.length - this.maxPerWindow));
    this.drain();
  }

  get pending(): number {
    return this.queues.interactive.length + this.queues.background.length;
  }

  /** Resolves when a request may start. Rejects with the signal's reason if it is aborted while waiting. */
  acquire(priority: RequestPriority = 'interactive', signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    if (this.pending === 0 && this.delayUntilFree() === 0) {
      this.record();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues[priority];
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) {
          queue.splice(index, 1);
        }
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      this.schedule();
    });
  }

  /** Rejects everything still waiting, e.g. when the key changes or the extension deactivates. */
  dispose(reason: unknown = new Error('Rate limiter disposed')): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    for (const queue of [this.queues.interactive, this.queues.background]) {
      for (const waiter of queue.splice(0)) {
        waiter.detach();
        waiter.reject(reason);
      }
    }
  }

  private delayUntilFree(): number {
    if (this.granted.length < this.maxPerWindow) {
      return 0;
    }
    const oldest = this.granted[this.granted.length - this.maxPerWindow] ?? 0;
    return Math.max(0, oldest + this.windowMs + this.marginMs - this.clock.now());
  }

  private record(): void {
    this.granted.push(this.clock.now());
    if (this.granted.length > this.maxPerWindow) {
      this.granted.shift();
    }
  }

  private next(): Waiter | undefined {
    return this.queues.interactive.shift() ?? this.queues.background.shift();
  }

  private drain(): void {
    while (this.pending > 0 && this.delayUntilFree() === 0) {
      const waiter = this.next();
      if (!waiter) {
        break;
      }
      waiter.detach();
      this.record();
      waiter.grant();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.pending === 0) {
      return;
    }
    // Even when a slot is free now, drain on a timer rather than here, so waiters are served in queue order.
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, this.delayUntilFree());
  }
}
