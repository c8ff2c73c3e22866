/**
 * One Quo workspace (one key, or none) as the rest of the extension sees it: its client and rate limiter (Quo's limit
 * is per key), its contacts (one store: the cache, the contact list and when it is listed), its calls and messages,
 * and one availability state that the surfaces render. The key never changes: another key is another session, so an
 * answer in flight always lands in the store of the workspace that asked, and a refused key never touches another
 * workspace's state. `WorkspaceSessions` holds one per workspace this window has used and says which is active.
 *
 * Every request of the session's client reports its outcome here (the client's `onOutcome`), whoever sent it: the
 * connection state hears about each request in one place.
 */
import { Emitter } from '../common/emitter.js';
import type * as ActivityChunk from '../activity/activityChunk.js';
import type { ContactActivity } from '../activity/activityLoader.js';
import type { WorkspaceActivity } from '../activity/workspaceActivity.js';
import type { WorkspaceResources } from '../activity/workspaceResources.js';
import type { ApiKey, KeySource } from '../auth/apiKey.js';
import { keyFormatProblem } from '../auth/keyFormat.js';
import {
  classifyFailure,
  nextAvailability,
  sameAvailability,
  type Availability,
  type AvailabilityEvent,
} from '../connection/availability.js';
import { availabilityCopy } from '../connection/availabilityCopy.js';
import type { SavedIndex } from '../contacts/listingSchedule.js';
import { WorkspaceContacts } from '../contacts/workspaceContacts.js';
import { QuoClient } from '../quo/client.js';
import type { KeyBudget, KeyBudgets } from '../quo/crossWindowBudget.js';
import { describeError, isQuoError, noKeyError, QuoError } from '../quo/errors.js';
import type { RedactingLog } from '../quo/log.js';
import { RateLimiter } from '../quo/rateLimiter.js';
import type { RequestOutcome } from '../quo/transport.js';
import type { Contact, PhoneNumber } from '../quo/types.js';
import type { Settings } from '../settings/settingsPolicy.js';

/** What surfaces may know of the key: never its value. */
export interface KeyInfo {
  readonly source: KeySource;
  readonly fingerprint: string;
  readonly workspaceId: string;
}

/** The copies of contact lists on disk, shared by every session of the window (saves run one at a time). */
export interface SavedIndexes {
  readonly store: SavedIndex;
  /** Every workspace's key fingerprint: their copies stay. */
  readonly keptFingerprints: () => readonly string[];
}

export class WorkspaceSession {
  private readonly limiter: RateLimiter;
  /**
   * This key's share of Quo's limit among the windows that use it, made with the first request (its code may be a
   * chunk of its own; holding a key is not using it); undefined without a key.
   */
  private madeBudget: KeyBudget | undefined;
  private currentClient: QuoClient | undefined;
  /** Why there is no client, when the settings are to blame. */
  private configError: QuoError | undefined;
  private state: Availability = { kind: 'starting' };
  private readonly availabilityChanged = new Emitter<Availability>();
  private disposed = false;
  /**
   * Aborted on dispose: every client of this session follows it, so each request under way ends then, retries
   * included, whatever signal its caller holds (a panel's, which may outlive the workspace).
   */
  private readonly lifetime = new AbortController();
  private opened = false;
  /** What surfaces may know of the key: never its value. */
  readonly key: KeyInfo | undefined;
  /** The workspace's contacts: by id, and the list every contact is listed into. */
  readonly contacts: WorkspaceContacts;
  private madeActivity: WorkspaceActivity | undefined;
  private madeResources: WorkspaceResources | undefined;

  readonly onDidChangeAvailability = this.availabilityChanged.event;

  constructor(
    private readonly apiKey: ApiKey | undefined,
    private settings: Settings,
    private readonly log: RedactingLog,
    private readonly budgets?: KeyBudgets,
    saved?: SavedIndexes,
  ) {
    this.key = apiKey ? { source: apiKey.source, fingerprint: apiKey.fingerprint, workspaceId: apiKey.workspaceId } : undefined;
    this.limiter = new RateLimiter({
      maxPerWindow: settings.maxRequestsPerSecond,
      // A window counts in the key's budget only while it sends with the key: it rejoins before this request leaves.
      admit: () => this.budget()?.use(),
      // A long queue drained at a small share still uses the key: each request that leaves says so.
      onTake: () => void this.budget()?.use(),
    });
    this.contacts = new WorkspaceContacts({
      client: () => this.currentClient,
      unavailable: () => this.unavailableError(),
      fingerprint: apiKey?.fingerprint,
      cacheTtlMs: () => this.settings.cacheTtlMs,
      refreshMs: () => this.settings.indexRefreshMs,
      defaultCountry: settings.defaultCountry,
      ...(saved ? { saved: { ...saved, enabled: () => this.settings.indexPersist } } : {}),
      readOnly: () => this.settings.readOnly,
      log,
    });
  }

  /**
   * The workspace's lines, and its contacts' calls and messages: dist/activity.js (esbuild.mjs), required on the first
   * question about them. A hover asks `peekActivity` and `peekLines` instead, which load nothing.
   */
  get activity(): WorkspaceActivity {
    this.madeActivity ??= new (activityChunk().WorkspaceActivity)({
      client: () => this.requireClient(),
      cacheTtlMs: () => this.settings.cacheTtlMs,
      maxItems: () => this.settings.activityMaxItems,
    });
    return this.madeActivity;
  }

  /** Its lines, teammates and webhooks by id, and calls' recordings and voicemails: dist/activity.js too. */
  get resources(): WorkspaceResources {
    this.madeResources ??= new (activityChunk().WorkspaceResources)({
      client: () => this.requireClient(),
      cacheTtlMs: () => this.settings.cacheTtlMs,
      lines: (options) => this.activity.lines(options),
    });
    return this.madeResources;
  }

  /** A contact's activity as far as this window has loaded it within the cache period, without a request. */
  peekActivity(contact: Contact): ContactActivity | undefined {
    return this.madeActivity?.peek(contact);
  }

  /** The workspace's lines when known within the cache period, without a request. */
  peekLines(): readonly PhoneNumber[] | undefined {
    return this.madeActivity?.peekLines();
  }

  /**
   * Builds the client and shows the contact list saved on disk. Separate from the constructor so the window's first
   * session can say "starting" until the stored key has been read.
   */
  open(): void {
    if (!this.opened) {
      this.opened = true;
      this.buildClient();
      this.contacts.start();
    }
  }

  get availability(): Availability {
    return this.state;
  }

  /** Whether requests can be sent at all (a key and settings that allow it). */
  get canRequest(): boolean {
    return this.currentClient !== undefined;
  }

  /** A contact arrived from Quo (inline names and "In this file" redraw on it). */
  get onDidResolve(): WorkspaceContacts['onDidResolve'] {
    return this.contacts.onDidResolve;
  }

  /** A background ask ended (found, not found or failed): "In this file" settles its pending ids on it. */
  get onDidSettle(): WorkspaceContacts['onDidSettle'] {
    return this.contacts.onDidSettle;
  }

  /**
   * Checks a key that is not stored yet with one request, `GET /v1/phone-numbers`, and returns its first Quo line's
   * name (what a new workspace is suggested to be called); throws the QuoError Quo's answer makes. Its outcome says
   * nothing about this session's own key, so it is not reported to this session's state.
   */
  async checkKey(apiKey: string, signal?: AbortSignal): Promise<{ readonly firstLineName: string | undefined }> {
    const problem = keyFormatProblem(apiKey);
    if (problem) {
      throw new QuoError({ kind: 'config', message: problem });
    }
    const lines = await this.buildClientFor(apiKey).listPhoneNumbers({ priority: 'interactive', ...(signal ? { signal } : {}) });
    const named = lines.find((line) => line.name !== null && line.name.trim() !== '');
    return { firstLineName: named?.name ?? undefined };
  }

  /**
   * "Retry": one cheap request at interactive priority. When Quo answers, what is cached stays and the ids that
   * failed in the background are asked again; nothing is dropped.
   */
  async retry(): Promise<void> {
    const client = this.currentClient;
    if (!client) {
      return;
    }
    try {
      await client.listCustomFields({ priority: 'interactive' });
    } catch {
      // The state already says what went wrong.
    }
  }

  /** "Quo: Refresh": drop every cached answer, so what is on screen is asked again. The contact list is kept. */
  refresh(): void {
    this.forgetAll();
  }

  /**
   * One line for a failed request where it was made: the copy table's words when the failure is about the connection,
   * else what went wrong with this request. Never holds the key.
   */
  describeFailure(error: unknown): string {
    const failure = classifyFailure(error, (text) => this.log.redact(text));
    if (failure) {
      return availabilityCopy(failure).detail;
    }
    if (error instanceof QuoError && error.kind === 'config' && !this.currentClient) {
      return this.unavailableLine();
    }
    return this.log.redact(describeError(error));
  }

  /**
   * What a failed request means for where it was made: the connection's state when the failure is about the
   * connection (or there is no client at all), undefined when it belongs to that request alone.
   */
  availabilityAfter(error: unknown): Availability | undefined {
    if (!this.currentClient) {
      return this.state;
    }
    return classifyFailure(error, (text) => this.log.redact(text));
  }

  /** Why nothing can be asked now (no key, or settings that forbid it), as one line. */
  unavailableLine(): string {
    const copy = availabilityCopy(this.state);
    return this.state.kind === 'bad-config' || this.state.kind === 'key-invalid' ? `${copy.title}: ${copy.detail}` : copy.detail;
  }

  /** The same server's settings changed (another server is another set of sessions: `WorkspaceSessions` drops these). */
  updateSettings(settings: Settings): void {
    const rebuild = settings.requestTimeoutMs !== this.settings.requestTimeoutMs;
    this.settings = settings;
    if (this.madeBudget) {
      this.madeBudget.setMaxPerSecond(settings.maxRequestsPerSecond);
    } else {
      this.limiter.setMaxPerWindow(settings.maxRequestsPerSecond);
    }
    this.contacts.settingsChanged(settings);
    if (rebuild && !this.disposed && this.opened) {
      this.buildClient();
    }
  }

  /**
   * The workspace was removed, its key replaced, or the server changed: nothing waiting is sent (the limiter rejects
   * its queue) and requests under way are aborted, so no request leaves with a removed key.
   */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.currentClient = undefined;
    // First, so what the limiter's refusal or the abort reaches first reads as a cancellation, not as a failure.
    const reason = new QuoError({ kind: 'cancelled', message: 'The workspace is no longer in use.' });
    this.lifetime.abort(reason);
    this.madeBudget?.dispose();
    this.limiter.dispose(reason);
    this.madeActivity?.clear();
    this.madeResources?.clear();
    this.contacts.dispose();
    this.availabilityChanged.dispose();
  }

  private budget(): KeyBudget | undefined {
    if (!this.madeBudget && this.apiKey && this.budgets && !this.disposed) {
      this.madeBudget = this.budgets(this.apiKey.fingerprint, this.settings.maxRequestsPerSecond, (ceiling) => this.limiter.setMaxPerWindow(ceiling));
    }
    return this.madeBudget;
  }

  private unavailableError(): QuoError {
    return this.configError ?? noKeyError();
  }

  private requireClient(): QuoClient {
    const client = this.currentClient;
    if (!client) {
      throw this.unavailableError();
    }
    return client;
  }

  /** Everything known about contacts and their activity, dropped together. */
  private forgetAll(): void {
    this.contacts.clearCache();
    this.madeActivity?.clear();
    this.madeResources?.clear();
  }

  /**
   * What one request of this session's client says about the connection: Quo answered (a 404 is an answer), or the
   * connection failed (a refused key, offline, rate limited). Anything else (a 500, a body that does not decode)
   * belongs to that request alone, and a cancellation says nothing.
   */
  private requestEnded(outcome: RequestOutcome): void {
    if (this.disposed) {
      return;
    }
    const error = outcome.failed ? outcome.error : undefined;
    if (!outcome.failed || (isQuoError(error) && error.isNotFound)) {
      this.contacts.connectionAnswered();
      this.apply({ type: 'request-succeeded' });
      return;
    }
    const failure = classifyFailure(error, (text) => this.log.redact(text));
    if (failure && this.currentClient) {
      this.apply({ type: 'request-failed', failure });
    }
  }

  private apply(event: AvailabilityEvent): void {
    const next = nextAvailability(this.state, event);
    if (sameAvailability(next, this.state)) {
      return;
    }
    const before = this.state.kind;
    this.state = next;
    this.availabilityChanged.fire(next);
    if (next.kind === 'ready' && (before === 'offline' || before === 'rate-limited' || before === 'key-refused')) {
      this.contacts.connectionRecovered();
    }
  }

  private buildClientFor(apiKey: string): QuoClient {
    const own = apiKey === this.apiKey?.value;
    return new QuoClient({
      baseUrl: this.settings.apiBaseUrl,
      apiKey,
      limiter: this.limiter,
      timeoutMs: this.settings.requestTimeoutMs,
      log: this.log,
      signal: this.lifetime.signal,
      // Only this session's own key: a key being checked before it is stored speaks neither for this budget nor for
      // this workspace's connection.
      ...(own && this.budgets ? { onRateLimited: () => this.madeBudget?.noteRefused() } : {}),
      ...(own ? { onOutcome: (outcome: RequestOutcome) => this.requestEnded(outcome) } : {}),
    });
  }

  private buildClient(): void {
    this.configError = undefined;
    if (!this.apiKey) {
      this.currentClient = undefined;
      this.apply({ type: 'key-cleared' });
      return;
    }
    const problem = keyFormatProblem(this.apiKey.value);
    if (problem) {
      // Never deleted: the key may have been stored by an older version, and the user decides what replaces it.
      this.currentClient = undefined;
      this.configError = new QuoError({ kind: 'config', message: problem });
      this.log.error(problem);
      this.apply({ type: 'key-invalid', reason: problem });
      return;
    }
    try {
      this.currentClient = this.buildClientFor(this.apiKey.value);
      this.apply({ type: 'key-loaded' });
    } catch (error) {
      this.currentClient = undefined;
      const message = this.log.redact(error instanceof Error ? error.message : String(error));
      this.configError = new QuoError({ kind: 'config', message });
      this.log.error(message);
      this.apply({ type: 'settings-invalid', message });
    }
  }
}

function activityChunk(): typeof ActivityChunk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../activity/activityChunk.js') as typeof ActivityChunk;
}
