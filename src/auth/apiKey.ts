/**
 * A Quo API key as the session holds it. The value lives in VS Code's SecretStorage (the OS keychain on desktop),
 * never in settings or files; `QUO_API_KEY` of the extension host's environment is read, never written.
 */
export type KeySource = 'secret-storage' | 'environment';

export interface ApiKey {
  readonly value: string;
  readonly source: KeySource;
  /** Names the key in per-key storage without revealing it. */
  readonly fingerprint: string;
  /** The Quo workspace it belongs to (the same workspace keeps its id when its key is replaced). */
  readonly workspaceId: string;
}

/** Where the session reads its key from: the active workspace. */
export interface KeyProvider {
  get(): Promise<ApiKey | undefined>;
  /** Any workspace's key, active or not (a panel keeps the workspace it was opened in); undefined once removed. */
  keyOfWorkspace(id: string): Promise<ApiKey | undefined>;
  readonly onDidChange: (listener: () => void) => { dispose(): void };
}
