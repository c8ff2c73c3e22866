/**
 * The window's door to Quo: one `WorkspaceSession` per Quo workspace this window has used, and which of them is
 * active. A switch makes another session active and clears nothing: the other workspace's contacts, availability and
 * limiter are still there, so its contacts show at once and nothing still fresh is asked again. A session goes only
 * when its workspace is removed, its key replaced, or the server changes.
 */
import { Emitter, type Subscription } from '../common/emitter.js';
import type { ApiKey, KeyProvider } from '../auth/apiKey.js';
import { sameAvailability, type Availability } from '../connection/availability.js';
import type { IndexChange, IndexWrite } from '../contacts/contactIndex.js';
import type { KeyBudgets } from '../quo/crossWindowBudget.js';
import type { RedactingLog } from '../quo/log.js';
import type { Contact } from '../quo/types.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { WorkspaceSession, type KeyInfo, type SavedIndexes } from './workspaceSession.js';

interface Held {
  readonly session: WorkspaceSession;
  readonly key: ApiKey;
}

/** A write of this window, and the workspace it was made in. */
export interface WorkspaceWrite {
  readonly session: WorkspaceSession;
  readonly write: IndexWrite;
}

export class WorkspaceSessions {
  /** By key fingerprint. */
  private readonly held = new Map<string, Held>();
  /** The session while no workspace is active: it says "starting", then "no key". Made when first needed. */
  private keylessMade: WorkspaceSession | undefined;
  /** The active session; undefined until the stored key has been read or a surface asks for it. */
  private currentMade: WorkspaceSession | undefined;
  /** Read when the first session is made: until then, nothing has asked for the settings. */
  private readonly settingsNow: () => Settings;
  /** The settings the sessions were made with (undefined while there is none). */
  private settings: Settings | undefined;
  private currentSubscriptions: Subscription[] = [];
  private reloading: Promise<void> = Promise.resolve();
  /** After a failed reload (a locked keychain), the next try: 5 s, doubling to 5 min, until one succeeds. */
  private retry: { timer?: ReturnType<typeof setTimeout>; delayMs: number } = { delayMs: 0 };
  private disposed = false;
  private readonly availabilityChanged = new Emitter<Availability>();
  private readonly accountChanged = new Emitter<KeyInfo | undefined>();
  private readonly resolved = new Emitter<Contact>();
  private readonly settled = new Emitter<string>();
  private readonly listChanged = new Emitter<IndexChange>();
  private readonly scheduleChanged = new Emitter<void>();
  private readonly wrote = new Emitter<WorkspaceWrite>();
  private readonly subscription: Subscription;
  /** Whether a view shows the active workspace's contact list (the sidebar is visible). */
  private listShown = false;
  /** Settles once the stored key has been read at start-up; surfaces wait for it before saying "no key". */
  readonly ready: Promise<void>;

  /** The active workspace's availability changed, or another workspace became active. */
  readonly onDidChangeAvailability = this.availabilityChanged.event;
  /** Another workspace is active (a switch, a replaced key, a removal, another server): redraw what it shows. */
  readonly onDidChangeAccount = this.accountChanged.event;
  /** A contact of the active workspace arrived from Quo (inline names and "In this file" redraw on it). */
  readonly onDidResolve = this.resolved.event;
  /** A background ask of the active workspace ended: "In this file" settles its pending ids on it. */
  readonly onDidSettle = this.settled.event;
  /** The active workspace's contact list changed (a page, a listing done or failed), or another one is active. */
  readonly onDidChangeList = this.listChanged.event;
  /** A contact of any workspace was created, changed or deleted in this window (its panels redraw or close). */
  readonly onDidWrite = this.wrote.event;
  /** A retry of the active workspace's listing was scheduled or no longer is. */
  readonly onDidChangeListSchedule = this.scheduleChanged.event;

  constructor(
    private readonly keys: KeyProvider,
    /**
     * The settings, or how to read them: VS Code's first getConfiguration costs 8 to 11 ms to whichever extension
     * reads settings first, so they are read when the first session is made (once the stored key is read), not before.
     */
    settings: Settings | (() => Settings),
    private readonly log: RedactingLog,
    /** One rate budget per key across windows; without it each session's limiter takes the whole limit. */
    private readonly budgets?: KeyBudgets,
    /** The contact lists' copies on disk (`quo.index.persist`); without it nothing is saved. */
    private readonly saved?: SavedIndexes,
  ) {
    this.settingsNow = typeof settings === 'function' ? settings : () => settings;
    this.subscription = keys.onDidChange(() => void this.reload());
    this.ready = this.reload();
  }

  /** Settles once the session has followed the last change of workspace (for tests and commands that wait on it). */
  whenSwitched(): Promise<void> {
    return this.reloading;
  }

  /** The active workspace's session; the keyless one when there is none. */
  get active(): WorkspaceSession {
    return this.current;
  }

  private get keyless(): WorkspaceSession {
    return (this.keylessMade ??= this.create(undefined));
  }

  /** Asked for before the stored key was read, the active session is the keyless one (it says "starting"). */
  private get current(): WorkspaceSession {
    if (!this.currentMade) {
      this.currentMade = this.keyless;
      this.follow(this.currentMade);
      this.currentMade.contacts.setShown(this.listShown);
    }
    return this.currentMade;
  }

  /**
   * A workspace's session, active or not (a panel keeps the workspace it was opened in); undefined once the workspace
   * was removed.
   */
  async sessionOfWorkspace(workspaceId: string): Promise<WorkspaceSession | undefined> {
    await this.reloading;
    if (this.current.key?.workspaceId === workspaceId) {
      return this.current;
    }
    const key = await this.keys.keyOfWorkspace(workspaceId);
    return key ? this.hold(key) : undefined;
  }

  /**
   * Whether a view shows the contact list now (the sidebar is visible): the active workspace's list is then listed
   * when due, and the others wait until they are active and shown.
   */
  setListShown(shown: boolean): void {
    this.listShown = shown;
    this.currentMade?.contacts.setShown(shown);
  }

  /** See `WorkspaceSession.checkKey`; the one request goes through the active session's limiter. */
  checkKey(apiKey: string, signal?: AbortSignal): Promise<{ readonly firstLineName: string | undefined }> {
    return this.current.checkKey(apiKey, signal);
  }

  updateSettings(settings: Settings): void {
    const serverChanged = this.settings !== undefined && settings.apiBaseUrl !== this.settings.apiBaseUrl;
    this.settings = settings;
    this.keylessMade?.updateSettings(settings);
    if (serverChanged) {
      // Another server is another set of workspaces: nothing known of the old one applies.
      void this.reload({ dropAll: true });
      return;
    }
    for (const { session } of this.held.values()) {
      session.updateSettings(settings);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retry.timer);
    this.subscription.dispose();
    this.unfollow();
    for (const { session } of this.held.values()) {
      session.dispose();
    }
    this.held.clear();
    this.keylessMade?.dispose();
    this.availabilityChanged.dispose();
    this.accountChanged.dispose();
    this.resolved.dispose();
    this.settled.dispose();
    this.listChanged.dispose();
    this.scheduleChanged.dispose();
    this.wrote.dispose();
  }

  /** One at a time, so two quick changes never build two sessions for one key. */
  private reload(options: { readonly dropAll?: boolean } = {}): Promise<void> {
    this.reloading = this.reloading.then(() => this.reloadNow(options)).then(
      () => {
        clearTimeout(this.retry.timer);
        this.retry = { delayMs: 0 };
      },
      (error: unknown) => {
        this.log.error(`Could not read the API key: ${this.log.redact(error instanceof Error ? error.message : String(error))}`);
        // Nothing announces a keychain unlocked later: without another try the window would stay without its key.
        if (!this.disposed && this.retry.timer === undefined) {
          const delayMs = Math.min(Math.max(this.retry.delayMs * 2, 5_000), 300_000);
          const timer = setTimeout(() => {
            this.retry.timer = undefined;
            void this.reload(options);
          }, delayMs);
          this.retry = { delayMs, timer };
        }
      },
    );
    return this.reloading;
  }

  private async reloadNow(options: { readonly dropAll?: boolean }): Promise<void> {
    const key = await this.keys.get();
    for (const [fingerprint, held] of this.held) {
      // A key removed or replaced here or in another window (its secret is gone) is never used again: disposing the
      // session drops what its limiter still holds and aborts what is under way.
      const still = options.dropAll === true ? undefined : await this.keys.keyOfWorkspace(held.key.workspaceId);
      if (still?.fingerprint !== fingerprint) {
        held.session.dispose();
        this.held.delete(fingerprint);
      }
    }
    const next = key ? this.hold(key) : this.keyless;
    if (!this.currentMade && next === this.keyless) {
      // A start without a key: the keyless session was the active one all along, and says "no key" itself.
      this.currentMade = next;
      this.follow(next);
    }
    next.open();
    if (next === this.currentMade && options.dropAll !== true) {
      return;
    }
    const before: Availability = this.currentMade?.availability ?? { kind: 'starting' };
    this.unfollow();
    this.currentMade?.contacts.setShown(false);
    this.currentMade = next;
    this.follow(next);
    next.contacts.setShown(this.listShown);
    this.log.info(key ? `Using the API key from ${key.source === 'environment' ? 'QUO_API_KEY' : 'SecretStorage'}.` : 'No API key set.');
    if (!sameAvailability(before, next.availability)) {
      this.availabilityChanged.fire(next.availability);
    }
    this.accountChanged.fire(next.key);
    this.listChanged.fire({ state: next.contacts.listState, contactsChanged: true });
  }

  private hold(key: ApiKey): WorkspaceSession {
    const held = this.held.get(key.fingerprint) ?? { session: this.create(key), key };
    this.held.set(key.fingerprint, held);
    held.session.open();
    this.log.setSecrets([...this.held.values()].map((entry) => entry.key.value));
    return held.session;
  }

  private create(key: ApiKey | undefined): WorkspaceSession {
    this.settings ??= this.settingsNow();
    const session = new WorkspaceSession(key, this.settings, this.log, this.budgets, this.saved);
    // Lives as long as the session: its emitter goes with it.
    session.contacts.writes.onDidWrite((write) => this.wrote.fire({ session, write }));
    return session;
  }

  private follow(session: WorkspaceSession): void {
    this.currentSubscriptions = [
      session.onDidChangeAvailability((state) => this.availabilityChanged.fire(state)),
      session.contacts.onDidResolve((contact) => this.resolved.fire(contact)),
      session.contacts.onDidSettle((id) => this.settled.fire(id)),
      session.contacts.onDidChangeList((change) => this.listChanged.fire(change)),
      session.contacts.onDidChangeSchedule(() => this.scheduleChanged.fire()),
    ];
  }

  private unfollow(): void {
    for (const subscription of this.currentSubscriptions.splice(0)) {
      subscription.dispose();
    }
  }
}
