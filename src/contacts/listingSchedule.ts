/**
 * Decides when one workspace's contact index pages through Quo. Nothing is listed until someone looks (the sidebar is
 * shown, a search is opened, a phone number is hovered): a window that never needs the list sends no listing requests.
 * After that the index refreshes on a schedule (`quo.index.refreshMinutes`), but only while its contacts are shown; a
 * refresh that comes due meanwhile waits until they are shown again. Every failed sync backs off (30 s doubling to
 * 10 min), is tried again at once when Quo answers again after being offline or rate limiting, and a refused key or a
 * cancelled sync is never retried on its own.
 *
 * Each workspace session has its own schedule: a switch to another workspace and back shows the listing made of it,
 * and lists again only when its refresh came due.
 *
 * With `quo.index.persist` on, the copy saved on disk is shown at start (one local read, no request) and replaced by
 * a fresh listing as soon as someone looks.
 *
 * Plain (no vscode), with an injected clock, so the schedule is tested without waiting.
 */
import type { ContactIndex, ContactPager, IndexState } from './contactIndex.js';
import { Emitter } from '../common/emitter.js';
import type { Clock } from '../quo/clock.js';
import type { Logger } from '../quo/log.js';
import type { Contact } from '../quo/types.js';

export interface SavedIndex {
  load(fingerprint: string): Promise<readonly Contact[] | undefined>;
  /**
   * `stillWanted` is asked again once the file is written: saves take a while, and if persistence was turned off or
   * the key changed meanwhile, the file must not stay.
   */
  save(fingerprint: string, contacts: Iterable<Contact>, stillWanted?: () => boolean): Promise<void>;
  /** Deletes every saved copy, or every one but this key's. */
  deleteAll(except?: readonly string[]): Promise<void>;
}

export interface ListingScheduleOptions {
  readonly index: Pick<ContactIndex, 'sync' | 'state' | 'all'>;
  /** Lets the schedule page from the saved copy once: the index's `client` must ask `pager.current()`. */
  readonly pager: PagerSwitch;
  readonly refreshMs: () => number;
  /** The workspace's key fingerprint; undefined for the window without a key, which keeps no copy. */
  readonly fingerprint: string | undefined;
  /** Every workspace's key fingerprint: their saved copies stay on disk. */
  readonly keptFingerprints: () => readonly string[];
  readonly persist?: { readonly enabled: () => boolean; readonly store: SavedIndex };
  readonly clock: Clock;
  readonly log: Logger;
}

/** First retry after a passing failure; doubled each time, up to MAX_RETRY_MS. */
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 10 * 60_000;

/** The pager the index uses: Quo's client, or, once at start-up, the copy saved on disk. */
export class PagerSwitch {
  private override: ContactPager | undefined;

  constructor(private readonly client: () => ContactPager | undefined) {}

  readonly current = (): ContactPager | undefined => this.override ?? this.client();

  hasClient(): boolean {
    return this.client() !== undefined;
  }

  useOnce(contacts: readonly Contact[]): void {
    this.override = {
      // One page holding everything: the index takes it like a listing and swaps it in complete.
      listAllContacts: async function* () {
        yield { contacts, totalItems: contacts.length, nextPageToken: null };
      },
    };
  }

  useClient(): void {
    this.override = undefined;
  }
}

export class ListingSchedule {
  private used = false;
  private shown = false;
  /** A refresh or retry came due while the contacts were not shown. */
  private due = false;
  private timer: unknown;
  private timerKind: 'refresh' | 'retry' | undefined;
  private failures = 0;
  private running: Promise<IndexState> | undefined;
  private restoring = false;
  private disposed = false;
  private readonly scheduleChanged = new Emitter<void>();

  /** Fired when a retry is scheduled or no longer is. */
  readonly onDidChangeSchedule = this.scheduleChanged.event;

  constructor(private readonly options: ListingScheduleOptions) {}

  get retryScheduled(): boolean {
    return this.timerKind === 'retry';
  }

  /** Shows the saved copy if there is one and persistence is on; deletes saved copies if it is off. */
  start(): Promise<void> {
    return this.restoreOrForget();
  }

  /** Someone looks at the contacts: starts the first sync, or one that came due, or retries a failed one. */
  startIfNeeded(): void {
    this.used = true;
    this.syncIfNeeded();
  }

  /**
   * Whether the contacts are shown now (the sidebar is visible and this is the active workspace): a refresh that comes
   * due while they are not waits for `startIfNeeded`.
   */
  setShown(shown: boolean): void {
    this.shown = shown;
  }

  /** The user asked: lists everything again now, whatever the schedule. */
  async refresh(): Promise<IndexState> {
    this.used = true;
    this.failures = 0;
    if (!this.options.pager.hasClient()) {
      return this.options.index.state;
    }
    return this.startSync();
  }

  /** Quo answers again after being offline or rate limiting: a failed sync need not wait for its retry. */
  connectionRecovered(): void {
    if (this.options.index.state.status === 'error' && this.used && this.shown) {
      void this.startSync();
    }
  }

  /** The schedule or persistence settings changed. */
  settingsChanged(): void {
    if (this.timerKind === 'refresh') {
      this.scheduleRefresh();
    } else if (this.timerKind === undefined && this.options.index.state.status === 'complete' && this.used) {
      this.scheduleRefresh();
    }
    const persist = this.options.persist;
    if (persist && !persist.enabled()) {
      void persist.store.deleteAll();
    } else if (persist && this.options.index.state.status === 'complete' && !this.restoring) {
      void this.save();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.scheduleChanged.dispose();
  }

  private syncIfNeeded(): void {
    if (this.disposed || !this.options.pager.hasClient()) {
      return;
    }
    const state = this.options.index.state;
    if (state.status === 'loading') {
      return;
    }
    const failed = state.status === 'error' && state.error?.kind !== 'cancelled' && state.error?.isUnauthorized !== true;
    if (state.status === 'empty' || this.due || (failed && this.timerKind !== 'retry')) {
      void this.startSync();
    }
  }

  /** Never rejects: a sync resolves with its state, failures included, so callers that do not wait may drop it. */
  private startSync(): Promise<IndexState> {
    this.due = false;
    this.cancelTimer();
    const promise = this.options.index.sync();
    if (promise !== this.running) {
      this.running = promise;
      void promise.then((state) => {
        if (this.running === promise) {
          this.running = undefined;
        }
        if (!this.disposed) {
          this.afterSync(state);
        }
      });
    }
    return promise;
  }

  private afterSync(state: IndexState): void {
    if (this.restoring) {
      this.restoring = false;
      this.options.pager.useClient();
      // The saved copy is shown; a fresh listing replaces it as soon as someone looks.
      this.due = true;
      if (this.used && this.shown) {
        void this.startSync();
      }
      return;
    }
    if (state.status === 'complete') {
      this.failures = 0;
      this.scheduleRefresh();
      void this.save();
    } else if (state.status === 'error' && state.error?.kind !== 'cancelled' && state.error?.isUnauthorized !== true) {
      // Any failure backs off, not only a passing one: a sync that fails the same way each time (a page the decoder
      // refuses) would otherwise list every contact again on each view, search and phone hover.
      this.failures++;
      this.schedule('retry', Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1)));
    }
  }

  private scheduleRefresh(): void {
    const ms = this.options.refreshMs();
    if (ms > 0) {
      this.schedule('refresh', ms);
    } else {
      this.cancelTimer();
    }
  }

  private schedule(kind: 'refresh' | 'retry', ms: number): void {
    this.cancelTimer();
    this.timerKind = kind;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerKind = undefined;
      this.scheduleChanged.fire();
      if (this.shown && this.options.pager.hasClient()) {
        void this.startSync();
      } else {
        this.due = true;
      }
    }, ms);
    if (kind === 'retry') {
      this.scheduleChanged.fire();
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.options.clock.clearTimeout(this.timer);
      this.timer = undefined;
      const wasRetry = this.timerKind === 'retry';
      this.timerKind = undefined;
      if (wasRetry) {
        this.scheduleChanged.fire();
      }
    }
  }

  private async restoreOrForget(): Promise<void> {
    const persist = this.options.persist;
    if (!persist) {
      return;
    }
    const fingerprint = this.options.fingerprint;
    if (!persist.enabled() || fingerprint === undefined) {
      await persist.store.deleteAll();
      return;
    }
    // Copies of keys no workspace holds any more go: a removed key's customer data has no business staying on disk.
    // Another workspace's copy stays, so switching back shows its contacts at once.
    await persist.store.deleteAll([...new Set([fingerprint, ...this.options.keptFingerprints()])]);
    const contacts = await persist.store.load(fingerprint);
    if (contacts === undefined || this.disposed || this.options.index.state.status !== 'empty') {
      return;
    }
    this.options.log.info(`Showing ${contacts.length} contacts from the contact index saved on disk.`);
    this.restoring = true;
    this.options.pager.useOnce(contacts);
    void this.startSync();
  }

  private async save(): Promise<void> {
    const persist = this.options.persist;
    const fingerprint = this.options.fingerprint;
    if (persist?.enabled() && fingerprint !== undefined) {
      await persist.store.save(
        fingerprint,
        this.options.index.all(),
        () => persist.enabled() && this.options.keptFingerprints().includes(fingerprint),
      );
    }
  }
}
