/**
 * One set of contacts as a listing fills it: each contact once (by id), its numbers and addresses mapped back to it
 * (several contacts can share a number), kept in display-name order as pages arrive, and the search corpus over them.
 * The contact list (contactIndex.ts) builds a new set per listing and swaps it in when complete.
 */
import type { Contact } from '../quo/types.js';
import { ContactCompactor } from './compactContact.js';
import { contactDisplayName } from './contactName.js';
import { normalizeEmail, normalizePhone } from './phone.js';
import type { SearchableContacts } from './search/contactSearch.js';
import { SearchCorpus } from './search/corpus.js';

/** One set of contacts, as a sync builds it. Addressed by slot in arrival order. */
export class ContactSet implements SearchableContacts {
  readonly corpus = new SearchCorpus();
  private readonly contacts: Contact[] = [];
  private readonly slots = new Map<string, number>();
  /** A number or email maps to one slot, or to several (shared numbers); arrays only where needed. */
  private phones = new Map<string, number | number[]>();
  private readonly emails = new Map<string, number | number[]>();
  /** Slots in display-name order. */
  private readonly order: number[] = [];
  /** Display names by slot, while the set fills. */
  private names: string[] | undefined;
  private ranks: Int32Array | undefined;
  private sorted: Contact[] | undefined;
  private readonly compactor = new ContactCompactor();

  constructor(
    private country: string,
    private readonly collator: () => Intl.Collator,
  ) {}

  /** Where national numbers are read, in stored values and in search queries. */
  get defaultCountry(): string {
    return this.country;
  }

  get size(): number {
    return this.contacts.length;
  }

  add(received: Contact): void {
    const contact = this.compactor.compact(received);
    const existing = this.slots.get(contact.id);
    // A contact listed twice (the listing shifted while it was paged) keeps its slot and takes the later data.
    if (existing !== undefined) {
      const before = this.contacts[existing];
      this.unmapReachable(before, existing);
      this.order.splice(this.order.indexOf(existing), 1);
    }
    const slot = existing ?? this.contacts.length;
    this.contacts[slot] = contact;
    this.slots.set(contact.id, slot);
    this.mapReachable(contact, slot);
    this.insertInOrder(slot);
    this.corpus.set(slot, contact);
    this.ranks = undefined;
    this.sorted = undefined;
  }

  /** Called when the listing is complete: drops what was only needed while filling. */
  seal(): void {
    this.names = undefined;
    this.compactor.reset();
    this.corpus.seal();
  }

  byId(id: string): Contact | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.contacts[slot];
  }

  byPhone(e164: string): Contact[] {
    return this.lookup(this.phones, e164);
  }

  byEmail(email: string): Contact[] {
    return this.lookup(this.emails, email);
  }

  all(): readonly Contact[] {
    this.sorted ??= this.order.map((slot) => this.contacts[slot]);
    return this.sorted;
  }

  contactAt(slot: number): Contact {
    return this.contacts[slot];
  }

  nameOrder(): readonly number[] {
    return this.order;
  }

  nameRanks(): Int32Array {
    if (!this.ranks) {
      const ranks = new Int32Array(this.contacts.length);
      this.order.forEach((slot, rank) => {
        ranks[slot] = rank;
      });
      this.ranks = ranks;
    }
    return this.ranks;
  }

  setDefaultCountry(country: string): void {
    if (country === this.country) {
      return;
    }
    this.country = country;
    this.phones = new Map();
    this.contacts.forEach((contact, slot) => this.mapPhones(contact, slot));
  }

  private lookup(map: Map<string, number | number[]>, key: string): Contact[] {
    const found = map.get(key);
    if (found === undefined) {
      return [];
    }
    return typeof found === 'number'
      ? [this.contacts[found]]
      : found.map((slot) => this.contacts[slot]);
  }

  private mapReachable(contact: Contact, slot: number): void {
    this.mapPhones(contact, slot);
    for (const email of contact.defaultFields.emails) {
      const key = email.value === null ? '' : normalizeEmail(email.value);
      if (key.includes('@')) {
        addKey(this.emails, key, slot);
      }
    }
  }

  private mapPhones(contact: Contact, slot: number): void {
    for (const phone of contact.defaultFields.phoneNumbers) {
      const key = phone.value === null ? undefined : normalizePhone(phone.value, this.country);
      if (key !== undefined) {
        addKey(this.phones, key, slot);
      }
    }
  }

  private unmapReachable(contact: Contact, slot: number): void {
    for (const phone of contact.defaultFields.phoneNumbers) {
      const key = phone.value === null ? undefined : normalizePhone(phone.value, this.country);
      if (key !== undefined) {
        removeKey(this.phones, key, slot);
      }
    }
    for (const email of contact.defaultFields.emails) {
      if (email.value !== null) {
        removeKey(this.emails, normalizeEmail(email.value), slot);
      }
    }
  }

  /** Binary insertion: a page costs O(page · log n) comparisons, so a growing index is never re-sorted whole. */
  private insertInOrder(slot: number): void {
    const contact = this.contacts[slot];
    // Names are kept while the set fills (profiled: working them out again in every comparison was a third of a
    // sync's time) and dropped when it is sealed.
    const names = (this.names ??= []);
    const name = contactDisplayName(contact);
    names[slot] = name;
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const otherSlot = this.order[middle];
      const other = this.contacts[otherSlot];
      const otherName = names[otherSlot] ?? contactDisplayName(other);
      const compared = this.collator().compare(otherName, name) || (other.id < contact.id ? -1 : 1);
      if (compared < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    this.order.splice(low, 0, slot);
  }
}

function addKey(map: Map<string, number | number[]>, key: string, slot: number): void {
  const found = map.get(key);
  if (found === undefined) {
    map.set(key, slot);
  } else if (typeof found === 'number') {
    if (found !== slot) {
      map.set(key, [found, slot]);
    }
  } else if (!found.includes(slot)) {
    found.push(slot);
  }
}

function removeKey(map: Map<string, number | number[]>, key: string, slot: number): void {
  const found = map.get(key);
  if (found === slot) {
    map.delete(key);
  } else if (Array.isArray(found)) {
    const rest = found.filter((other) => other !== slot);
    if (rest.length === 1) {
      map.set(key, rest[0]);
    } else {
      map.set(key, rest);
    }
  }
}
