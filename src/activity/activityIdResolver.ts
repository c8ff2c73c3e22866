/**
 * What an `AC…` id in a file is. Quo's calls and messages share the prefix (and Twilio's account ids look the same),
 * so the id is asked of `GET /v1/calls/{id}` and then of `GET /v1/messages/{id}`, and the kind that answered is
 * remembered: an id seen again asks the right endpoint first. An answer, found or not, is kept for the cache period,
 * so an id that is neither costs at most those two requests per period however often it is hovered; concurrent asks
 * share one resolution.
 */
import type { Clock } from '../quo/clock.js';
import { isQuoError } from '../quo/errors.js';
import type { Call, Message } from '../quo/types.js';
import { ActivityCache } from './activityCache.js';

/** One call, message, summary or transcript; `forbidden` is Quo's 403 (a line the key cannot see, a plan without it). */
export type Fetched<T> =
  | { readonly kind: 'found'; readonly value: T }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'forbidden' };

/**
 * A request's answer as Fetched: Quo's 404 and 403 are answers, anything else is thrown. Errors are told by shape
 * (isQuoError), so the check holds in a chunk with its own copy of QuoError.
 */
export async function fetched<T>(request: Promise<T>): Promise<Fetched<T>> {
  try {
    return { kind: 'found', value: await request };
  } catch (error) {
    if (isQuoError(error) && error.kind === 'http' && (error.status === 404 || error.status === 403)) {
      return error.status === 404 ? { kind: 'not-found' } : { kind: 'forbidden' };
    }
    throw error;
  }
}

/** What an `AC…` id turned out to be. `forbidden`: Quo has it and the key may not see it; `not-found`: neither. */
export type ActivityRecord =
  | { readonly kind: 'call'; readonly call: Call }
  | { readonly kind: 'message'; readonly message: Message }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not-found' };

/** The session's single-item requests; a failure that is not a 403 or 404 throws. */
export interface ActivityRecordSource {
  call(id: string, options: { readonly signal: AbortSignal }): Promise<Fetched<Call>>;
  message(id: string, options: { readonly signal: AbortSignal }): Promise<Fetched<Message>>;
}

export interface ActivityIdResolverOptions {
  /** The cache period, read at each use. */
  readonly ttlMs: () => number;
  readonly clock?: Clock;
  /** Answers kept (default 500). */
  readonly maxEntries?: number;
  /** Ids whose kind is remembered past their answer's life (default 2,000). */
  readonly maxKinds?: number;
}

type Kind = 'call' | 'message';

/** `AC` and hex digits, as detected in text: anything else is not asked about. */
const ACTIVITY_ID = /^AC[0-9a-f]{24,34}$/;

export function isActivityId(value: string): boolean {
  return ACTIVITY_ID.test(value);
}

export class ActivityIdResolver {
  private readonly answers: ActivityCache<ActivityRecord>;
  private readonly kinds = new Map<string, Kind>();
  private readonly maxKinds: number;

  constructor(
    private readonly source: ActivityRecordSource,
    options: ActivityIdResolverOptions,
  ) {
    this.answers = new ActivityCache<ActivityRecord>({
      ttlMs: options.ttlMs,
      maxEntries: options.maxEntries ?? 500,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.maxKinds = options.maxKinds ?? 2_000;
  }

  /** The answer for `id` while within the cache period, without a request. */
  fresh(id: string): ActivityRecord | undefined {
    return this.answers.fresh(id)?.value;
  }

  /**
   * The call or message with this id: from memory within the cache period, else at most two requests (the kind
   * remembered for the id first, calls for a new one). Throws what the source threw for a failure other than a
   * 403 or 404 (nothing is kept then), or a `cancelled` QuoError when the signal aborts.
   */
  resolve(id: string, options: { readonly signal?: AbortSignal } = {}): Promise<ActivityRecord> {
    const stored = this.answers.fresh(id);
    if (stored) {
      return Promise.resolve(stored.value);
    }
    return this.answers.run(id, (signal) => this.ask(id, signal), options.signal ? { signal: options.signal } : {});
  }

  /** Forgets every answer and every kind (another key, another server, Refresh). */
  clear(): void {
    this.answers.clear();
    this.kinds.clear();
  }

  private async ask(id: string, signal: AbortSignal): Promise<ActivityRecord> {
    const order: readonly Kind[] = this.kinds.get(id) === 'message' ? ['message', 'call'] : ['call', 'message'];
    let forbidden = false;
    for (const kind of order) {
      if (kind === 'call') {
        const answer = await this.source.call(id, { signal });
        if (answer.kind === 'found') {
          this.remember(id, kind);
          return { kind: 'call', call: answer.value };
        }
        forbidden ||= answer.kind === 'forbidden';
      } else {
        const answer = await this.source.message(id, { signal });
        if (answer.kind === 'found') {
          this.remember(id, kind);
          return { kind: 'message', message: answer.value };
        }
        forbidden ||= answer.kind === 'forbidden';
      }
    }
    return forbidden ? { kind: 'forbidden' } : { kind: 'not-found' };
  }

  private remember(id: string, kind: Kind): void {
    this.kinds.delete(id);
    this.kinds.set(id, kind);
    while (this.kinds.size > this.maxKinds) {
      const oldest = this.kinds.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.kinds.delete(oldest);
    }
  }
}
