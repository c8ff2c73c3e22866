/**
 * How the session answers "who is this id?" (and "who is this user?"). It answers from what is known first (the
 * cache, then the contact index once one exists) and asks Quo only on a miss, through the shared client so
 * concurrent asks share a request. Every answer and every failure is reported, so the session's availability
 * hears about each request in one place.
 */
import type { QuoClient, RequestOptions } from '../quo/client.js';
import { noKeyError, QuoError } from '../quo/errors.js';
import type { Clock } from '../quo/clock.js';
import { systemClock } from '../quo/clock.js';
import { linkSignals } from '../quo/linkedSignal.js';
import type { Contact, User } from '../quo/types.js';
import type { ContactCache } from './contactCache.js';
import { Emitter } from '../common/emitter.js';

/** Anything else that may already hold a contact (the sidebar's index). */
export interface KnownContacts {
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
  private readonly failures = new Emitter<QuoError>();
  private readonly answers = new Emitter<void>();
  private readonly settled = new Emitter<string>();
  /** Aborted and replaced on every clear(). */
  private epoch = new AbortController();
  /** Background asks sent and not yet answered. */
  private readonly pendingInBackground = new Set<string>();
  private readonly resolved = new Emitter<Contact>();
  /** Users change rarely and a panel asks for its creator on every load: kept for the contact cache's lifetime. */
  private readonly users = new Map<string, { readonly user: User; readonly at: number }>();
  private readonly known: KnownContacts[] = [];
  /** Ids asked for by background surfaces this session; they ask at most once until the cache is dropped. */
  private readonly askedInBackground = new Set<string>();
  /** Background asks that failed for a passing reason; asked again once Quo answers something else. Within asked. */
  private readonly failedInBackground = new Set<string>();

  /** Every failed request (cancellations excepted); the session decides what it says about the connection. */
  readonly onDidFail = this.failures.event;
  /** Quo answered a request (a contact, a user or a 404). */
  readonly onDidAnswer = this.answers.event;
  /** A background ask ended, found, not found or failed: surfaces that count pending ids redraw on it. */
  readonly onDidSettle = this.settled.event;
  /** A contact arrived from Quo (inline names use this to redraw). */
  readonly onDidResolve = this.resolved.event;

  constructor(
    private readonly cache: ContactCache,
    private readonly client: () => QuoClient | undefined,
    /** Why there is no client now (no key, or settings that forbid one): what a lookup then fails with. */
    private readonly unavailable: () => QuoError = noKeyError,
    private readonly userTtlMs: () => number = () => 10 * 60_000,
    private readonly clock: Clock = systemClock,
  ) {}

  addKnownContacts(source: KnownContacts): void {
    this.known.push(source);
  }

  /** What is known without a request, fresh or not. */
  peek(id: string): LookupResult | undefined {
    const entry = this.cache.get(id);
    if (entry?.kind === 'contact') {
      return { kind: 'found', contact: entry.contact };
    }
    const indexed = this.fromKnown(id);
    if (indexed) {
      return { kind: 'found', contact: indexed };
    }
    return entry ? { kind: 'not-found' } : undefined;
  }

  /** A cached answer still within its lifetime: shown without a request. */
  fresh(id: string): LookupResult | undefined {
    const entry = this.cache.get(id);
    if (!entry?.fresh) {
      return undefined;
    }
    return entry.kind === 'contact' ? { kind: 'found', contact: entry.contact } : { kind: 'not-found' };
  }

  get cachedCount(): number {
    return this.cache.size;
  }

  /**
   * A fresh answer: from the cache if fresh, else from Quo. Throws a QuoError for anything but found / not found
   * (a `config` error when there is no key).
   */
  async resolve(id: string, options: RequestOptions = {}): Promise<LookupResult> {
    const entry = this.cache.get(id);
    if (entry?.fresh) {
      return entry.kind === 'contact' ? { kind: 'found', contact: entry.contact } : { kind: 'not-found' };
    }
    if (!entry) {
      const indexed = this.fromKnown(id);
      if (indexed) {
        return { kind: 'found', contact: indexed };
      }
    }
    const contact = await this.ask((client, sent) => client.getContact(id, sent), options);
    if (contact === undefined) {
      this.cache.setNotFound(id);
      return { kind: 'not-found' };
    }
    this.cache.setContact(contact);
    this.resolved.fire(contact);
    return { kind: 'found', contact };
  }

  /**
   * One request to Quo, undefined for a 404, with its answer or failure reported. Requests sent before a clear (a
   * key change, a server change, Refresh) belong to what was cleared: they are aborted, and an answer that arrives
   * anyway is dropped instead of stored under what replaced it.
   */
  private async ask<T>(send: (client: QuoClient, options: RequestOptions) => Promise<T>, options: RequestOptions): Promise<T | undefined> {
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
      if (error instanceof QuoError && error.isNotFound) {
        this.answered();
        return undefined;
      }
      this.failed(error);
      throw error;
    } finally {
      link?.release();
    }
    if (epoch !== this.epoch) {
      throw droppedAnswer();
    }
    this.answered();
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
    const known = this.users.get(id);
    if (known && this.clock.now() - known.at < this.userTtlMs() && this.clock.now() >= known.at) {
      return known.user;
    }
    const user = await this.ask((client, sent) => client.getUser(id, sent), options);
    if (user !== undefined) {
      this.users.set(id, { user, at: this.clock.now() });
    }
    return user;
  }

  /** A user known within the cache period, without a request. */
  peekUser(id: string): User | undefined {
    const known = this.users.get(id);
    return known && this.clock.now() - known.at < this.userTtlMs() && this.clock.now() >= known.at ? known.user : undefined;
  }

  /** Runs a request that is not about one contact (a retry probe, a key check) through the same reporting. */
  async report<T>(request: Promise<T>): Promise<T> {
    try {
      const value = await request;
      this.answered();
      return value;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  /** Background asks that failed for a passing reason may ask again (after a successful retry). */
  askFailedAgain(): void {
    for (const id of this.failedInBackground) {
      this.askedInBackground.delete(id);
    }
    this.failedInBackground.clear();
  }

  private answered(): void {
    this.askFailedAgain();
    this.answers.fire();
  }

  private failed(error: unknown): void {
    if (error instanceof QuoError && error.kind !== 'cancelled') {
      this.failures.fire(error);
    }
  }

  /**
   * For surfaces that show many ids at once (inline names): answers from what is known, and asks Quo for an unknown
   * id at most once per session, in the background. The answer arrives through onDidResolve.
   */
  peekOrFetchInBackground(id: string): LookupResult | undefined {
    const known = this.peek(id);
    if (known || this.askedInBackground.has(id) || !this.client()) {
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
    this.resolve(id, { priority: 'background' })
      .catch((error: unknown) => {
        // Not asked again on every redraw while offline (that would be a request storm), but once Quo answers again.
        // A decode error would fail the same way again: that id stays asked.
        // Only while still remembered as asked: an id forgotten meanwhile (evicted, forgotten, cleared) is asked anew anyway.
        if (
          error instanceof QuoError &&
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
    return undefined;
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

  forget(id: string): void {
    this.cache.delete(id);
    this.askedInBackground.delete(id);
    this.failedInBackground.delete(id);
  }

  dispose(): void {
    this.failures.dispose();
    this.answers.dispose();
    this.settled.dispose();
    this.resolved.dispose();
  }

  private fromKnown(id: string): Contact | undefined {
    for (const source of this.known) {
      const contact = source.byId(id);
      if (contact) {
        return contact;
      }
    }
    return undefined;
  }
}
