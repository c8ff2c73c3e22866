/**
 * The contacts of one workspace as the index holds them: each contact once (by id) as a packed record
 * (packedContact.ts), its id, numbers and addresses mapped back to it in hash tables of typed arrays (several
 * contacts can share a number), kept in display-name order, and the search corpus over them. Changed in place: a
 * listing adds, replaces and removes contacts by id (contactIndex.ts decides when), so a refresh never holds a
 * second copy of the workspace.
 *
 * A contact is unpacked when something reads it; the last few hundred read are kept, so a quick pick's successive
 * keystrokes and a tree's expanded group read the same objects again.
 */
import type { Contact } from '../quo/types.js';
import { contactDisplayName } from './contactName.js';
import { ContactList } from './contactList.js';
import { PackTable, isPackedId, packContact, packedId, unpackContact } from './packedContact.js';
import { normalizeEmail, normalizePhone } from './phone.js';
import type { SearchableContacts } from './search/contactSearch.js';
import { SearchCorpus } from './search/corpus.js';
import { SlotTable } from './slotTable.js';

/** Contacts kept unpacked, in each of the two generations of the cache of read contacts. */
const UNPACKED_KEPT = 256;

/** One set of contacts. Addressed by slot; a removed contact's slot is reused. */
export class ContactSet implements SearchableContacts {
  readonly corpus = new SearchCorpus();
  private readonly table = new PackTable();
  private readonly records: (string | undefined)[] = [];
  /** Display names by slot: the order, the tree's letters and its range labels read them without unpacking. */
  private readonly names: (string | undefined)[] = [];
  private readonly companies: (string | null)[] = [];
  private readonly ids = new SlotTable();
  private phones = new SlotTable();
  private readonly emails = new SlotTable();
  private readonly free: number[] = [];
  private live = 0;
  /** Live slots in display-name order. Replaced, never changed, once a list was made from it. */
  private order: number[] = [];
  private orderShared = false;
  private ranks: Int32Array | undefined;
  private list: ContactList | undefined;
  private unpacked = new Map<number, Contact>();
  private unpackedBefore = new Map<number, Contact>();

  constructor(
    private country: string,
    private readonly collator: () => Intl.Collator,
  ) {}

  /** Where national numbers are read, in stored values and in search queries. */
  get defaultCountry(): string {
    return this.country;
  }

  get size(): number {
    return this.live;
  }

  /** Adds the contact, or replaces the one with its id; answers its slot. */
  put(contact: Contact, packed: string = packContact(contact, this.table)): number {
    const existing = this.slotOf(contact.id);
    if (existing !== undefined) {
      this.unmap(existing);
    }
    const slot = existing ?? this.free.pop() ?? this.records.length;
    if (existing === undefined) {
      this.live++;
    }
    this.records[slot] = packed;
    // Kept for the order and the tree's groups without unpacking: the table's copies, as a company is shared by
    // many contacts (45,000 companies were 1.4 MB of copies of a few hundred strings at 50,000 contacts).
    this.names[slot] = this.table.shared(contactDisplayName(contact));
    const company = contact.defaultFields.company;
    this.companies[slot] = company === null ? null : this.table.shared(company);
    this.ids.add(contact.id, slot);
    this.mapReachable(contact, slot);
    this.insertInOrder(slot);
    this.corpus.set(slot, contact);
    this.changed(slot);
    return slot;
  }

  /** A record made by pack(), e.g. kept aside by a refresh until its listing is complete. */
  putPacked(packed: string): number {
    return this.put(unpackContact(packed, this.table), packed);
  }

  /** The contact as this set holds it; two packings of the same contact are the same string. */
  pack(contact: Contact): string {
    return packContact(contact, this.table);
  }

  /** Removes the contact with this id, if it is here. */
  remove(id: string): void {
    const slot = this.slotOf(id);
    if (slot === undefined) {
      return;
    }
    this.unmap(slot);
    this.records[slot] = undefined;
    this.names[slot] = undefined;
    this.companies[slot] = null;
    this.corpus.remove(slot);
    this.free.push(slot);
    this.live--;
    this.changed(slot);
  }

  /** The slot of the contact with this id, if it is here. */
  slotOf(id: string): number | undefined {
    return this.ids.find(id).find((slot) => isPackedId(this.records[slot] as string, id));
  }

  /** Whether `slot` holds exactly this record (a listing that brings nothing new changes nothing). */
  holds(slot: number, packed: string): boolean {
    return this.records[slot] === packed;
  }

  has(id: string): boolean {
    return this.slotOf(id) !== undefined;
  }

  /** The id in a slot, read from its record without unpacking the contact. */
  idIn(slot: number): string {
    return packedId(this.records[slot] as string);
  }

  /** Called when a listing is complete: drops what only packing needed. */
  seal(): void {
    this.table.forget();
    this.corpus.seal();
  }

  byId(id: string): Contact | undefined {
    const slot = this.slotOf(id);
    return slot === undefined ? undefined : this.contactAt(slot);
  }

  byPhone(e164: string): Contact[] {
    return this.phones
      .find(e164)
      .map((slot) => this.contactAt(slot))
      .filter((contact) => this.phoneKeys(contact).includes(e164));
  }

  byEmail(email: string): Contact[] {
    return this.emails
      .find(email)
      .map((slot) => this.contactAt(slot))
      .filter((contact) => emailKeys(contact).includes(email));
  }

  /** Every contact in display-name order, as of now: the next change makes a new list. */
  all(): ContactList {
    if (this.list === undefined) {
      this.orderShared = true;
      this.list = new ContactList(this.order, this);
    }
    return this.list;
  }

  /** Each live slot once, in no particular order. */
  *slots(): IterableIterator<number> {
    for (let slot = 0; slot < this.records.length; slot++) {
      if (this.records[slot] !== undefined) {
        yield slot;
      }
    }
  }

  contactAt(slot: number): Contact {
    let contact = this.unpacked.get(slot);
    if (contact !== undefined) {
      return contact;
    }
    contact = this.unpackedBefore.get(slot);
    if (contact === undefined) {
      const record = this.records[slot];
      if (record === undefined) {
        throw new RangeError(`no contact in slot ${slot}`);
      }
      contact = unpackContact(record, this.table);
    }
    if (this.unpacked.size >= UNPACKED_KEPT) {
      this.unpackedBefore = this.unpacked;
      this.unpacked = new Map();
    }
    this.unpacked.set(slot, contact);
    return contact;
  }

  nameAt(slot: number): string {
    return this.names[slot] ?? '';
  }

  companyAt(slot: number): string | null {
    return this.companies[slot] ?? null;
  }

  nameOrder(): readonly number[] {
    return this.order;
  }

  nameRanks(): Int32Array {
    if (!this.ranks) {
      const ranks = new Int32Array(this.records.length);
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
    this.phones = new SlotTable();
    for (const slot of this.slots()) {
      for (const key of this.phoneKeys(this.contactAt(slot))) {
        this.phones.add(key, slot);
      }
    }
  }

  private changed(slot: number): void {
    this.ranks = undefined;
    this.list = undefined;
    this.unpacked.delete(slot);
    this.unpackedBefore.delete(slot);
  }

  private phoneKeys(contact: Contact): string[] {
    const keys: string[] = [];
    for (const phone of contact.defaultFields.phoneNumbers) {
      const key = phone.value === null ? undefined : normalizePhone(phone.value, this.country);
      if (key !== undefined) {
        keys.push(key);
      }
    }
    return keys;
  }

  private mapReachable(contact: Contact, slot: number): void {
    for (const key of this.phoneKeys(contact)) {
      this.phones.add(key, slot);
    }
    for (const key of emailKeys(contact)) {
      this.emails.add(key, slot);
    }
  }

  /** Takes the contact in `slot` out of the keys and the order, before it is replaced or removed. */
  private unmap(slot: number): void {
    const before = this.contactAt(slot);
    this.ids.remove(before.id, slot);
    for (const key of this.phoneKeys(before)) {
      this.phones.remove(key, slot);
    }
    for (const key of emailKeys(before)) {
      this.emails.remove(key, slot);
    }
    const order = this.ownOrder();
    const at = this.positionOf(slot);
    if (at >= 0) {
      order.splice(at, 1);
    }
  }

  /** The order to change: a copy when a list was made from the current one. */
  private ownOrder(): number[] {
    if (this.orderShared) {
      this.order = [...this.order];
      this.orderShared = false;
    }
    return this.order;
  }

  /** Where a slot is in the order: found by its name first, then scanned near it (equal names). */
  private positionOf(slot: number): number {
    const at = this.searchOrder(slot);
    if (this.order[at] === slot) {
      return at;
    }
    return this.order.indexOf(slot);
  }

  /** Binary insertion: a page costs O(page · log n) comparisons, so a growing index is never re-sorted whole. */
  private insertInOrder(slot: number): void {
    const order = this.ownOrder();
    order.splice(this.searchOrder(slot), 0, slot);
  }

  /** The first position whose contact sorts at or after the one in `slot` (by name, then id). */
  private searchOrder(slot: number): number {
    const name = this.names[slot] ?? '';
    const id = this.idOfRecord(slot);
    const collator = this.collator();
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = this.order[middle];
      const compared = collator.compare(this.names[other] ?? '', name) || compareIds(this.idOfRecord(other), id);
      if (compared < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Records start with the id as a JSON string: comparing those orders the ids alike, without unpacking. */
  private idOfRecord(slot: number): string {
    const record = this.records[slot] as string;
    return record.slice(0, record.indexOf('",') + 1);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emailKeys(contact: Contact): string[] {
  const keys: string[] = [];
  for (const email of contact.defaultFields.emails) {
    const key = email.value === null ? '' : normalizeEmail(email.value);
    if (key.includes('@')) {
      keys.push(key);
    }
  }
  return keys;
}
