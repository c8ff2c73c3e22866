/**
 * How a workspace answers "who is this id?" (and "who is this user?"). `know` says what is known without a request,
 * reading the cache once and the contact index once; `resolve` answers from that when it can and asks Quo only on a
 * miss, through the workspace's client (which reports every request's outcome to the connection state itself), so
 * concurrent asks share a request.
 */
import type { QuoClient, RequestOptions } from '../quo/client.js';
import { isQuoError, noKeyError, QuoError } from '../quo/errors.js';
import type { Clock } from '../quo/clock.js';
import { isFresh, systemClock } from '../quo/clock.js';
import { linkSignals } from '../quo/linkedSignal.js';
import type { Contact, User } from '../quo/types.js';
import type { ContactCache } from './contactCache.js';
import { Emitter } from '../common/emitter.js';
import { isAnswer, type Known } from './known.js';

/** The workspace's contact list, by id. */
export interface ListedContacts {
  byId(id: string): Contact | undefined;
}

export type LookupResult = { readonly kind: 'found'; readonly contact: Contact } | { readonly kind: 'not-found' };

/**
 * The most ids remembered as asked in the background: inline names ask at most 50 new ids a pass. Past it the oldest is
 * forgotten: were it shown again and no longer cached, it would be asked once more, which is cheaper than a set that
 * grows with every id a long-lived window has ever shown.
 */
export const MAX_ASKED_IN_BACKGROUND = 2_000;

function droppedAnswer(): QuoError {
  return new QuoError({ kind: 'cancelled', message: 'The answer arrived after what it was for was cleared.' });
}

export class ContactLookup {
  private readonly settled = new Emitter<string>();
  /** Aborted and replaced on every clear(). */
  private epoch = new AbortController();
  /** Background asks sent and not yet answered. */
  private readonly pendingInBackground = new Set<string>();
  private readonly resolved = new Emitter<Contact>();
  /** Users change rarely and a panel asks for its creator on every load: kept for the contact cache's lifetime. */
  private readonly users = new Map<string, { readonly user: User; readonly at: number }>();
  /** Ids asked for by background surfaces this session; they ask at most once until the cache is dropped. */
  private readonly askedInBackground = new Set<string>();
  /** Background asks that failed for a passing reason; asked again once Quo answers something else. Within asked. */
  private readonly failedInBackground = new Set<string>();

  /** A background ask ended, found, not found or failed: surfaces that count pending ids redraw on it. */
  readonly onDidSettle = this.settled.event;
  /** A contact arrived from Quo (inline names use this to redraw). */
  readonly onDidResolve = this.resolved.event;

  constructor(
    private readonly cache: ContactCache,
    private readonly listed: ListedContacts,
    private readonly client: () => QuoClient | undefined,
    /** Why there is no client now (no key, or settings that forbid one): what a lookup then fails with. */
    private readonly unavailable: () => QuoError = noKeyError,
    private readonly userTtlMs: () => number = () => 10 * 60_000,
    private readonly clock: Clock = systemClock,
  ) {}

  /** What is known without a request: the cache read once, the contact list once. */
  know(id: string): Known {
    const entry = this.cache.get(id);
    if (entry?.kind === 'contact') {
      return entry.fresh ? { kind: 'fresh', contact: entry.contact } : { kind: 'stale', contact: entry.contact };
    }
    if (entry?.fresh) {
      return { kind: 'not-found' };
    }
    const listed = this.listed.byId(id);
    return listed ? { kind: 'from-index', contact: listed } : { kind: 'unknown', notFoundBefore: entry !== undefined };
  }

  get cachedCount(): number {
    return this.cache.size;
  }

  /**
   * A fresh answer: from the cache if fresh, else from Quo. Throws a QuoError for anything but found / not found
   * (a `config` error when there is no key).
   */
  async resolve(id: string, options: RequestOptions = {}): Promise<LookupResult> {
    const known = this.know(id);
    if (known.kind === 'not-found') {
      return known;
    }
    if (isAnswer(known)) {
      return { kind: 'found', contact: known.contact };
    }
    return this.ask(id, options);
  }

  /** Asks Quo, whatever is known: what `resolve` does on a miss, and what a surface that has shown `know` does next. */
  async ask(id: string, options: RequestOptions = {}): Promise<LookupResult> {
    const contact = await this.send((client, sent) => client.getContact(id, sent), options);
    if (contact === undefined) {
      this.cache.setNotFound(id);
      return { kind: 'not-found' };
    }
    this.cache.setContact(contact);
    this.resolved.fire(contact);
    return { kind: 'found', contact };
  }

  /**
   * One request to Quo, undefined for a 404. Requests sent before a clear (Refresh, the workspace going) belong to
   * what was cleared: they are aborted, and an answer that arrives anyway is dropped instead of stored under what
   * replaced it.
   */
  private async send<T>(send: (client: QuoClient, options: RequestOptions) => Promise<T>, options: RequestOptions): Promise<T | undefined> {
    const client = this.client();
    if (!client) {
      throw this.unavailable();
    }
    const epoch = this.epoch;
    // Linked and released per request: AbortSignal.any would leave one entry on the epoch's signal per ask, and an
    // epoch lasts until the next Refresh (linkedSignal.ts).
    const link = options.signal ? linkSignals([options.signal, epoch.signal]) : undefined;
    const signal = link?.signal ?? epoch.signal;
    let value: T;
    try {
      value = await send(client, { ...options, signal });
    } catch (error) {
      if (epoch !== this.epoch) {
        throw droppedAnswer();
      }
      if (isQuoError(error) && error.isNotFound) {
        return undefined;
      }
      throw error;
    } finally {
      link?.release();
    }
    if (epoch !== this.epoch) {
      throw droppedAnswer();
    }
    return value;
  }

  /** For tests: the signal every request of the current epoch follows. */
  get epochSignal(): AbortSignal {
    return this.epoch.signal;
  }

  /** For tests: ids remembered as asked, and as failed, in the background. */
  get backgroundCounts(): { readonly asked: number; readonly failed: number } {
    return { asked: this.askedInBackground.size, failed: this.failedInBackground.size };
  }

  /** A user (a contact's creator, a call's teammate), cached, with concurrent asks sharing the client's request. */
  async resolveUser(id: string, options: RequestOptions = {}): Promise<User | undefined> {
    const fresh = this.peekUser(id);
    if (fresh) {
      return fresh;
    }
    const user = await this.send((client, sent) => client.getUser(id, sent), options);
    if (user !== undefined) {
      this.users.set(id, { user, at: this.clock.now() });
    }
    return user;
  }

  /** A user known within the cache period, without a request. */
  peekUser(id: string): User | undefined {
    const known = this.users.get(id);
    return known && isFresh(known.at, this.clock.now(), this.userTtlMs()) ? known.user : undefined;
  }

  /** Background asks that failed for a passing reason may ask again (after a successful retry). */
  askFailedAgain(): void {
    for (const id of this.failedInBackground) {
      this.askedInBackground.delete(id);
    }
    this.failedInBackground.clear();
  }

  /**
   * For surfaces that show many ids at once (inline names, "In this file"): what is known, and for an unknown id one
   * ask of Quo per session, in the background. The answer arrives through onDidResolve.
   */
  knowOrAskInBackground(id: string): Known {
    const known = this.know(id);
    if (known.kind !== 'unknown' || known.notFoundBefore || this.askedInBackground.has(id) || !this.client()) {
      return known;
    }
    this.askedInBackground.add(id);
    if (this.askedInBackground.size > MAX_ASKED_IN_BACKGROUND) {
      // A Set keeps insertion order: the first is the oldest ask.
      const oldest = this.askedInBackground.values().next().value as string;
      this.askedInBackground.delete(oldest);
      this.failedInBackground.delete(oldest);
    }
    this.pendingInBackground.add(id);
    this.ask(id, { priority: 'background' })
      .catch((error: unknown) => {
        // Not asked again on every redraw while offline (that would be a request storm), but once Quo answers again.
        // A decode error would fail the same way again: that id stays asked.
        // Only while still remembered as asked: an id forgotten meanwhile (evicted, forgotten, cleared) is asked anew anyway.
        if (
          isQuoError(error) &&
          (error.isTransient || error.isUnauthorized || error.kind === 'config') &&
          this.askedInBackground.has(id)
        ) {
          this.failedInBackground.add(id);
        }
      })
      .finally(() => {
        this.pendingInBackground.delete(id);
        this.settled.fire(id);
      });
    return known;
  }

  /** Whether a background ask for this id is on its way. */
  isPending(id: string): boolean {
    return this.pendingInBackground.has(id);
  }

  /** Drops everything known, e.g. when the key changes or the user asks for a refresh. */
  clear(): void {
    this.epoch.abort();
    this.epoch = new AbortController();
    this.cache.clear();
    this.users.clear();
    this.askedInBackground.clear();
    this.failedInBackground.clear();
    this.pendingInBackground.clear();
  }

  /** A contact as Quo answered a write of this window: cached and announced like an answer to a lookup. */
  remember(contact: Contact): void {
    this.cache.setContact(contact);
    this.resolved.fire(contact);
  }

  /** A contact this window deleted: "not found" from now on, without asking. */
  deleted(id: string): void {
    this.cache.setNotFound(id);
    this.askedInBackground.delete(id);
    this.failedInBackground.delete(id);
  }

  forget(id: string): void {
    this.cache.delete(id);
    this.askedInBackground.delete(id);
    this.failedInBackground.delete(id);
  }

  dispose(): void {
    this.settled.dispose();
    this.resolved.dispose();
  }
}
