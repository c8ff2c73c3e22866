/**
 * The contacts one sandbox workspace serves, changed by the writes. Copy on write: a list handed out earlier (the
 * `contacts` a test holds) stays as it was. The indexes the list route pages through are rebuilt on the first read
 * after a change.
 */

import type { Random } from './random.js';
import type { ApiContact } from './wire.js';

export class ContactStore {
  private list: readonly ApiContact[];
  private indexed = false;
  private positions = new Map<string, number>();
  private byExternalId = new Map<string, number[]>();
  private bySource = new Map<string, number[]>();
  /** Every id served or refused on purpose, so a new contact never takes one, even a deleted one's. */
  private readonly issued: Set<string>;

  constructor(contacts: readonly ApiContact[], reserved: Iterable<string> = []) {
    this.list = [...contacts];
    this.issued = new Set([...contacts.map((contact) => contact.id), ...reserved]);
  }

  /** In list order: as given or generated, each created contact after them in creation order. */
  get contacts(): readonly ApiContact[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  at(position: number): ApiContact | undefined {
    return this.list[position];
  }

  get(id: string): ApiContact | undefined {
    const position = this.position(id);
    return position === undefined ? undefined : this.list[position];
  }

  position(id: string): number | undefined {
    this.index();
    return this.positions.get(id);
  }

  /** Ascending positions of the contacts with this external id. */
  externalIdPositions(externalId: string): readonly number[] {
    this.index();
    return this.byExternalId.get(externalId) ?? [];
  }

  /** Ascending positions of the contacts from this source. */
  sourcePositions(source: string): readonly number[] {
    this.index();
    return this.bySource.get(source) ?? [];
  }

  add(contact: ApiContact): void {
    this.issued.add(contact.id);
    this.list = [...this.list, contact];
    this.indexed = false;
  }

  /** Puts `contact` where the contact with its id is; false when there is none. */
  replace(contact: ApiContact): boolean {
    const position = this.position(contact.id);
    if (position === undefined) {
      return false;
    }
    const next = [...this.list];
    next[position] = contact;
    this.list = next;
    // Positions stay; only the external id and source indexes may change.
    this.indexed = false;
    return true;
  }

  remove(id: string): boolean {
    const position = this.position(id);
    if (position === undefined) {
      return false;
    }
    this.list = this.list.filter((_, i) => i !== position);
    this.indexed = false;
    return true;
  }

  /**
   * A fresh id shaped like Quo's: 24 lowercase hex digits, the first 8 the creation second (as in a MongoDB ObjectId),
   * never one this workspace has served.
   */
  newContactId(createdMs: number, random: Random): string {
    const second = Math.max(0, Math.floor(createdMs / 1000)).toString(16).padStart(8, '0').slice(-8);
    let id = second + random.hex(16);
    while (this.issued.has(id)) {
      id = second + random.hex(16);
    }
    this.issued.add(id);
    return id;
  }

  private index(): void {
    if (this.indexed) {
      return;
    }
    this.positions = new Map();
    this.byExternalId = new Map();
    this.bySource = new Map();
    this.list.forEach((contact, position) => {
      this.positions.set(contact.id, position);
      if (contact.externalId !== null) {
        append(this.byExternalId, contact.externalId, position);
      }
      if (contact.source !== null) {
        append(this.bySource, contact.source, position);
      }
    });
    this.indexed = true;
  }
}

function append(index: Map<string, number[]>, key: string, position: number): void {
  const list = index.get(key);
  if (list) {
    list.push(position);
  } else {
    index.set(key, [position]);
  }
}
