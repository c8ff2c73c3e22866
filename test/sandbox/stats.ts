/**
 * What the sandbox has seen, so tests can prove what a client did: how many requests, of which kind, answered how,
 * and whether it kept to the rate limit on its own.
 */

import { ROUTE_KINDS, type RouteKind } from './routes.js';
import { SlidingWindow } from './window.js';

export interface SandboxStats {
  /** Requests received, answered or not. */
  readonly total: number;
  /** Requests received per kind. */
  readonly byRoute: Readonly<Record<RouteKind, number>>;
  /** Answers sent per HTTP status; statuses never sent are absent. */
  readonly byStatus: Readonly<Partial<Record<number, number>>>;
  /** The most requests received within any sliding second (by the sandbox's `now()`), refused ones included. */
  readonly maxInWindow: number;
  /**
   * Distinct `Authorization` header values received, first seen first. For tests only: the sandbox never logs,
   * prints or serves them.
   */
  readonly authorizations: readonly string[];
  /** Requests that carried no `Authorization` header at all. */
  readonly missingAuthorization: number;
  /**
   * Requests for the storage host's files (`/media/`, route `media`) that carried an `Authorization` header: a client
   * must never send its key there. Media requests count here and in `total` and `byRoute` only: not in `maxInWindow`
   * (they are not requests to Quo's API, whose rate limit that measures), `authorizations` or `missingAuthorization`.
   */
  readonly mediaWithAuthorization: number;
}

export class StatsRecorder {
  private total = 0;
  private byRoute = emptyByRoute();
  private byStatus = new Map<number, number>();
  private readonly arrivals = new SlidingWindow(1000);
  private maxInWindow = 0;
  private authorizations = new Set<string>();
  private missingAuthorization = 0;
  private mediaWithAuthorization = 0;

  arrived(kind: RouteKind, authorization: string | undefined, now: number): void {
    this.total++;
    this.byRoute[kind]++;
    if (kind === 'media') {
      this.mediaWithAuthorization += authorization === undefined ? 0 : 1;
      return;
    }
    this.arrivals.add(now);
    this.maxInWindow = Math.max(this.maxInWindow, this.arrivals.count(now));
    if (authorization === undefined) {
      this.missingAuthorization++;
    } else {
      this.authorizations.add(authorization);
    }
  }

  answered(status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  snapshot(): SandboxStats {
    return {
      total: this.total,
      byRoute: { ...this.byRoute },
      byStatus: Object.fromEntries(this.byStatus),
      maxInWindow: this.maxInWindow,
      authorizations: [...this.authorizations],
      missingAuthorization: this.missingAuthorization,
      mediaWithAuthorization: this.mediaWithAuthorization,
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute = emptyByRoute();
    this.byStatus = new Map();
    this.arrivals.clear();
    this.maxInWindow = 0;
    this.authorizations = new Set();
    this.missingAuthorization = 0;
    this.mediaWithAuthorization = 0;
  }
}

function emptyByRoute(): Record<RouteKind, number> {
  return Object.fromEntries(ROUTE_KINDS.map((kind) => [kind, 0])) as Record<RouteKind, number>;
}
