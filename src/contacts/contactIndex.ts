/**
 * Every contact of the workspace in memory, because Quo cannot search: the sidebar lists it, the quick pick searches
 * it, and phone numbers and emails in files resolve through it. Filled by paging through the whole listing at
 * background priority, so hovers and opened contacts never wait behind it.
 *
 * A refresh of a complete index compares each contact listed with the one shown and keeps aside only what changed,
 * applied when the listing is complete (listing.ts): a refresh never shows a half-empty list, a sync cut off midway
 * (network drop, key change) leaves what was shown as it was, and the index is never held twice. An index with
 * nothing complete to show yet is filled in place instead, so the tree grows page by page.
 */
import * as l10n from '@vscode/l10n';
import type { ListContactsOptions, QuoClient } from '../quo/client.js';
import type { Clock } from '../quo/clock.js';
import { systemClock } from '../quo/clock.js';
import { isQuoError, QuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import { Emitter } from '../common/emitter.js';
import type { ContactList } from './contactList.js';
import { ContactSet } from './contactSet.js';
import { Listing } from './listing.js';
import { DEFAULT_COUNTRY, normalizeEmail, normalizePhone } from './phone.js';
import type { ContactSearch, SearchOptions, SearchResult } from './search/contactSearch.js';
import type * as SearchChunk from './search/searchChunk.js';

let searchChunk: typeof SearchChunk | undefined;

/**
 * The ranked search (the plan of a query, the scan of the corpus, the ranking) is dist/search.js (esbuild.mjs),
 * required on the first search: most windows hover and never search. The corpus it reads is kept here, as contacts
 * change, so that the first search does not build it.
 */
function newSearch(): ContactSearch {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  searchChunk ??= require('./search/searchChunk.js') as typeof SearchChunk;
  return new searchChunk.ContactSearch();
}

/** The part of QuoClient the index uses; tests may pass anything that pages the same way. */
export type ContactPager = Pick<QuoClient, 'listAllContacts'>;

export interface ContactIndexOptions {
  /** The client of the current key, or undefined when no key is set. Asked at the start of every sync. */
  readonly client: () => ContactPager | undefined;
  /** Contacts per page, 1..50 (default 50, the most Quo allows: the fewest requests). */
  readonly pageSize?: number;
  /** Country whose national format phone numbers are read in (default US). */
  readonly defaultCountry?: string;
  readonly clock?: Clock;
}

export type IndexStatus = 'empty' | 'loading' | 'complete' | 'error';

export interface IndexState {
  readonly status: IndexStatus;
  /** Contacts received by the running sync so far, or by the last sync. */
  readonly loadedCount: number;
  /**
   * Whether the contacts shown are a whole listing. True while a refresh runs over a complete index and after one
   * failed; false during the first load and after it failed midway (what is shown is then partial).
   */
  readonly complete: boolean;
  /** When the contacts shown were listed completely (clock time), if they were. */
  readonly completedAt?: number;
  /** Why the last sync stopped, when status is 'error'. */
  readonly error?: QuoError;
}

export interface IndexChange {
  readonly state: IndexState;
  /** Whether the contacts shown changed (a page arrived in a growing index, a refresh was swapped in, a clear). */
  readonly contactsChanged: boolean;
}

export interface IndexSearchResult extends SearchResult {
  /** False while the index is still loading or failed midway: the search covered only what was loaded. */
  readonly complete: boolean;
}

/** A write this window made: the contact as Quo answered it, or the id of one deleted. */
export type IndexWrite = { readonly kind: 'saved'; readonly contact: Contact } | { readonly kind: 'deleted'; readonly id: string };

export interface IndexSearch {
  search(query: string, options?: SearchOptions): IndexSearchResult;
}

const EMPTY_STATE: IndexState = { status: 'empty', loadedCount: 0, complete: false };

/** The client reports everything as a QuoError; anything else is a fault of our own while indexing. */
function unexpected(error: unknown, signal: AbortSignal): QuoError {
  if (signal.aborted) {
    return new QuoError({ kind: 'cancelled', message: 'The sync was cancelled.', cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new QuoError({ kind: 'decode', message: l10n.t('Could not index the contacts: {0}', detail), cause: error });
}

interface RunningSync {
  readonly promise: Promise<IndexState>;
  readonly controller: AbortController;
}

export class ContactIndex {
  /**
   * Made on first use: building an Intl.Collator loads locale data, tens of milliseconds that extension activation
   * (which creates the index) should not pay.
   */
  private get collator(): Intl.Collator {
    return (this.collatorMade ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }));
  }

  private readonly changes = new Emitter<IndexChange>();
  private readonly clientOf: () => ContactPager | undefined;
  private readonly pageSize: number;
  private readonly clock: Clock;
  private collatorMade: Intl.Collator | undefined;
  /** Made on the first search: see newSearch(). */
  private searcherMade: ContactSearch | undefined;
  private defaultCountry: string;
  private shown: ContactSet;
  private current: IndexState = EMPTY_STATE;
  private running: RunningSync | undefined;
  /** Writes made while a listing runs, replayed on its result. */
  private written: IndexWrite[] = [];
  /** Bumped by clear(): a sync of an older generation must not touch the index any more. */
  private generation = 0;

  /** Fired when a page arrives, when a sync completes or fails, and on clear(). */
  readonly onDidChange = this.changes.event;

  constructor(options: ContactIndexOptions) {
    this.clientOf = options.client;
    this.pageSize = options.pageSize ?? 50;
    this.clock = options.clock ?? systemClock;
    this.defaultCountry = options.defaultCountry ?? DEFAULT_COUNTRY;
    this.shown = this.newSet();
  }

  get state(): IndexState {
    return this.current;
  }

  /** Contacts shown (the last complete listing, or the part of a first listing loaded so far). */
  get size(): number {
    return this.shown.size;
  }

  byId(id: string): Contact | undefined {
    return this.shown.byId(id);
  }

  /** Every contact with this number; `phone` may be written any way normalizePhone reads. */
  byPhone(phone: string): Contact[] {
    const key = normalizePhone(phone, this.defaultCountry);
    return key === undefined ? [] : this.shown.byPhone(key);
  }

  byEmail(email: string): Contact[] {
    return this.shown.byEmail(normalizeEmail(email));
  }

  /** Sorted by display name. The same list until the contacts change. */
  all(): ContactList {
    return this.shown.all();
  }

  /** Ranked search over the contacts shown. Remembers the last query, so typing onward narrows cheaply. */
  search(query: string, options?: SearchOptions): IndexSearchResult {
    return this.searchWith((this.searcherMade ??= newSearch()), query, options);
  }

  /**
   * A search of its own, e.g. for one quick pick: it remembers only its own last query, so two pickers typing at
   * once do not undo each other's narrowing.
   */
  createSearch(): IndexSearch {
    const session = newSearch();
    return { search: (query, options) => this.searchWith(session, query, options) };
  }

  private searchWith(session: ContactSearch, query: string, options: SearchOptions | undefined): IndexSearchResult {
    return { ...session.search(this.shown, query, options), complete: this.current.complete };
  }

  setDefaultCountry(country: string): void {
    this.defaultCountry = country;
    this.shown.setDefaultCountry(country);
  }

  /**
   * Lists every contact again and swaps the result in when complete. While a sync runs, further calls return the
   * running one (and their signals are ignored). Never rejects: how it ended is in the returned state.
   */
  sync(signal?: AbortSignal): Promise<IndexState> {
    if (this.running) {
      return this.running.promise;
    }
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    if (signal?.aborted) {
      onAbort();
    } else {
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    // Registered before the sync starts: it announces itself to listeners at once, and one of them may call sync().
    let settle: (state: IndexState) => void = () => undefined;
    const promise = new Promise<IndexState>((resolve) => {
      settle = resolve;
    });
    this.running = { promise, controller };
    void this.run(controller.signal).then((state) => {
      signal?.removeEventListener('abort', onAbort);
      if (this.running?.controller === controller) {
        this.running = undefined;
      }
      settle(state);
    });
    return promise;
  }

  /** Drops every contact and stops a running sync, e.g. when the key changes. */
  clear(): void {
    this.generation++;
    this.running?.controller.abort(new QuoError({ kind: 'cancelled', message: 'The contact index was cleared.' }));
    this.running = undefined;
    this.shown = this.newSet();
    this.searcherMade?.reset();
    this.setState(EMPTY_STATE, true);
  }

  dispose(): void {
    this.clear();
    this.changes.dispose();
  }

  private async run(signal: AbortSignal): Promise<IndexState> {
    const generation = this.generation;
    const previous = this.current;
    const previousComplete = previous.complete;
    const shown = this.shown;
    const listing = new Listing(shown, previousComplete);
    this.written = [];
    const stale = (): boolean => generation !== this.generation;
    try {
      this.setState(
        {
          status: 'loading',
          loadedCount: 0,
          complete: previousComplete,
          ...(previous.completedAt === undefined ? {} : { completedAt: previous.completedAt }),
        },
        false,
      );
      if (stale()) {
        return this.current;
      }
      const client = this.clientOf();
      if (!client) {
        throw new QuoError({ kind: 'config', message: l10n.t('No Quo API key is set.') });
      }
      const options: ListContactsOptions = { maxResults: this.pageSize, priority: 'background', signal };
      for await (const page of client.listAllContacts(options)) {
        if (stale()) {
          return this.current;
        }
        const written = this.writtenIds();
        let contactsChanged = false;
        for (const contact of page.contacts) {
          // A write this window made while the listing ran is newer than what the listing says.
          if (!written.has(contact.id)) {
            contactsChanged = listing.take(contact) || contactsChanged;
          }
        }
        shown.corpus.flush();
        this.setState({ ...this.current, loadedCount: listing.count }, contactsChanged);
      }
      if (stale()) {
        return this.current;
      }
      const changed = listing.complete(this.writtenIds());
      shown.corpus.flush();
      shown.seal();
      this.written = [];
      if (changed) {
        this.searcherMade?.reset();
      }
      this.setState(
        { status: 'complete', loadedCount: shown.size, complete: true, completedAt: this.clock.now() },
        changed || !previousComplete,
      );
    } catch (error) {
      if (stale()) {
        return this.current;
      }
      this.written = [];
      const quoError = isQuoError(error) ? error : unexpected(error, signal);
      if (quoError.kind === 'cancelled' && previousComplete) {
        // Cancelling a refresh is no failure: the complete listing shown is still what it was.
        this.setState({ ...previous, loadedCount: this.shown.size }, false);
      } else {
        this.setState({ ...this.current, status: 'error', error: quoError }, false);
      }
    }
    return this.current;
  }

  private writtenIds(): Set<string> {
    return new Set(this.written.map((write) => (write.kind === 'deleted' ? write.id : write.contact.id)));
  }

  /**
   * A contact this window created, changed or deleted: shown at once everywhere the list is read, with no listing.
   * A listing under way leaves it as written when it completes.
   */
  apply(write: IndexWrite): void {
    if (this.running) {
      this.written.push(write);
    }
    if (write.kind === 'deleted') {
      if (!this.shown.has(write.id)) {
        return;
      }
      this.shown.remove(write.id);
    } else {
      this.shown.put(write.contact);
    }
    this.shown.corpus.flush();
    this.searcherMade?.reset();
    this.setState({ ...this.current, loadedCount: this.shown.size }, true);
  }

  private newSet(): ContactSet {
    return new ContactSet(this.defaultCountry, () => this.collator);
  }

  private setState(state: IndexState, contactsChanged: boolean): void {
    this.current = state;
    this.changes.fire({ state, contactsChanged });
  }
}
