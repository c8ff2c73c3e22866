/**
 * The ways the sandbox misbehaves on purpose. All deterministic: the same faults and the same requests give the
 * same answers, so a test can say exactly which request fails.
 */

import type { RouteKind } from './routes.js';
import type { ApiContact } from './wire.js';

export interface SandboxFaults {
  /** Milliseconds added before every answer (a hanging request gets none). */
  readonly latencyMs?: number;
  /**
   * Share of requests, 0..1, answered 500 once past authentication and the rate limit. Spread evenly and counted
   * from when the faults were set: 0.25 fails the 4th, 8th, 12th… request, 1 fails all of them.
   */
  readonly failRate?: number;
  /** Body of those 500s: the spec's JSON error (default) or the HTML page a proxy sends. */
  readonly failBody?: 'json' | 'html';
  /** Successful answers carry their JSON cut off halfway, so they do not parse. */
  readonly malformedJson?: boolean;
  /** Every request is refused with 401 in the wrapped shape seen live: `{"error":{"message","key","trace"}}`. */
  readonly wrapped401?: boolean;
  /** Requests are accepted and never answered until the sandbox closes. */
  readonly hang?: boolean;
  /**
   * Successful answers send their status, headers (with the full `Content-Length`) and the first half of their body,
   * then nothing more until the sandbox closes: a server or proxy that stalls mid-answer.
   */
  readonly stallBody?: boolean;
  /** Every authorised request is answered 429 for this many ms from when the faults were set (by `now()`). */
  readonly rateLimitedForMs?: number;
  /** These contacts are served in a shape that breaks the spec, by id and in lists. */
  readonly malformedContactIds?: readonly string[];
  /**
   * The next `times` (default 1) requests, once past authentication, the rate limit and `hang`, are answered `status`
   * in the spec's error shape (a 429 with `retryAfterSeconds` when set); the ones after them are served. The request
   * is not acted on: a write is not made. With `applied: true` it is, and only its answer is lost: the 500 after
   * which a contact exists all the same. Counted from when the faults were set; before `failRate`.
   */
  readonly failNext?: FailNext;
  /**
   * The 429s these faults and the rate limit answer carry `Retry-After: <seconds>`. Quo documents no such header,
   * so by default there is none and a client must back off on its own.
   */
  readonly retryAfterSeconds?: number;
  /** These contacts refuse `PATCH` and `DELETE` with 403, as WELL_KNOWN.readOnlyContactId always does. */
  readonly readOnlyContactIds?: readonly string[];
  /** Apply the faults above only to these kinds of request (all kinds when absent); WRITE_ROUTES names the writes. */
  readonly routes?: readonly RouteKind[];
}

export interface FailNext {
  /** 409 (the spec's Conflict), 429 or 500. */
  readonly status: 409 | 429 | 500;
  readonly times?: number;
  readonly applied?: boolean;
}

const FAIL_NEXT_STATUSES: ReadonlySet<number> = new Set([409, 429, 500]);

export function validateFaults(faults: SandboxFaults): void {
  const nonNegative = (name: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`fault ${name} must be a finite number >= 0, got ${value}`);
    }
  };
  nonNegative('latencyMs', faults.latencyMs);
  nonNegative('rateLimitedForMs', faults.rateLimitedForMs);
  if (faults.failRate !== undefined && !(faults.failRate >= 0 && faults.failRate <= 1)) {
    throw new RangeError(`fault failRate must be between 0 and 1, got ${faults.failRate}`);
  }
  const whole = (name: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`fault ${name} must be a whole number >= 0, got ${value}`);
    }
  };
  whole('retryAfterSeconds', faults.retryAfterSeconds);
  if (faults.failNext !== undefined) {
    if (!FAIL_NEXT_STATUSES.has(faults.failNext.status)) {
      throw new RangeError(`fault failNext.status must be 409, 429 or 500, got ${faults.failNext.status}`);
    }
    whole('failNext.times', faults.failNext.times);
  }
}

/**
 * Whether the `count`-th eligible request (1-based) fails at `rate`: it does when it carries the running total of
 * failures past a whole number. Evenly spread with no randomness, so the share is exact over any long run.
 */
export function failsAt(count: number, rate: number): boolean {
  // The epsilon keeps rates such as 1/3 or 0.1 from losing a failure to floating point rounding.
  const epsilon = 1e-9;
  return Math.floor(count * rate + epsilon) > Math.floor((count - 1) * rate + epsilon);
}

/**
 * A contact as a buggy backend might send it: the id survives (so a client can say which one broke), other fields
 * are missing or of the wrong type, and a custom field has a type the spec does not know.
 */
export function malformContact(contact: ApiContact): unknown {
  return {
    id: contact.id,
    externalId: 42,
    defaultFields: {
      firstName: ['not', 'a', 'string'],
      lastName: { nested: true },
      emails: 'none',
      phoneNumbers: [{ value: 5551234 }, null],
    },
    customFields: [{ name: 'Mystery', type: 'hologram', value: { x: 1 } }, null, 'text'],
    createdAt: 'yesterday',
    createdByUserId: 7,
  };
}
