/**
 * Keys (an id, a phone number, an email) to the slots of the contacts that have them, held as two typed arrays
 * instead of a Map of strings: 12 bytes a key instead of about 60 (the key's own string, the Map's entry), which at
 * 50,000 contacts and their 100,000 numbers and addresses is the difference between 1 and 10 MB.
 *
 * Only a 32-bit hash of each key is kept, so an answer may hold a slot whose key merely hashes alike: the caller
 * checks each slot against the key it asked for (it reads the contact anyway to answer). Open addressing with linear
 * probing; one entry per key and slot, so a number several contacts share has several entries.
 */

const EMPTY = -1;
/** A removed entry: probing goes on past it, and an insertion may reuse it. */
const REMOVED = -2;
const MIN_CAPACITY = 64;

/** FNV-1a over UTF-16 code units. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  }
  return hash | 0;
}

export class SlotTable {
  private hashes = new Int32Array(MIN_CAPACITY);
  private slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  /** Cells that are not EMPTY (live entries and REMOVED marks): what makes probes long. */
  private used = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  add(key: string, slot: number): void {
    const hash = hashKey(key);
    if (this.has(hash, slot)) {
      return;
    }
    if ((this.used + 1) * 4 > this.slots.length * 3) {
      this.resize(this.live + 1);
    }
    const mask = this.slots.length - 1;
    let cell = hash & mask;
    while (this.slots[cell] >= 0) {
      cell = (cell + 1) & mask;
    }
    if (this.slots[cell] === EMPTY) {
      this.used++;
    }
    this.hashes[cell] = hash;
    this.slots[cell] = slot;
    this.live++;
  }

  remove(key: string, slot: number): void {
    const hash = hashKey(key);
    const mask = this.slots.length - 1;
    for (let cell = hash & mask; this.slots[cell] !== EMPTY; cell = (cell + 1) & mask) {
      if (this.slots[cell] === slot && this.hashes[cell] === hash) {
        this.slots[cell] = REMOVED;
        this.live--;
        return;
      }
    }
  }

  /** Slots filed under this key, and possibly under another key of the same hash. */
  find(key: string): number[] {
    const hash = hashKey(key);
    const mask = this.slots.length - 1;
    const found: number[] = [];
    for (let cell = hash & mask; this.slots[cell] !== EMPTY; cell = (cell + 1) & mask) {
      const slot = this.slots[cell];
      if (slot >= 0 && this.hashes[cell] === hash) {
        found.push(slot);
      }
    }
    return found;
  }

  clear(): void {
    this.hashes = new Int32Array(MIN_CAPACITY);
    this.slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.used = 0;
    this.live = 0;
  }

  private has(hash: number, slot: number): boolean {
    const mask = this.slots.length - 1;
    for (let cell = hash & mask; this.slots[cell] !== EMPTY; cell = (cell + 1) & mask) {
      if (this.slots[cell] === slot && this.hashes[cell] === hash) {
        return true;
      }
    }
    return false;
  }

  /** Room for `entries` at most half full, dropping the REMOVED marks. */
  private resize(entries: number): void {
    let capacity = MIN_CAPACITY;
    while (capacity < entries * 2) {
      capacity *= 2;
    }
    const oldHashes = this.hashes;
    const oldSlots = this.slots;
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      const slot = oldSlots[i];
      if (slot < 0) {
        continue;
      }
      let cell = oldHashes[i] & mask;
      while (this.slots[cell] !== EMPTY) {
        cell = (cell + 1) & mask;
      }
      this.hashes[cell] = oldHashes[i];
      this.slots[cell] = slot;
    }
    this.used = this.live;
  }
}
