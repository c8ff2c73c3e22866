/**
 * Where the API key lives: VS Code's SecretStorage (the OS keychain on desktop), never settings or files. When no key
 * is stored, a QUO_API_KEY variable of the extension host's environment is used (remote machines, Codespaces, the
 * sandbox demo); it is read, never written.
 */
import * as vscode from 'vscode';
import { keyFingerprint, newSalt } from './keyFingerprint.js';

const SECRET_KEY = 'quo.apiKey';
const SALT_KEY = 'quo.fingerprintSalt';

export type KeySource = 'secret-storage' | 'environment';

export interface ApiKey {
  readonly value: string;
  readonly source: KeySource;
  /** Names the key in per-key storage without revealing it. */
  readonly fingerprint: string;
}

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private current: Promise<ApiKey | undefined> | undefined;

  /** Fires when the key changes, in this window or another. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === SECRET_KEY) {
        this.current = undefined;
        this.changed.fire();
      }
    });
  }

  get(): Promise<ApiKey | undefined> {
    this.current ??= this.load();
    return this.current;
  }

  async store(value: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, value.trim());
    this.current = undefined;
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.current = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async load(): Promise<ApiKey | undefined> {
    let stored: string | undefined;
    try {
      stored = await this.secrets.get(SECRET_KEY);
    } catch {
      // A locked or broken keychain: fall back to the environment rather than fail every surface.
      stored = undefined;
    }
    const fromEnvironment = this.environment['QUO_API_KEY']?.trim();
    const value = stored?.trim() || fromEnvironment;
    if (!value) {
      return undefined;
    }
    return {
      value,
      source: stored?.trim() ? 'secret-storage' : 'environment',
      fingerprint: keyFingerprint(value, await this.salt()),
    };
  }

  private async salt(): Promise<string> {
    let salt = this.globalState.get<string>(SALT_KEY);
    if (!salt) {
      salt = newSalt();
      await this.globalState.update(SALT_KEY, salt);
    }
    return salt;
  }
}
