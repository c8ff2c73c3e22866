/**
 * The ceiling of this window's rate limiter, from two things it cannot see alone: how many windows share the key
 * (each takes an equal share of the user's limit), and Quo refusing requests with 429, which says the key is busier
 * than the shares assume (a window that cannot write its beat, a script or another machine using the same key).
 *
 * ceiling = min(share, adaptive), share = max(1, floor(maxPerSecond / liveWindows)). A 429 halves the ceiling into
 * `adaptive`; each recovery period without a 429 gives one request a second back, until `adaptive` reaches the share
 * and stops counting. While it counts, a share that rises (a window closed) lifts the ceiling no further than
 * `adaptive`, which goes on climbing towards the new share: a key refused less than a period ago is not trusted with
 * more at once. A share that falls lowers the ceiling at once, 429 or not.
 *
 * The 429s of one burst (requests sent together, refused together) are one sign, not several: the ceiling is halved
 * at most once a second, so five refusals in a row take 10 to 5, not to 1.
 *
 * The floor is 1 request a second: below it a hover would never come, and Quo's 429s carry their own retry delay.
 */
import type { Clock } from './clock.js';
import { monotonicClock } from './clock.js';

/** Quo's limit per key. */
export const MAX_REQUESTS_PER_SECOND = 10;

export interface SharedRateBudgetOptions {
  /** The user's setting, 1..10. */
  readonly maxPerSecond?: number;
  /** This window included. */
  readonly liveWindows?: number;
  readonly recoverEveryMs?: number;
  /** 429s closer together than this halve the ceiling once. */
  readonly halveAtMostEveryMs?: number;
  /** Only its timers are used; monotonic by default, so setting the system time neither hastens nor stalls recovery. */
  readonly clock?: Clock;
  /** Called with the first ceiling at construction, then with every new one: the session passes the limiter's setter. */
  readonly apply: (ceiling: number) => void;
}

export class SharedRateBudget {
  private maxPerSecond: number;
  private liveWindows: number;
  /** The ceiling learned from 429s; undefined once it has recovered up to the share. */
  private adaptive: number | undefined;
  private readonly recoverEveryMs: number;
  private readonly halveAtMostEveryMs: number;
  private lastHalvedAt: number | undefined;
  private readonly clock: Clock;
  private readonly apply: (ceiling: number) => void;
  private applied: number;
  private timer: unknown;
  private disposed = false;

  constructor(options: SharedRateBudgetOptions) {
    this.maxPerSecond = SharedRateBudget.validMax(options.maxPerSecond);
    this.liveWindows = SharedRateBudget.validWindows(options.liveWindows);
    this.recoverEveryMs = options.recoverEveryMs ?? 5000;
    this.halveAtMostEveryMs = options.halveAtMostEveryMs ?? 1000;
    this.clock = options.clock ?? monotonicClock;
    this.apply = options.apply;
    this.applied = this.ceiling;
    this.apply(this.applied);
  }

  private static validMax(value: number | undefined): number {
    if (value === undefined || !Number.isFinite(value)) {
      return MAX_REQUESTS_PER_SECOND;
    }
    return Math.min(MAX_REQUESTS_PER_SECOND, Math.max(1, Math.floor(value)));
  }

  private static validWindows(value: number | undefined): number {
    return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
  }

  /** This window's equal part of the user's limit. */
  get share(): number {
    return Math.max(1, Math.floor(this.maxPerSecond / this.liveWindows));
  }

  /** Requests a second this window may send now. */
  get ceiling(): number {
    return Math.min(this.share, this.adaptive ?? Infinity);
  }

  setMaxPerSecond(value: number): void {
    this.maxPerSecond = SharedRateBudget.validMax(value);
    this.update();
  }

  setLiveWindows(value: number): void {
    this.liveWindows = SharedRateBudget.validWindows(value);
    this.update();
  }

  /** Call on every 429, retries included. */
  noteRefused(): void {
    const now = this.clock.now();
    if (this.lastHalvedAt === undefined || now - this.lastHalvedAt >= this.halveAtMostEveryMs) {
      this.lastHalvedAt = now;
      this.adaptive = Math.max(1, Math.floor(this.ceiling / 2));
    }
    // Recovery counts from the last refusal.
    this.cancelTimer();
    this.scheduleRecovery();
    this.update();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private scheduleRecovery(): void {
    if (this.disposed) {
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.recover();
    }, this.recoverEveryMs);
  }

  private recover(): void {
    if (this.adaptive === undefined) {
      return;
    }
    const next = this.adaptive + 1;
    if (next >= this.share) {
      this.adaptive = undefined;
    } else {
      this.adaptive = next;
      this.scheduleRecovery();
    }
    this.update();
  }

  private update(): void {
    const ceiling = this.ceiling;
    if (ceiling !== this.applied) {
      this.applied = ceiling;
      this.apply(ceiling);
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
