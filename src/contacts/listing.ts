/**
 * One listing of the workspace as it reaches the set shown. Over a complete set, a refresh: each contact listed is
 * packed and compared with the one shown, and only what differs is kept aside (as packed records, a few hundred
 * bytes each) until the listing is complete, when it is applied and the contacts it did not list are removed. So a
 * refresh holds the workspace once, plus what changed, and one cut off midway changes nothing shown.
 *
 * Over a set with nothing complete to protect (a first listing, or one that failed midway), the contacts go in as
 * they arrive, so the list grows page by page; what the listing did not bring is removed when it completes.
 */
import type { Contact } from '../quo/types.js';
import type { ContactSet } from './contactSet.js';
import { packedId } from './packedContact.js';

export class Listing {
  /** Slots of contacts shown that this listing brought. */
  private readonly seen = new Set<number>();
  /** New records of contacts shown, by slot, and of contacts not shown, by id (a refresh only). */
  private readonly changed = new Map<number, string>();
  private readonly added = new Map<string, string>();

  constructor(
    private readonly shown: ContactSet,
    private readonly refresh: boolean,
  ) {}

  /** Contacts listed so far, each once. */
  get count(): number {
    return this.seen.size + this.added.size;
  }

  /** Takes one listed contact; answers whether what is shown changed. */
  take(contact: Contact): boolean {
    const slot = this.shown.slotOf(contact.id);
    const packed = this.shown.pack(contact);
    if (slot !== undefined && this.shown.holds(slot, packed)) {
      this.seen.add(slot);
      // Listed twice, the listing having shifted while it was paged: the later one is the contact.
      this.changed.delete(slot);
      return false;
    }
    if (!this.refresh) {
      this.seen.add(this.shown.put(contact, packed));
      return true;
    }
    if (slot === undefined) {
      this.added.set(contact.id, packed);
    } else {
      this.seen.add(slot);
      this.changed.set(slot, packed);
    }
    return false;
  }

  /**
   * The listing is complete: applies what was kept aside and removes what it did not list, except the contacts in
   * `written` (this window's writes made while it ran, newer than the listing). Answers whether anything changed.
   */
  complete(written: ReadonlySet<string>): boolean {
    const gone: string[] = [];
    for (const slot of this.shown.slots()) {
      if (!this.seen.has(slot)) {
        gone.push(this.shown.idIn(slot));
      }
    }
    const records = [...this.changed.values(), ...this.added.values()].filter((packed) => !written.has(packedId(packed)));
    for (const packed of records) {
      this.shown.putPacked(packed);
    }
    let removed = 0;
    for (const id of gone) {
      if (!written.has(id)) {
        this.shown.remove(id);
        removed++;
      }
    }
    return records.length > 0 || removed > 0;
  }
}
