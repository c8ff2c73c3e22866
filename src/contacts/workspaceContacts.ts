/**
 * One Quo workspace's contacts: the cache of contacts asked by id, the contact list (the index every contact is
 * listed into, because Quo cannot search), when that list is listed again, and its copy on disk. Every surface asks
 * the same store, so a contact shows the same everywhere, and the store lives as long as its workspace's session: a
 * switch to another workspace and back finds it as it was.
 */
import type { Logger } from '../quo/log.js';
import type { QuoClient, RequestOptions } from '../quo/client.js';
import type { Clock } from '../quo/clock.js';
import { isFresh, systemClock } from '../quo/clock.js';
import type { QuoError } from '../quo/errors.js';
import type { Contact, CustomFieldDefinition, User } from '../quo/types.js';
import { ContactCache } from './contactCache.js';
import { ContactIndex, type IndexChange, type IndexState } from './contactIndex.js';
import { userDisplayName } from './contactName.js';
import { ContactLookup, type LookupResult } from './contactLookup.js';
import { ContactWrites } from './contactWrites.js';
import type { Known } from './known.js';
import { waitForListing, type ListingWait } from './listingWait.js';
import { ListingSchedule, PagerSwitch, type SavedIndex } from './listingSchedule.js';
import type { Event } from '../common/emitter.js';

export interface WorkspaceContactsOptions {
  /** The workspace's client (which reports every outcome to the connection state), or none without a usable key. */
  readonly client: () => QuoClient | undefined;
  /** Why there is no client now: what an ask then fails with. */
  readonly unavailable: () => QuoError;
  readonly fingerprint: string | undefined;
  readonly cacheTtlMs: () => number;
  readonly refreshMs: () => number;
  readonly defaultCountry: string;
  /** The copy on disk (`quo.index.persist`), and the workspaces whose copies stay. */
  readonly saved?: {
    readonly enabled: () => boolean;
    readonly store: SavedIndex;
    readonly keptFingerprints: () => readonly string[];
  };
  /** `quo.readOnly`: writes are refused. */
  readonly readOnly: () => boolean;
  readonly log: Logger;
  readonly clock?: Clock;
}

export class WorkspaceContacts {
  private readonly cache: ContactCache;
  private readonly lookup: ContactLookup;
  private readonly list: ContactIndex;
  private readonly schedule: ListingSchedule;
  private started = false;
  private definitions: { readonly at: number; readonly value: readonly CustomFieldDefinition[] } | undefined;
  private readonly clock: Clock;

  /** Creating, changing and deleting contacts; each answer lands in this store. */
  readonly writes: ContactWrites;

  /** A contact arrived from Quo (inline names and "In this file" redraw on it). */
  readonly onDidResolve: Event<Contact>;
  /** A background ask ended (found, not found or failed): "In this file" settles its pending ids on it. */
  readonly onDidSettle: Event<string>;
  /** The contact list changed: a page arrived, a listing completed or failed. */
  readonly onDidChangeList: Event<IndexChange>;
  /** A retry of the listing was scheduled or no longer is. */
  readonly onDidChangeSchedule: Event<void>;

  constructor(private readonly options: WorkspaceContactsOptions) {
    const clock = (this.clock = options.clock ?? systemClock);
    const ttl = options.cacheTtlMs();
    this.cache = new ContactCache({ ttlMs: ttl, notFoundTtlMs: ttl / 2, clock });
    const pager = new PagerSwitch(options.client);
    this.list = new ContactIndex({ client: pager.current, defaultCountry: options.defaultCountry, clock });
    this.lookup = new ContactLookup(this.cache, this.list, options.client, options.unavailable, options.cacheTtlMs, clock);
    this.schedule = new ListingSchedule({
      index: this.list,
      pager,
      refreshMs: options.refreshMs,
      fingerprint: options.fingerprint,
      keptFingerprints: options.saved?.keptFingerprints ?? (() => []),
      ...(options.saved ? { persist: { enabled: options.saved.enabled, store: options.saved.store } } : {}),
      clock,
      log: options.log,
    });
    this.writes = new ContactWrites({
      client: options.client,
      unavailable: options.unavailable,
      readOnly: options.readOnly,
      apply: (write) => {
        if (write.kind === 'saved') {
          this.lookup.remember(write.contact);
        } else {
          this.lookup.deleted(write.id);
        }
        this.list.apply(write);
      },
    });
    this.onDidResolve = this.lookup.onDidResolve;
    this.onDidSettle = this.lookup.onDidSettle;
    this.onDidChangeList = this.list.onDidChange;
    this.onDidChangeSchedule = this.schedule.onDidChangeSchedule;
  }

  /** Shows the copy saved on disk, if any, once the workspace is in use. */
  start(): void {
    if (!this.started) {
      this.started = true;
      void this.schedule.start();
    }
  }

  // --- By id ----------------------------------------------------------------------------------------------------

  /** What is known of an id without a request, in one pass: the cache read once, the contact list once. */
  know(id: string): Known {
    return this.lookup.know(id);
  }

  /** What is known; else, from Quo. Throws a QuoError for anything but found / not found. */
  resolve(id: string, options: RequestOptions = {}): Promise<LookupResult> {
    return this.lookup.resolve(id, options);
  }

  /** Asks Quo now, whatever is known (after `know` showed what it had). */
  ask(id: string, options: RequestOptions = {}): Promise<LookupResult> {
    return this.lookup.ask(id, options);
  }

  knowOrAskInBackground(id: string): Known {
    return this.lookup.knowOrAskInBackground(id);
  }

  isPending(id: string): boolean {
    return this.lookup.isPending(id);
  }

  forget(id: string): void {
    this.lookup.forget(id);
  }

  /** A teammate's display name, cached like a contact; undefined when unknown or not worth an error. */
  async userName(id: string, options: RequestOptions = {}): Promise<string | undefined> {
    let user: User | undefined;
    try {
      user = await this.lookup.resolveUser(id, options);
    } catch {
      // A creator or teammate is a detail: the caller falls back to the user id.
      return undefined;
    }
    return user ? userDisplayName(user) || undefined : undefined;
  }

  /** A teammate's display name when known within the cache period, without a request. */
  peekUserName(id: string): string | undefined {
    const user = this.lookup.peekUser(id);
    return user ? userDisplayName(user) || undefined : undefined;
  }

  /** The workspace's custom fields (what the edit form offers), asked once per cache period. */
  async fieldDefinitions(options: RequestOptions = {}): Promise<readonly CustomFieldDefinition[]> {
    const known = this.definitions;
    if (known && isFresh(known.at, this.clock.now(), this.options.cacheTtlMs())) {
      return known.value;
    }
    const client = this.options.client();
    if (!client) {
      throw this.options.unavailable();
    }
    const value = await client.listCustomFields({ priority: 'interactive', ...options });
    this.definitions = { at: this.clock.now(), value };
    return value;
  }

  /** Quo answered again: background asks that failed for a passing reason may ask again. */
  connectionAnswered(): void {
    this.lookup.askFailedAgain();
  }

  /** Quo answers again after being offline or rate limiting: a failed listing need not wait for its retry. */
  connectionRecovered(): void {
    this.schedule.connectionRecovered();
  }

  get cachedCount(): number {
    return this.lookup.cachedCount;
  }

  // --- The contact list -----------------------------------------------------------------------------------------

  /** Every contact of the workspace as far as it is listed; read it, never sync or clear it from outside. */
  get index(): Pick<ContactIndex, 'state' | 'size' | 'all' | 'byId' | 'byPhone' | 'byEmail' | 'search' | 'createSearch'> {
    return this.list;
  }

  get listState(): IndexState {
    return this.list.state;
  }

  /** The contacts with this number or address (several can share a number), as far as the list knows. */
  byPhone(phone: string): Contact[] {
    return this.list.byPhone(phone);
  }

  byEmail(email: string): Contact[] {
    return this.list.byEmail(email);
  }

  /** The contacts reached at a number or address found in a file (already normalized). */
  reachedAt(point: { readonly kind: 'phone' | 'email'; readonly normalized: string }): Contact[] {
    return point.kind === 'phone' ? this.list.byPhone(point.normalized) : this.list.byEmail(point.normalized);
  }

  /** Someone needs the list (a search, a phone number hovered): starts the first listing, or one that came due. */
  startListing(): void {
    this.schedule.startIfNeeded();
  }

  /** Starts the listing if needed and waits, a few seconds at most (LISTING_WAIT_MS unless told), for a whole listing. */
  whenListed(signal?: AbortSignal, timeoutMs?: number): Promise<ListingWait> {
    this.startListing();
    return waitForListing(this.list, { ...(signal ? { signal } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }

  /** Whether the list is shown now (the sidebar is visible and this is the active workspace). */
  setShown(shown: boolean): void {
    this.schedule.setShown(shown);
    if (shown) {
      this.schedule.startIfNeeded();
    }
  }

  /** The user asked: lists every contact again now. */
  relist(): Promise<IndexState> {
    return this.schedule.refresh();
  }

  get retryScheduled(): boolean {
    return this.schedule.retryScheduled;
  }

  // --- Lifetime -------------------------------------------------------------------------------------------------

  /** "Quo: Refresh": every cached answer is dropped, so what is on screen is asked again; the list is kept. */
  clearCache(): void {
    this.definitions = undefined;
    this.lookup.clear();
  }

  settingsChanged(settings: { readonly cacheTtlMs: number; readonly defaultCountry: string }): void {
    this.cache.setTtl(settings.cacheTtlMs, settings.cacheTtlMs / 2);
    this.list.setDefaultCountry(settings.defaultCountry);
    this.schedule.settingsChanged();
  }

  dispose(): void {
    this.writes.dispose();
    this.schedule.dispose();
    this.lookup.clear();
    this.lookup.dispose();
    this.list.dispose();
  }
}
