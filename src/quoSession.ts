/**
 * The live connection to Quo for this window: the current key and settings turned into one client, one shared rate
 * limiter, one cache. When the key changes everything known is dropped (a new key may be another workspace); when
 * the base URL or limits change the client is rebuilt. Surfaces ask `lookup` and never build clients themselves.
 */
import * as vscode from 'vscode';
import { ApiKeyStore, type ApiKey } from './auth/apiKeyStore.js';
import { ContactCache } from './contacts/contactCache.js';
import { ContactLookup } from './contacts/contactLookup.js';
import { QuoClient } from './quo/client.js';
import { QuoError } from './quo/errors.js';
import { RateLimiter } from './quo/rateLimiter.js';
import type { RedactingLogger } from './logging.js';
import type { Settings } from './settings.js';

export type ConnectionState =
  | { readonly kind: 'no-key' }
  | { readonly kind: 'bad-config'; readonly message: string }
  | { readonly kind: 'ready' }
  /** Quo refused the key (401). The key is kept: the user decides whether to replace it. */
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'rate-limited' };

export class QuoSession implements vscode.Disposable {
  readonly limiter: RateLimiter;
  readonly cache: ContactCache;
  readonly lookup: ContactLookup;
  private currentClient: QuoClient | undefined;
  private currentKey: ApiKey | undefined;
  private currentState: ConnectionState = { kind: 'no-key' };
  private readonly stateChanged = new vscode.EventEmitter<ConnectionState>();
  private readonly accountChanged = new vscode.EventEmitter<ApiKey | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Settles once the stored key has been read at start-up; surfaces wait for it before saying "no key". */
  ready: Promise<void>;

  readonly onDidChangeState = this.stateChanged.event;
  /**
   * Fires after the key or the server changed (either may mean another Quo workspace) and everything known about
   * contacts was dropped. Carries the current key.
   */
  readonly onDidChangeAccount = this.accountChanged.event;

  constructor(
    private readonly keys: ApiKeyStore,
    private settings: Settings,
    private readonly log: RedactingLogger,
  ) {
    this.limiter = new RateLimiter({ maxPerWindow: settings.maxRequestsPerSecond });
    this.cache = new ContactCache({ ttlMs: settings.cacheTtlMs, notFoundTtlMs: settings.cacheTtlMs / 2 });
    this.lookup = new ContactLookup(this.cache, () => this.currentClient);
    this.disposables.push(
      keys.onDidChange(() => void this.reloadKey()),
      this.lookup.onDidFail((error) => this.noteFailure(error)),
      this.lookup.onDidResolve(() => this.noteSuccess()),
      this.stateChanged,
      this.accountChanged,
    );
    this.ready = this.reloadKey();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  get key(): ApiKey | undefined {
    return this.currentKey;
  }

  client(): QuoClient | undefined {
    return this.currentClient;
  }

  /** A client for a key that is not stored yet (checking a key before storing it). */
  clientFor(apiKey: string): QuoClient {
    return new QuoClient({
      baseUrl: this.settings.apiBaseUrl,
      apiKey,
      limiter: this.limiter,
      timeoutMs: this.settings.requestTimeoutMs,
      log: this.log,
    });
  }

  updateSettings(settings: Settings): void {
    const baseUrlChanged = settings.apiBaseUrl !== this.settings.apiBaseUrl;
    const rebuild = baseUrlChanged || settings.requestTimeoutMs !== this.settings.requestTimeoutMs;
    this.settings = settings;
    this.limiter.setMaxPerWindow(settings.maxRequestsPerSecond);
    this.cache.setTtl(settings.cacheTtlMs, settings.cacheTtlMs / 2);
    if (baseUrlChanged) {
      // Another server is another set of contacts.
      this.lookup.clear();
    }
    if (rebuild) {
      this.buildClient();
    }
    if (baseUrlChanged) {
      this.accountChanged.fire(this.currentKey);
    }
  }

  /** Tells the session that a request succeeded, so an offline, rate-limited or refused-key state clears. */
  noteSuccess(): void {
    const kind = this.currentState.kind;
    if (kind === 'offline' || kind === 'rate-limited' || kind === 'unauthorized') {
      this.setState({ kind: 'ready' });
    }
  }

  noteFailure(error: unknown): void {
    if (!(error instanceof QuoError) || !this.currentClient) {
      return;
    }
    if (error.isUnauthorized) {
      this.setState({ kind: 'unauthorized' });
    } else if (error.isRateLimited) {
      this.setState({ kind: 'rate-limited' });
    } else if (error.kind === 'network' || error.kind === 'timeout') {
      this.setState({ kind: 'offline', message: error.message });
    }
  }

  dispose(): void {
    this.limiter.dispose();
    this.lookup.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private async reloadKey(): Promise<void> {
    const key = await this.keys.get();
    const changed = key?.value !== this.currentKey?.value;
    this.currentKey = key;
    this.log.setSecrets(key ? [key.value] : []);
    if (changed) {
      this.lookup.clear();
    }
    this.buildClient();
    if (changed) {
      this.log.info(key ? `Using the API key from ${key.source === 'environment' ? 'QUO_API_KEY' : 'SecretStorage'}.` : 'No API key set.');
      this.accountChanged.fire(key);
    }
  }

  private buildClient(): void {
    if (!this.currentKey) {
      this.currentClient = undefined;
      this.setState({ kind: 'no-key' });
      return;
    }
    try {
      this.currentClient = this.clientFor(this.currentKey.value);
      this.setState({ kind: 'ready' });
    } catch (error) {
      this.currentClient = undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(message);
      this.setState({ kind: 'bad-config', message });
    }
  }

  private setState(state: ConnectionState): void {
    if (state.kind === this.currentState.kind) {
      return;
    }
    this.currentState = state;
    this.stateChanged.fire(state);
  }
}
