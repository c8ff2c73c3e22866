/** Time as a dependency, so the limiter and caches can be tested without waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The wall clock (`Date.now()`, epoch ms). It jumps when the system time is set (NTP, a user, a VM resuming) but
 * keeps counting while the machine sleeps: right for ages that must include time asleep, such as cache expiry.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A monotonic clock (`performance.now()`, ms from an arbitrary origin). It never steps back or forward when the
 * system time is set: right for short intervals measured against each other, such as the rate limiter's window.
 * Its values mean nothing as dates.
 */
export const monotonicClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Whether something stored at `storedAt` on the wall clock is still within `ttlMs`. The wall clock, not a monotonic
 * one: a monotonic clock stops while the machine sleeps, and what was stored before a night's sleep must not count as
 * fresh in the morning. The wall clock can be set back, though, which makes an entry look stored in the future: a
 * negative age says nothing about how old it is, so stale.
 */
export function isFresh(storedAt: number, now: number, ttlMs: number): boolean {
  const age = now - storedAt;
  return age >= 0 && age < ttlMs;
}
