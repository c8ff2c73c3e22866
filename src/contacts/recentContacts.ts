/**
 * The contacts the user opened last, per Quo workspace (a replaced key keeps them, a removed workspace takes them), so
 * the "Open Contact" box and the sidebar can offer them after a restart. The last opened comes first; the list is
 * bounded.
 */
import type { Event } from '../common/emitter.js';
import { StoredContactList, type ContactRef, type KeyValueStore } from './storedContactList.js';

export type { KeyValueStore } from './storedContactList.js';
export type RecentContact = ContactRef;

export const MAX_RECENT = 20;

export class RecentContacts {
  private readonly stored: StoredContactList;
  /** Fires after a contact was added, so the sidebar's Recent section redraws. */
  readonly onDidChange: Event<void>;

  constructor(store: KeyValueStore, owner: () => string | undefined) {
    this.stored = new StoredContactList(store, owner, 'recent');
    this.onDidChange = this.stored.onDidChange;
  }

  list(): RecentContact[] {
    return this.stored.read();
  }

  /** A contact deleted in this window leaves the list. */
  async remove(id: string): Promise<void> {
    if (this.list().some((item) => item.id === id)) {
      await this.stored.write(this.list().filter((item) => item.id !== id));
    }
  }

  async add(contact: RecentContact): Promise<void> {
    await this.stored.write([contact, ...this.list().filter((item) => item.id !== contact.id)].slice(0, MAX_RECENT));
  }
}
