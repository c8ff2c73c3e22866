/**
 * The contacts the user pinned to the top of the sidebar, per Quo workspace (named by its id, never the key; see
 * workspaceDataKey), kept in VS Code's globalState so they survive restarts. Like the recent list, only the id and the name last shown are
 * stored: contact data itself is not written to disk, and the name lets the sidebar show a pin before the index has
 * loaded.
 */
import type { Event } from '../common/emitter.js';
import { StoredContactList, type ContactRef, type KeyValueStore } from './storedContactList.js';

export type PinnedContact = ContactRef;

/** More would not be a shortlist; pinning one more is refused rather than dropping an old pin unasked. */
export const MAX_PINNED = 200;

export class PinnedContacts {
  private readonly stored: StoredContactList;

  /** Fired after the pins of the current workspace changed (pin, unpin, rename). */
  readonly onDidChange: Event<void>;

  constructor(store: KeyValueStore, owner: () => string | undefined) {
    this.stored = new StoredContactList(store, owner, 'pinned');
    this.onDidChange = this.stored.onDidChange;
  }

  /** In the order they were pinned. Empty when no workspace is active. */
  list(): PinnedContact[] {
    return this.stored.read();
  }

  isPinned(id: string): boolean {
    return this.list().some((item) => item.id === id);
  }

  /**
   * Pins a contact at the end of the list, or updates the name of one already pinned. False when there is no key or
   * the list is full.
   */
  async pin(contact: PinnedContact): Promise<boolean> {
    const list = this.list();
    if (list.some((item) => item.id === contact.id)) {
      await this.rename(contact.id, contact.name);
      return true;
    }
    if (list.length >= MAX_PINNED) {
      return false;
    }
    return this.stored.write([...list, contact]);
  }

  async unpin(id: string): Promise<void> {
    const list = this.list();
    if (list.some((item) => item.id === id)) {
      await this.stored.write(list.filter((item) => item.id !== id));
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
    const list = this.list();
    const at = list.findIndex((item) => item.id === id);
    if (at < 0 || list[at]?.name === name) {
      return;
    }
    const next = list.slice();
    next[at] = { id, name };
    await this.stored.write(next);
  }

  dispose(): void {
    this.stored.dispose();
  }
}
