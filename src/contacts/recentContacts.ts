/**
 * The contacts the user opened last, per API key (named by its fingerprint, never the key), persisted so the
 * "Open Contact" box and the sidebar can offer them after a restart. Stores the id and the name shown, nothing more:
 * contact data itself is not written to disk.
 */
import { Emitter } from './emitter.js';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface RecentContact {
  readonly id: string;
  readonly name: string;
}

export const MAX_RECENT = 20;

export class RecentContacts {
  private readonly changes = new Emitter<void>();
  /** Fires after a contact was added, so the sidebar's Recent section redraws. */
  readonly onDidChange = this.changes.event;

  constructor(
    private readonly store: KeyValueStore,
    private readonly fingerprint: () => string | undefined,
  ) {}

  list(): RecentContact[] {
    const key = this.storageKey();
    if (!key) {
      return [];
    }
    const stored = this.store.get<unknown>(key);
    if (!Array.isArray(stored)) {
      return [];
    }
    return stored.filter(
      (item): item is RecentContact =>
        typeof item === 'object' && item !== null && typeof item.id === 'string' && typeof item.name === 'string',
    );
  }

  async add(contact: RecentContact): Promise<void> {
    const key = this.storageKey();
    if (!key) {
      return;
    }
    const next = [contact, ...this.list().filter((item) => item.id !== contact.id)].slice(0, MAX_RECENT);
    await this.store.update(key, next);
    this.changes.fire();
  }

  private storageKey(): string | undefined {
    const fingerprint = this.fingerprint();
    return fingerprint ? `quo.recent.${fingerprint}` : undefined;
  }
}
