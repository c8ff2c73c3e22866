/**
 * The window's door to Quo: one `WorkspaceSession` per Quo workspace this window has used, and which of them is
 * active. A switch makes another session active and clears nothing: the other workspace's cache, availability and
 * limiter are still there, so its contacts show at once and nothing still fresh is asked again. A session goes only
 * when its workspace is removed, its key replaced, or the server changes.
 */
import * as vscode from 'vscode';
import type { ApiKey, KeyProvider } from '../auth/apiKey.js';
import type { KnownContacts } from '../contacts/contactLookup.js';
import type { RedactingLogger } from '../logging.js';
import type { Contact } from '../quo/types.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { sameAvailability, type Availability } from '../connection/availability.js';
import type { KeyBudgets } from '../quo/crossWindowBudget.js';
import { WorkspaceSession, type KeyInfo } from './workspaceSession.js';

export type { ActivityOptions, ActivityRecord, Fetched, KeyInfo } from './workspaceSession.js';
export { WorkspaceSession } from './workspaceSession.js';

interface Held {
  readonly session: WorkspaceSession;
  readonly key: ApiKey;
}

export class QuoSession implements vscode.Disposable {
  /** By key fingerprint. */
  private readonly held = new Map<string, Held>();
  /** The session while no workspace is active: it says "starting", then "no key". */
  private readonly keyless: WorkspaceSession;
  private current: WorkspaceSession;
  private currentSubscriptions: vscode.Disposable[] = [];
  private reloading: Promise<void> = Promise.resolve();
  /** After a failed reload (a locked keychain), the next try: 5 s, doubling to 5 min, until one succeeds. */
  private retry: { timer?: ReturnType<typeof setTimeout>; delayMs: number } = { delayMs: 0 };
  private disposed = false;
  private readonly availabilityChanged = new vscode.EventEmitter<Availability>();
  private readonly accountChanged = new vscode.EventEmitter<KeyInfo | undefined>();
  private readonly resolved = new vscode.EventEmitter<Contact>();
  private readonly settled = new vscode.EventEmitter<string>();
  private readonly subscription: vscode.Disposable;
  private readonly knownOfActive: KnownContacts[] = [];
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

  constructor(
    private readonly keys: KeyProvider,
    private settings: Settings,
    private readonly log: RedactingLogger,
    /** One rate budget per key across windows; without it each session's limiter takes the whole limit. */
    private readonly budgets?: KeyBudgets,
  ) {
    this.keyless = this.create(undefined);
    this.current = this.keyless;
    this.follow(this.keyless);
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
   * Contacts known without a request: the sidebar's index, which holds the active workspace's contacts, so only the
   * active session looks there.
   */
  addKnownContactsOfActive(source: KnownContacts): void {
    this.knownOfActive.push(source);
  }

  /** See `WorkspaceSession.checkKey`; the one request goes through the active session's limiter. */
  checkKey(apiKey: string, signal?: AbortSignal): Promise<{ readonly firstLineName: string | undefined }> {
    return this.current.checkKey(apiKey, signal);
  }

  updateSettings(settings: Settings): void {
    const serverChanged = settings.apiBaseUrl !== this.settings.apiBaseUrl;
    this.settings = settings;
    this.keyless.updateSettings(settings);
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
    this.keyless.dispose();
    this.availabilityChanged.dispose();
    this.accountChanged.dispose();
    this.resolved.dispose();
    this.settled.dispose();
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
    let next = this.keyless;
    if (key) {
      next = this.hold(key);
    }
    next.open();
    if (next === this.current && options.dropAll !== true) {
      return;
    }
    const before = this.current.availability;
    this.unfollow();
    this.current = next;
    this.follow(next);
    this.log.info(key ? `Using the API key from ${key.source === 'environment' ? 'QUO_API_KEY' : 'SecretStorage'}.` : 'No API key set.');
    if (!sameAvailability(before, next.availability)) {
      this.availabilityChanged.fire(next.availability);
    }
    this.accountChanged.fire(next.key);
  }

  private hold(key: ApiKey): WorkspaceSession {
    const held = this.held.get(key.fingerprint) ?? { session: this.create(key), key };
    this.held.set(key.fingerprint, held);
    held.session.open();
    this.log.setSecrets([...this.held.values()].map((entry) => entry.key.value));
    return held.session;
  }

  private create(key: ApiKey | undefined): WorkspaceSession {
    const session = new WorkspaceSession(key, this.settings, this.log, this.budgets);
    session.addKnownContacts({
      byId: (id) => {
        if (session !== this.current) {
          return undefined;
        }
        for (const source of this.knownOfActive) {
          const contact = source.byId(id);
          if (contact) {
            return contact;
          }
        }
        return undefined;
      },
    });
    return session;
  }

  private follow(session: WorkspaceSession): void {
    this.currentSubscriptions = [
      session.onDidChangeAvailability((state) => this.availabilityChanged.fire(state)),
      session.onDidResolve((contact) => this.resolved.fire(contact)),
      session.onDidSettle((id) => this.settled.fire(id)),
    ];
  }

  private unfollow(): void {
    for (const subscription of this.currentSubscriptions.splice(0)) {
      subscription.dispose();
    }
  }
}
