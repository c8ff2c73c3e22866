/**
 * When a server says to try again, read exactly as ky reads it (ky 1.x, `Ky#calculateRetryDelay`), so that the
 * client's decision not to wait and the wait ky would otherwise make agree. Quo documents no such header (it says
 * to back off exponentially); proxies, gateways and a future API version may still send one.
 */

/** The headers ky reads, in ky's order: the first one present wins, even when it is empty or unreadable. */
export const RETRY_HEADERS = [
  'Retry-After',
  'RateLimit-Reset',
  'X-RateLimit-Retry-After',
  'X-RateLimit-Reset',
  'X-Rate-Limit-Reset',
] as const;

/** ky's cut-off: a number of seconds whose value in ms is past this is an epoch time in seconds, not a delay. */
const EPOCH_THRESHOLD_MS = Date.parse('2024-01-01');

/** The value of the first retry header present, or undefined when none is. */
export function retryHeader(headers: Headers): string | undefined {
  for (const name of RETRY_HEADERS) {
    const value = headers.get(name);
    if (value !== null) {
      return value;
    }
  }
  return undefined;
}

/**
 * Milliseconds until the server said to try again: seconds (`120`, `0.5`), an HTTP date, or epoch seconds (a number
 * past 2024, as GitHub's `X-RateLimit-Reset`). 0 for a time already past; Infinity for `Infinity`. Undefined when no
 * header is present, or the value is empty or unreadable (`soon`).
 */
export function retryDelayMs(headers: Headers, now: number): number | undefined {
  const value = retryHeader(headers);
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  let delay: number;
  if (Number.isNaN(seconds)) {
    delay = Date.parse(value) - now;
  } else {
    delay = seconds * 1000;
    if (delay >= EPOCH_THRESHOLD_MS) {
      delay -= now;
    }
  }
  return Number.isNaN(delay) ? undefined : Math.max(0, delay);
}

/** When the server said to try again, in epoch ms; undefined when it did not say, or said "never". */
export function retryAtFrom(headers: Headers, now: number): number | undefined {
  const delay = retryDelayMs(headers, now);
  return delay !== undefined && Number.isFinite(delay) ? now + delay : undefined;
}
