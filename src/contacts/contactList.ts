/**
 * Every contact of the index in display-name order, read by position: what the sidebar groups and lists, and what
 * is saved to disk. Not an array, because the index holds packed records (contactSet.ts): a contact is unpacked when
 * `at` reads it, while the name and company the tree groups by are read without unpacking anything.
 *
 * A list stands for the contacts as they were when it was made; the index makes a new one at each change, so
 * comparing lists by identity tells whether the contacts changed (the tree does so before reading a position).
 */
import type { Contact } from '../quo/types.js';
import { contactDisplayName } from './contactName.js';

/** What a list reads from its set, by slot. */
export interface ContactSlots {
  contactAt(slot: number): Contact;
  nameAt(slot: number): string;
  companyAt(slot: number): string | null;
}

export class ContactList implements Iterable<Contact> {
  constructor(
    private readonly order: readonly number[],
    private readonly slots: ContactSlots,
  ) {}

  get length(): number {
    return this.order.length;
  }

  at(position: number): Contact {
    return this.slots.contactAt(this.slotAt(position));
  }

  /** The one name shown for the contact (contactDisplayName), without unpacking it. */
  nameAt(position: number): string {
    return this.slots.nameAt(this.slotAt(position));
  }

  companyAt(position: number): string | null {
    return this.slots.companyAt(this.slotAt(position));
  }

  /** The contacts from `start` up to `end` (exclusive), unpacked. */
  slice(start = 0, end = this.order.length): Contact[] {
    const contacts: Contact[] = [];
    for (let position = Math.max(0, start); position < Math.min(end, this.order.length); position++) {
      contacts.push(this.at(position));
    }
    return contacts;
  }

  *[Symbol.iterator](): Iterator<Contact> {
    for (let position = 0; position < this.order.length; position++) {
      yield this.at(position);
    }
  }

  private slotAt(position: number): number {
    const slot = this.order[position];
    if (slot === undefined) {
      throw new RangeError(`no contact at position ${position} of ${this.order.length}`);
    }
    return slot;
  }
}

/** A list over contacts already in order (tests, and anything that holds a few contacts as objects). */
export function contactListOf(contacts: readonly Contact[]): ContactList {
  return new ContactList(
    contacts.map((_, position) => position),
    {
      contactAt: (slot) => contacts[slot],
      nameAt: (slot) => contactDisplayName(contacts[slot]),
      companyAt: (slot) => (contacts[slot]).defaultFields.company,
    },
  );
}
