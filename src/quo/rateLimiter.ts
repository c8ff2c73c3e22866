/**
 * Keeps every request of one Quo workspace session under N requests in any sliding second. Each session builds its
 * own (src/session/workspaceSession.ts) and sends everything through it, hovers, the panel, activity and the index
 * alike, because Quo's limit is per key, not per caller. N is the user's setting, lowered to this window's share
 * when other windows use the same key (sharedRateBudget.ts). Waiters are served by priority, then in
 * order: interactive requests (a hover, an opened contact) first, then a contact's activity (its calls and messages,
 * up to two dozen lists at once), then background ones (the index sync). So a hover never queues behind a long sync
 * or an activity load (it takes the next free slot), and an activity load never queues behind a sync.
 *
 * A request holds its slot from the moment it is sent until its answer arrives, and the slot's second is counted
 * from the answer. The request reached Quo somewhere in between, so counting from the answer is the only bound that
 * holds whatever the network does: counting from the send lets a slow first burst and a fast second one land in the
 * same server-side second (seen in tests: 5 of 50 requests refused with 429).
 *
 * Time comes from a monotonic clock: on the wall clock, setting the system time back an hour would leave every
 * slot answered "in the future" and hold every request for that hour.
 */
import type { Clock } from './clock.js';
import { monotonicClock } from './clock.js';

export type RequestPriority = 'interactive' | 'activity' | 'background';

/** Highest first: the order waiters are served in. */
const PRIORITIES: readonly RequestPriority[] = ['interactive', 'activity', 'background'];

/** Call when the answer has arrived (or the request failed); calling it again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

interface Slot {
  /** When the answer arrived; Infinity while the request is under way. */
  end: number;
}

export interface RateLimiterOptions {
  /** Requests allowed in any window. */
  readonly maxPerWindow: number;
  readonly windowMs?: number;
  /** Extra wait past the window edge, for timer and clock rounding. */
  readonly marginMs?: number;
  /** Monotonic by default (`performance.now()`); tests inject a fake one. Never the wall clock. */
  readonly clock?: Clock;
  /**
   * Asked before each request joins the queue; a promise it returns is waited for first. The session's window
   * announces itself to the other windows of the key here, so their shares shrink before this request leaves rather
   * than a beat later. Undefined (the usual answer) costs nothing, not even a turn of the event loop.
   */
  readonly admit?: () => Promise<unknown> | undefined;
  /**
   * Called as each request is given its slot. A queue can take longer to drain than the window's idle time across
   * windows (30 s): the session tells its budget the key is still in use when a queued request leaves, not only when
   * it joined the queue.
   */
  readonly onTake?: () => void;
}

export class RateLimiter {
  private maxPerWindow: number;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly clock: Clock;
  /** Slots that still count: under way, or answered less than a window ago. */
  private slots: Slot[] = [];
  private readonly queues: Record<RequestPriority, Waiter[]> = { interactive: [], activity: [], background: [] };
  private timer: unknown;
  private readonly admit: (() => Promise<unknown> | undefined) | undefined;
  private readonly onTake: (() => void) | undefined;
  /**
   * Set once disposed: what every later acquire rejects with. A retry or a request started before the dispose asks
   * for a slot after it, and a disposed session's limiter must not send it with a key that may have been removed.
   */
  private disposal: { readonly reason: unknown } | undefined;

  constructor(options: RateLimiterOptions) {
    this.maxPerWindow = RateLimiter.validMax(options.maxPerWindow);
    this.windowMs = options.windowMs ?? 1000;
    this.marginMs = options.marginMs ?? 5;
    this.clock = options.clock ?? monotonicClock;
    this.admit = options.admit;
    this.onTake = options.onTake;
  }

  private static validMax(value: number): number {
    return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
  }

  setMaxPerWindow(value: number): void {
    this.maxPerWindow = RateLimiter.validMax(value);
    if (!this.disposal) {
      this.drain();
    }
  }

  get pending(): number {
    return PRIORITIES.reduce((sum, priority) => sum + this.queues[priority].length, 0);
  }

  get disposed(): boolean {
    return this.disposal !== undefined;
  }

  /**
   * Resolves with a release function when a request may be sent. Rejects with the signal's reason if it is aborted
   * while waiting, and with the dispose reason once the limiter is disposed, before or while waiting.
   */
  acquire(priority: RequestPriority = 'interactive', signal?: AbortSignal): Promise<ReleaseSlot> {
    if (this.disposal) {
      return Promise.reject(this.disposal.reason);
    }
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    let admitting: Promise<unknown> | undefined;
    try {
      admitting = this.admit?.();
    } catch (error) {
      return Promise.reject(error);
    }
    if (admitting) {
      // The hook never stops a request: whatever it ends with, the request then queues as usual.
      const queue = (): Promise<ReleaseSlot> => this.enqueue(priority, signal);
      return admitting.then(queue, queue);
    }
    return this.enqueue(priority, signal);
  }

  private enqueue(priority: RequestPriority, signal: AbortSignal | undefined): Promise<ReleaseSlot> {
    if (this.disposal) {
      return Promise.reject(this.disposal.reason);
    }
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    if (this.pending === 0 && this.delayUntilFree() === 0) {
      return Promise.resolve(this.take());
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
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

  /** Rejects everything still waiting and every acquire after this, e.g. when the session's key is removed. */
  dispose(reason: unknown = new Error('Rate limiter disposed')): void {
    if (this.disposal) {
      return;
    }
    this.disposal = { reason };
    this.cancelTimer();
    for (const queue of PRIORITIES.map((priority) => this.queues[priority])) {
      for (const waiter of queue.splice(0)) {
        waiter.detach();
        waiter.reject(reason);
      }
    }
  }

  private take(): ReleaseSlot {
    const slot: Slot = { end: Infinity };
    this.slots.push(slot);
    this.onTake?.();
    return () => {
      if (slot.end === Infinity) {
        slot.end = this.clock.now();
        if (!this.disposal) {
          this.cancelTimer();
          this.drain();
        }
      }
    };
  }

  /** Milliseconds until a slot is free: 0 now, Infinity when every slot waits for an answer. */
  private delayUntilFree(): number {
    const now = this.clock.now();
    const hold = this.windowMs + this.marginMs;
    this.slots = this.slots.filter((slot) => slot.end === Infinity || slot.end + hold > now);
    if (this.slots.length < this.maxPerWindow) {
      return 0;
    }
    // The slots that free first are the earliest answered; enough of them must expire to get under the ceiling.
    const answered = this.slots.filter((slot) => slot.end !== Infinity).map((slot) => slot.end).sort((a, b) => a - b);
    const mustExpire = this.slots.length - this.maxPerWindow + 1;
    const freeingAt = answered[mustExpire - 1];
    return freeingAt === undefined ? Infinity : Math.max(0, freeingAt + hold - now);
  }

  private next(): Waiter | undefined {
    for (const priority of PRIORITIES) {
      const waiter = this.queues[priority].shift();
      if (waiter) {
        return waiter;
      }
    }
    return undefined;
  }

  private drain(): void {
    while (this.pending > 0 && this.delayUntilFree() === 0) {
      const waiter = this.next();
      if (!waiter) {
        break;
      }
      waiter.detach();
      waiter.grant(this.take());
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.pending === 0) {
      return;
    }
    const delay = this.delayUntilFree();
    if (delay === Infinity) {
      // Nothing frees by time alone: the next release drains.
      return;
    }
    // Even when a slot is free now, drain on a timer rather than here, so waiters are served in queue order.
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
