/**
 * Events counted over a sliding window of time, as the real rate limit counts requests: an event at `t` is inside
 * the window ending at `now` while `now - t < spanMs`. Times come from the caller, so tests drive the clock.
 */
export class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  /** Events inside the window ending at `now`. */
  count(now: number): number {
    while (this.head < this.times.length && now - (this.times[this.head]) >= this.spanMs) {
      this.head++;
    }
    // Drop the expired prefix now and then, so a long run stays O(1) amortised in time and bounded in memory.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.times.push(now);
  }

  clear(): void {
    this.times = [];
    this.head = 0;
  }
}

/** At most `limit` admitted events in any window of `spanMs`; refused events do not count against the limit. */
export class RateLimiter {
  private readonly window: SlidingWindow;

  constructor(
    private readonly limit: number,
    spanMs = 1000,
  ) {
    if (!(limit > 0)) {
      throw new RangeError(`rate limit must be positive (Infinity turns it off), got ${limit}`);
    }
    this.window = new SlidingWindow(spanMs);
  }

  admit(now: number): boolean {
    if (this.window.count(now) >= this.limit) {
      return false;
    }
    this.window.add(now);
    return true;
  }
}
