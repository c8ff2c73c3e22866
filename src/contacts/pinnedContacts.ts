/**
 * The contacts the user pinned to the top of the sidebar, per API key (named by its fingerprint, never the key), kept
 * in VS Code's globalState so they survive restarts. Like the recent list, only the id and the name last shown are
 * stored: contact data itself is not written to disk, and the name lets the sidebar show a pin before the index has
 * loaded.
 */
import { Emitter } from './emitter.js';
import type { KeyValueStore } from './recentContacts.js';

export interface PinnedContact {
  readonly id: string;
  readonly name: string;
}

/** More would not be a shortlist; pinning one more is refused rather than dropping an old pin unasked. */
export const MAX_PINNED = 200;
/** Anything longer in the store was not written by us. */
const MAX_STORED_LENGTH = 1024;

export class PinnedContacts {
  private readonly changes = new Emitter<void>();

  /** Fired after the pins of the current key changed (pin, unpin, rename). */
  readonly onDidChange = this.changes.event;

  constructor(
    private readonly store: KeyValueStore,
    private readonly fingerprint: () => string | undefined,
  ) {}

  /** In the order they were pinned. Empty when no key is set. */
  list(): PinnedContact[] {
    const key = this.storageKey();
    if (!key) {
      return [];
    }
    const stored = this.store.get<unknown>(key);
    if (!Array.isArray(stored)) {
      return [];
    }
    const seen = new Set<string>();
    return stored.filter((item: unknown): item is PinnedContact => {
      if (!isPinnedContact(item) || seen.has(item.id)) {
        return false;
      }
      seen.add(item.id);
      return true;
    });
  }

  isPinned(id: string): boolean {
    return this.list().some((item) => item.id === id);
  }

  /**
   * Pins a contact at the end of the list, or updates the name of one already pinned. False when there is no key or
   * the list is full.
   */
  async pin(contact: PinnedContact): Promise<boolean> {
    const key = this.storageKey();
    if (!key) {
      return false;
    }
    const list = this.list();
    const at = list.findIndex((item) => item.id === contact.id);
    if (at >= 0) {
      await this.rename(contact.id, contact.name);
      return true;
    }
    if (list.length >= MAX_PINNED) {
      return false;
    }
    await this.write(key, [...list, { id: contact.id, name: contact.name }]);
    return true;
  }

  async unpin(id: string): Promise<void> {
    const key = this.storageKey();
    const list = this.list();
    if (key && list.some((item) => item.id === id)) {
      await this.write(
        key,
        list.filter((item) => item.id !== id),
      );
    }
  }

  /** Pins or unpins; returns whether the contact is pinned afterwards. */
  async toggle(contact: PinnedContact): Promise<boolean> {
    if (this.isPinned(contact.id)) {
      await this.unpin(contact.id);
      return false;
    }
    return this.pin(contact);
  }

  /** Keeps the stored name in step with what the contact is called now. Writes only when it changed. */
  async rename(id: string, name: string): Promise<void> {
    const key = this.storageKey();
    const list = this.list();
    const at = list.findIndex((item) => item.id === id);
    if (!key || at < 0 || list[at]?.name === name) {
      return;
    }
    const next = list.slice();
    next[at] = { id, name };
    await this.write(key, next);
  }

  dispose(): void {
    this.changes.dispose();
  }

  private async write(key: string, list: readonly PinnedContact[]): Promise<void> {
    const written = this.store.update(key, list);
    // The store's value changes at once (globalState writes through to disk later): listeners read the new list.
    this.changes.fire();
    await written;
  }

  private storageKey(): string | undefined {
    const fingerprint = this.fingerprint();
    return fingerprint ? `quo.pinned.${fingerprint}` : undefined;
  }
}

function isPinnedContact(item: unknown): item is PinnedContact {
  if (typeof item !== 'object' || item === null) {
    return false;
  }
  const { id, name } = item as { id?: unknown; name?: unknown };
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= MAX_STORED_LENGTH &&
    typeof name === 'string' &&
    name.length <= MAX_STORED_LENGTH
  );
}
