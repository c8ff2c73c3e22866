/**
 * One Quo workspace (one key, or none) as the rest of the extension sees it: its client, rate limiter (Quo's limit
 * is per key), contact cache, lookup and activity caches, kept private, and one availability state that the surfaces
 * render. The key never changes: another key is another session, so an answer in flight always lands in the cache of
 * the workspace that asked, and a refused key never touches another workspace's state. `QuoSession` holds one per
 * workspace this window has used and says which is active.
 */
import * as vscode from 'vscode';
import { ActivityCache } from '../activity/activityCache.js';
import {
  activityResult,
  spendBudget,
  startActivity,
  type ActivityProgress,
  type ActivitySource,
  type ContactActivity,
} from '../activity/activityLoader.js';
import { ActivityIdResolver, isActivityId, type ActivityRecord, type Fetched } from '../activity/activityIdResolver.js';
import { planActivity } from '../activity/activityPlan.js';
import type { ApiKey, KeySource } from '../auth/apiKey.js';
import { keyFormatProblem } from '../auth/keyFormat.js';
import { ContactCache } from '../contacts/contactCache.js';
import type { ContactPager } from '../contacts/contactIndex.js';
import { ContactLookup, type KnownContacts, type LookupResult } from '../contacts/contactLookup.js';
import { QuoClient, type RequestOptions } from '../quo/client.js';
import { describeError, noKeyError, QuoError } from '../quo/errors.js';
import { RateLimiter } from '../quo/rateLimiter.js';
import type { Call, CallSummary, CallTranscript, Contact, Message, PhoneNumber, User } from '../quo/types.js';
import type { RedactingLogger } from '../logging.js';
import type { Settings } from '../settings/settingsPolicy.js';
import {
  classifyFailure,
  nextAvailability,
  sameAvailability,
  type Availability,
  type AvailabilityEvent,
} from '../connection/availability.js';
import { availabilityCopy } from '../connection/availabilityCopy.js';
import type { KeyBudget, KeyBudgets } from '../quo/crossWindowBudget.js';

/** What surfaces may know of the key: never its value. */
export interface KeyInfo {
  readonly source: KeySource;
  readonly fingerprint: string;
  readonly workspaceId: string;
}

export type { ActivityRecord, Fetched } from '../activity/activityIdResolver.js';

export interface ActivityOptions {
  readonly signal?: AbortSignal;
}

const LINES = 'lines';

export class WorkspaceSession implements vscode.Disposable {
  private readonly limiter: RateLimiter;
  /** This key's share of Quo's limit among the windows that use it; undefined without a key. */
  private readonly budget: KeyBudget | undefined;
  private readonly cache: ContactCache;
  private readonly lookup: ContactLookup;
  /** The workspace's lines and their users, under the one key LINES; never persisted. */
  private readonly lineCache: ActivityCache<readonly PhoneNumber[]>;
  /** Each contact's activity so far, per contact; never persisted. */
  private readonly activityCache: ActivityCache<ActivityProgress>;
  /** What `AC…` ids in files are (a call, a message, neither); never persisted. */
  private readonly activityIds: ActivityIdResolver;
  private currentClient: QuoClient | undefined;
  /** Why there is no client, when the settings are to blame. */
  private configError: QuoError | undefined;
  private state: Availability = { kind: 'starting' };
  private readonly availabilityChanged = new vscode.EventEmitter<Availability>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /**
   * Aborted on dispose: every client of this session follows it, so each request under way ends then, retries
   * included, whatever signal its caller holds (a panel's, which may outlive the workspace).
   */
  private readonly lifetime = new AbortController();
  private opened = false;
  /** What surfaces may know of the key: never its value. */
  readonly key: KeyInfo | undefined;

  readonly onDidChangeAvailability = this.availabilityChanged.event;
  /** A contact arrived from Quo (inline names and "In this file" redraw on it). */
  readonly onDidResolve: (listener: (contact: Contact) => void) => { dispose(): void };
  /** A background ask ended (found, not found or failed): "In this file" settles its pending ids on it. */
  readonly onDidSettle: (listener: (id: string) => void) => { dispose(): void };

  constructor(
    private readonly apiKey: ApiKey | undefined,
    private settings: Settings,
    private readonly log: RedactingLogger,
    budgets?: KeyBudgets,
  ) {
    this.key = apiKey ? { source: apiKey.source, fingerprint: apiKey.fingerprint, workspaceId: apiKey.workspaceId } : undefined;
    this.limiter = new RateLimiter({
      maxPerWindow: settings.maxRequestsPerSecond,
      // A window counts in the key's budget only while it sends with the key: it rejoins before this request leaves.
      admit: () => this.budget?.use(),
      // A long queue drained at a small share still uses the key: each request that leaves says so.
      onTake: () => void this.budget?.use(),
    });
    this.budget =
      apiKey && budgets
        ? budgets(apiKey.fingerprint, settings.maxRequestsPerSecond, (ceiling) => this.limiter.setMaxPerWindow(ceiling))
        : undefined;
    this.cache = new ContactCache({ ttlMs: settings.cacheTtlMs, notFoundTtlMs: settings.cacheTtlMs / 2 });
    this.lookup = new ContactLookup(
      this.cache,
      () => this.currentClient,
      () => this.unavailableError(),
      () => this.settings.cacheTtlMs,
    );
    this.lineCache = new ActivityCache({ ttlMs: () => this.settings.cacheTtlMs, maxEntries: 1 });
    this.activityCache = new ActivityCache({ ttlMs: () => this.settings.cacheTtlMs });
    this.activityIds = new ActivityIdResolver(
      {
        call: (id, sent) => this.call(id, { ...sent, priority: 'interactive' }),
        message: (id, sent) => this.message(id, { ...sent, priority: 'interactive' }),
      },
      { ttlMs: () => this.settings.cacheTtlMs },
    );
    this.onDidResolve = this.lookup.onDidResolve;
    this.onDidSettle = this.lookup.onDidSettle;
    this.disposables.push(
      this.lookup.onDidFail((error) => this.noteFailure(error)),
      this.lookup.onDidAnswer(() => this.apply({ type: 'request-succeeded' })),
      this.availabilityChanged,
    );
  }

  /**
   * Builds the client. Separate from the constructor so the window's first session can say "starting" until the
   * stored key has been read.
   */
  open(): void {
    if (!this.opened) {
      this.opened = true;
      this.buildClient();
    }
  }

  get availability(): Availability {
    return this.state;
  }

  /** Whether requests can be sent at all (a key and settings that allow it). */
  get canRequest(): boolean {
    return this.currentClient !== undefined;
  }

  // --- Contacts and users -------------------------------------------------------------------------------------

  /** What is known without a request, fresh or not. */
  peek(id: string): LookupResult | undefined {
    return this.lookup.peek(id);
  }

  /** A cached answer within its lifetime, if any. */
  fresh(id: string): LookupResult | undefined {
    return this.lookup.fresh(id);
  }

  resolve(id: string, options: RequestOptions = {}): Promise<LookupResult> {
    return this.lookup.resolve(id, options);
  }

  peekOrFetchInBackground(id: string): LookupResult | undefined {
    return this.lookup.peekOrFetchInBackground(id);
  }

  isPending(id: string): boolean {
    return this.lookup.isPending(id);
  }

  forget(id: string): void {
    this.lookup.forget(id);
  }

  addKnownContacts(source: KnownContacts): void {
    this.lookup.addKnownContacts(source);
  }

  /** A user's display name, through the lookup's cache; undefined when unknown or not worth an error. */
  async userName(id: string, options: RequestOptions = {}): Promise<string | undefined> {
    let user: User | undefined;
    try {
      user = await this.lookup.resolveUser(id, options);
    } catch {
      // A creator or teammate is a detail: the caller falls back to the user id.
      return undefined;
    }
    return user ? displayName(user) : undefined;
  }

  /** A user's display name when known within the cache period, without a request. */
  peekUserName(id: string): string | undefined {
    const user = this.lookup.peekUser(id);
    return user ? displayName(user) : undefined;
  }

  /** The index's way to list every contact; its pages report to availability like any other request. */
  pager(): ContactPager | undefined {
    const client = this.currentClient;
    if (!client) {
      return undefined;
    }
    const lookup = this.lookup;
    return {
      listAllContacts: async function* (options) {
        const pages = client.listAllContacts(options);
        for (;;) {
          const next = await lookup.report(pages.next());
          if (next.done) {
            return;
          }
          yield next.value;
        }
      },
    };
  }

  // --- Activity: calls and messages ---------------------------------------------------------------------------

  /** The workspace's Quo lines with their users, in the API's order; kept for the contact cache's lifetime. */
  async lines(options: RequestOptions = {}): Promise<readonly PhoneNumber[]> {
    const stored = this.lineCache.fresh(LINES);
    if (stored) {
      return stored.value;
    }
    const client = this.requireClient();
    return this.lineCache.run(
      LINES,
      (signal) => this.lookup.report(client.listPhoneNumbers({ priority: options.priority ?? 'activity', signal })),
      options.signal ? { signal: options.signal } : {},
    );
  }

  /** The workspace's lines when known within the cache period, without a request. */
  peekLines(): readonly PhoneNumber[] | undefined {
    return this.lineCache.fresh(LINES)?.value;
  }

  /**
   * A contact's activity as far as this window has loaded it within the cache period, without a request: what a
   * hover may show for free.
   */
  peekActivity(contact: Contact): ContactActivity | undefined {
    const stored = this.activityCache.fresh(this.activityKey(contact));
    return stored ? activityResult(stored.value) : undefined;
  }

  /** Drops what is known of one contact's activity (the panel's Refresh); the next ask spends a budget again. */
  forgetActivity(contact: Contact): void {
    this.activityCache.forget(this.activityKey(contact));
  }

  /**
   * A contact's calls and messages, newest first: from memory while fresh, else one budget of the request plan
   * (the lines' list is not part of it). Concurrent asks share one load. Throws the QuoError that stopped it when
   * the failure is about the connection; a line that fails is reported in the result instead.
   */
  async activity(contact: Contact, options: ActivityOptions = {}): Promise<ContactActivity> {
    const key = this.activityKey(contact);
    const stored = this.activityCache.fresh(key);
    if (stored) {
      return activityResult(stored.value);
    }
    const client = this.requireClient();
    const progress = await this.activityCache.run(
      key,
      async (signal) => {
        const lines = await this.lines({ signal });
        const plan = planActivity(lines, contact.defaultFields.phoneNumbers.map((phone) => phone.value));
        return spendBudget(this.activitySource(client), startActivity(plan), {
          maxResults: this.settings.activityMaxItems,
          signal,
        });
      },
      options.signal ? { signal: options.signal } : {},
    );
    return activityResult(progress);
  }

  /**
   * "Check more": another budget for the same contact, on the lines not checked yet and then older pages. Without
   * a fresh answer to add to, it is the first ask. The answer keeps the age of the first one.
   */
  async moreActivity(contact: Contact, options: ActivityOptions = {}): Promise<ContactActivity> {
    const key = this.activityKey(contact);
    const stored = this.activityCache.fresh(key);
    if (!stored) {
      return this.activity(contact, options);
    }
    if (!activityResult(stored.value).hasMore) {
      return activityResult(stored.value);
    }
    const client = this.requireClient();
    const progress = await this.activityCache.run(
      key,
      (signal) => spendBudget(this.activitySource(client), stored.value, { maxResults: this.settings.activityMaxItems, signal }),
      { storedAt: stored.storedAt, ...(options.signal ? { signal: options.signal } : {}) },
    );
    return activityResult(progress);
  }

  /**
   * What an `AC…` id is: a call, else a message (at most those two requests, the kind that answered remembered), or
   * neither; kept for the cache period, so an id that is neither costs at most two requests per period.
   */
  async activityRecord(id: string, options: ActivityOptions = {}): Promise<ActivityRecord> {
    this.requireClient();
    if (!isActivityId(id)) {
      return { kind: 'not-found' };
    }
    return this.activityIds.resolve(id, options);
  }

  /** What an `AC…` id was found to be within the cache period, without a request. */
  peekActivityRecord(id: string): ActivityRecord | undefined {
    return this.activityIds.fresh(id);
  }

  call(id: string, options: RequestOptions = {}): Promise<Fetched<Call>> {
    return this.fetchOne((client, sent) => client.getCall(id, sent), options);
  }

  message(id: string, options: RequestOptions = {}): Promise<Fetched<Message>> {
    return this.fetchOne((client, sent) => client.getMessage(id, sent), options);
  }

  /** `forbidden` on plans without summaries; a found summary may still be `absent` or `in-progress`. */
  callSummary(callId: string, options: RequestOptions = {}): Promise<Fetched<CallSummary>> {
    return this.fetchOne((client, sent) => client.getCallSummary(callId, sent), options);
  }

  /** `forbidden` on plans without transcripts; a found transcript may still be `absent` or `in-progress`. */
  callTranscript(callId: string, options: RequestOptions = {}): Promise<Fetched<CallTranscript>> {
    return this.fetchOne((client, sent) => client.getCallTranscript(callId, sent), options);
  }

  /**
   * Checks a key that is not stored yet with one request, `GET /v1/phone-numbers`, and returns its first Quo line's
   * name (what a new workspace is suggested to be called); throws the QuoError Quo's answer makes.
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
      await this.lookup.report(client.listCustomFields({ priority: 'interactive' }));
    } catch {
      // The state already says what went wrong.
    }
  }

  /** "Quo: Refresh": drop every cached answer, so what is on screen is asked again. The index is kept. */
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

  get cachedContacts(): number {
    return this.lookup.cachedCount;
  }

  // --- Settings -------------------------------------------------------------------------------------------------

  /** The same server's settings changed (another server is another set of sessions: `QuoSession` drops these). */
  updateSettings(settings: Settings): void {
    const rebuild = settings.requestTimeoutMs !== this.settings.requestTimeoutMs;
    this.settings = settings;
    if (this.budget) {
      this.budget.setMaxPerSecond(settings.maxRequestsPerSecond);
    } else {
      this.limiter.setMaxPerWindow(settings.maxRequestsPerSecond);
    }
    this.cache.setTtl(settings.cacheTtlMs, settings.cacheTtlMs / 2);
    if (rebuild && !this.disposed) {
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
    this.budget?.dispose();
    this.limiter.dispose(reason);
    this.forgetAll();
    this.lookup.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
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
    this.lookup.clear();
    this.lineCache.clear();
    this.activityCache.clear();
    this.activityIds.clear();
  }

  /** A contact's numbers are part of the key: a number added or removed is another plan. */
  private activityKey(contact: Contact): string {
    return JSON.stringify([contact.id, contact.defaultFields.phoneNumbers.map((phone) => phone.value)]);
  }

  /** The client's lists, with every answer and failure reported to the connection state like any other request. */
  private activitySource(client: QuoClient): ActivitySource {
    return {
      listMessages: (options) => this.lookup.report(client.listMessages(options)),
      listCalls: (options) => this.lookup.report(client.listCalls(options)),
    };
  }

  private async fetchOne<T>(
    send: (client: QuoClient, options: RequestOptions) => Promise<T>,
    options: RequestOptions,
  ): Promise<Fetched<T>> {
    const client = this.requireClient();
    try {
      return { kind: 'found', value: await this.lookup.report(send(client, { priority: 'interactive', ...options })) };
    } catch (error) {
      if (error instanceof QuoError && error.kind === 'http' && (error.status === 404 || error.status === 403)) {
        return error.status === 404 ? { kind: 'not-found' } : { kind: 'forbidden' };
      }
      throw error;
    }
  }

  private noteFailure(error: QuoError): void {
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
    this.state = next;
    this.availabilityChanged.fire(next);
  }

  private buildClientFor(apiKey: string): QuoClient {
    return new QuoClient({
      baseUrl: this.settings.apiBaseUrl,
      apiKey,
      limiter: this.limiter,
      timeoutMs: this.settings.requestTimeoutMs,
      log: this.log,
      signal: this.lifetime.signal,
      // Only this session's own key: a key being checked before it is stored does not speak for this budget.
      ...(apiKey === this.apiKey?.value && this.budget ? { onRateLimited: () => this.budget?.noteRefused() } : {}),
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

/** "Grace Hopper", or the email of a user who never filled in a name. */
function displayName(user: Pick<User, 'firstName' | 'lastName' | 'email'>): string | undefined {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || undefined;
}
