/**
 * The searchable form of the whole index, laid out for the search loop rather than for reading: haystacks back to
 * back in one block per page, per-slot offsets and word-start masks in typed arrays, and the typo vocabulary with
 * its inverted list. It exists apart from the index so that the index keeps the contacts and this keeps only derived
 * text and numbers, and apart from the search session so that many sessions (one per quick pick) can share it.
 *
 * Blocks rather than one string per contact: a query word is then found with one indexOf per occurrence across many
 * contacts instead of one per contact, which is what makes rare words (a phone number's digits, a misspelt name)
 * cheap; and 10,000 string headers are saved.
 */
import type { Contact } from '../../quo/types.js';
import { DIGITS, GRAMS, LIVE, MASKS, slotMasks } from './charMasks.js';
import { GramLists } from './gramLists.js';
import { GramTable } from './gramMasks.js';
import { GramPresence } from './gramPresence.js';
import { buildHaystack } from './haystack.js';
import { SlotWords } from './slotWords.js';

/** The most characters a block holds with others (offsets take two bytes); a longer haystack gets a block of its own. */
const LONGEST = 0xffff;


/**
 * The searchable form of a set of contacts, addressed by slot (0..size-1). Filled by the index as pages arrive.
 * Holds only derived text and numbers; the contacts themselves stay with the index.
 */
export class SearchCorpus {
  private readonly blocks: string[] = [];
  /** Haystacks set since the last flush, and their slots. */
  private pending: string[] = [];
  private pendingSlots: number[] = [];
  private count = 0;
  /**
   * Slot s's haystack is blocks[blockOf[s]].slice(start(s), end(s)), at startOf[s] for lengthOf[s] characters. Two
   * bytes each: a block holds at most LONGEST characters, and a longer haystack a block of its own, its length LONGEST
   * standing for "to the block's end". Block numbers take two bytes while they last.
   */
  private blockOf: Uint16Array | Int32Array = new Uint16Array(256);
  private startOf = new Uint16Array(256);
  private lengthOf = new Uint16Array(256);
  /**
   * Per slot, MASKS summaries of its haystack (charMasks.ts), so that a search skips what cannot match. A slot that
   * holds a contact has LIVE set in them, from set() on; a removed slot's are all zero.
   */
  private masksOf = new Int32Array(256 * MASKS);
  private removed = 0;
  private changes = 0;
  /** The typo vocabulary: each slot's words, and the slots of each word. */
  private readonly slotWords = new SlotWords();
  private readonly presence = new GramPresence();
  /** Which pairs of letters and digits have mask bits of their own: ranked when the corpus is sealed. */
  private pairs = GramTable.unranked();
  /** The slots of rare triples people type, listed when the corpus is sealed. */
  private lists = GramLists.none();

  /** Slots, removed ones included: searches address slots 0..size-1. */
  get size(): number {
    return this.count;
  }

  /** Slots holding a contact: size without the removed ones. */
  get liveCount(): number {
    return this.count - this.removed;
  }

  /** Changes whenever a slot is added, replaced or removed; searches cached for one version are invalid in the next. */
  get version(): number {
    return this.changes;
  }

  /**
   * Adds (slot === size) or replaces the searchable form of the contact in `slot`. Searchable after flush(), which
   * a search does itself; the index calls it once per page.
   */
  set(slot: number, contact: Contact): void {
    if (slot < 0 || slot > this.count) {
      throw new RangeError(`slot ${slot} is out of range 0..${this.count}`);
    }
    const haystack = buildHaystack(contact);
    if (slot === this.count) {
      this.count++;
      this.ensureSlots(this.count);
    } else if (!this.live(slot)) {
      this.removed--;
    }
    this.masksOf[slot * MASKS + DIGITS] |= LIVE;
    this.pending.push(haystack.text);
    this.pendingSlots.push(slot);
    this.lists.noteChanged(slot);
    // A replaced slot's old text stays in its block, unused; its old words go when the corpus is next sealed.
    this.slotWords.set(slot, haystack.wordy, this.count);
    this.changes++;
  }

  private live(slot: number): boolean {
    return (this.masksOf[slot * MASKS + DIGITS] & LIVE) !== 0;
  }

  /**
   * Makes the slot match nothing until it is set again (a contact deleted during a refresh): no search returns it,
   * matchCount does not count it, and liveCount leaves it out. Its text stays in its block, unused, like a replaced
   * slot's.
   */
  remove(slot: number): void {
    if (slot < 0 || slot >= this.count) {
      throw new RangeError(`slot ${slot} is out of range 0..${this.count - 1}`);
    }
    if (!this.live(slot)) {
      return;
    }
    if (this.pendingSlots.includes(slot)) {
      const keep = this.pendingSlots.map((pending) => pending !== slot);
      this.pending = this.pending.filter((_, i) => keep[i]);
      this.pendingSlots = this.pendingSlots.filter((_, i) => keep[i]);
    }
    this.removed++;
    this.lists.noteChanged(slot);
    // Masks of zero fail every text's test (each needs at least one bit), so the search loop reads nothing more.
    this.masksOf.fill(0, slot * MASKS, (slot + 1) * MASKS);
    this.blockOf[slot] = 0;
    this.startOf[slot] = 0;
    this.lengthOf[slot] = 0;
    this.slotWords.clear(slot, this.count);
    this.changes++;
  }

  /** Makes everything set so far searchable, as new blocks (one per page, unless it holds more than LONGEST). */
  flush(): void {
    let first = 0;
    while (first < this.pending.length) {
      let next = first + 1;
      let length = this.pending[first]?.length ?? 0;
      while (next < this.pending.length && length + (this.pending[next]?.length ?? 0) <= LONGEST) {
        length += this.pending[next]?.length ?? 0;
        next++;
      }
      this.addBlock(first, next);
      first = next;
    }
    this.pending = [];
    this.pendingSlots = [];
  }

  private addBlock(first: number, next: number): void {
    const block = this.blocks.length;
    if (block > 0xffff && this.blockOf instanceof Uint16Array) {
      this.blockOf = Int32Array.from(this.blockOf);
    }
    const texts = this.pending.slice(first, next);
    // join() builds one flat string; `+=` would leave a rope that V8 flattens (and copies) on the first search.
    this.blocks.push(texts.join(''));
    let offset = 0;
    texts.forEach((text, i) => {
      const slot = this.pendingSlots[first + i];
      this.blockOf[slot] = block;
      this.startOf[slot] = offset;
      this.lengthOf[slot] = Math.min(text.length, LONGEST);
      offset += text.length;
      slotMasks(text, this.masksOf, slot * MASKS, this.pairs);
      this.masksOf[slot * MASKS + DIGITS] |= LIVE;
      this.presence.add(text);
    });
  }

  /** The haystack of one slot (a view into its block; V8 does not copy slices of 13 characters or more). */
  haystack(slot: number): string {
    this.flush();
    return this.blocks[this.blockOf[slot]]?.slice(this.startOf[slot], this.end(slot)) ?? '';
  }

  /** For the search loop: where slot s's haystack is. Valid after flush(). */
  block(index: number): string {
    return this.blocks[index];
  }

  blockIndex(slot: number): number {
    return this.blockOf[slot];
  }

  start(slot: number): number {
    return this.startOf[slot];
  }

  end(slot: number): number {
    const length = this.lengthOf[slot];
    return length === LONGEST ? (this.blocks[this.blockOf[slot]]?.length ?? 0) : this.startOf[slot] + length;
  }

  /** False when `text` occurs in no contact (pairs and triples of characters say so); true when it may. */
  mayOccur(text: string): boolean {
    return this.presence.mayOccur(text);
  }

  /** The lists of rare triples (gramLists.ts), for narrowing a search to the slots that can hold a word. */
  gramLists(): GramLists {
    return this.lists;
  }

  /** The pairs the masks were computed with, for what a query text needs of them. */
  gramTable(): GramTable {
    return this.pairs;
  }

  /** For the search loop: slot s's masks are masks()[s * MASKS .. (s + 1) * MASKS). Valid after flush(). */
  masks(): Int32Array {
    return this.masksOf;
  }

  /** Vocabulary word by number (the typo vocabulary: slotWords.ts). */
  get words(): readonly string[] {
    return this.slotWords.words;
  }

  /** The slots whose words include vocabulary word `word`, calling `visit` for each. */
  forEachSlotWithWord(word: number, visit: (slot: number) => void): void {
    this.slotWords.forEachSlotWithWord(word, this.changes, this.count, visit);
  }

  /** The word numbers of a slot: `pool()[from(slot) .. to(slot))`. */
  pool(): Uint16Array | Int32Array {
    return this.slotWords.list;
  }

  from(slot: number): number {
    return this.slotWords.range(slot)[0];
  }

  to(slot: number): number {
    return this.slotWords.range(slot)[1];
  }

  /**
   * Trims the growth slack off the arrays once no more contacts will come (a complete sync), so an index that stops
   * growing keeps no unused capacity.
   */
  seal(): void {
    this.flush();
    this.rankPairs();
    this.lists = GramLists.build(this.count, (visit) => {
      for (let slot = 0; slot < this.count; slot++) {
        if (this.live(slot)) {
          visit(slot, this.blocks[this.blockOf[slot]] ?? '', this.startOf[slot], this.end(slot));
        }
      }
    });
    this.slotWords.compact(this.count);
    this.blockOf = this.blockOf.slice(0, this.count);
    this.startOf = this.startOf.slice(0, this.count);
    this.lengthOf = this.lengthOf.slice(0, this.count);
    this.masksOf = this.masksOf.slice(0, this.count * MASKS);
  }

  /**
   * Chooses which words and pairs get bits of their own (gramMasks.ts), and recomputes every slot's bits when that
   * changes: three passes over the text, about 0.1 s for 50,000 contacts, once per complete listing.
   */
  private rankPairs(): void {
    const ranked = GramTable.ranked((visit) => {
      for (let slot = 0; slot < this.count; slot++) {
        if (this.live(slot)) {
          visit(this.blocks[this.blockOf[slot]] ?? '', this.startOf[slot], this.end(slot));
        }
      }
    });
    if (ranked.sameAs(this.pairs)) {
      return;
    }
    this.pairs = ranked;
    for (let slot = 0; slot < this.count; slot++) {
      if (this.live(slot)) {
        ranked.fillSlot(this.blocks[this.blockOf[slot]] ?? '', this.startOf[slot], this.end(slot), this.masksOf, slot * MASKS + GRAMS);
      }
    }
  }

  private ensureSlots(count: number): void {
    if (count <= this.startOf.length) {
      return;
    }
    const capacity = Math.max(count, this.startOf.length * 2);
    this.slotWords.ensure(capacity);
    this.blockOf = grow(this.blockOf, this.blockOf instanceof Uint16Array ? new Uint16Array(capacity) : new Int32Array(capacity));
    this.startOf = grow(this.startOf, new Uint16Array(capacity));
    this.lengthOf = grow(this.lengthOf, new Uint16Array(capacity));
    this.masksOf = grow(this.masksOf, new Int32Array(capacity * MASKS));
  }
}

/** `grown`, holding `array` from its start. */
function grow<T extends Int32Array | Uint16Array | Uint8Array>(array: Int32Array | Uint16Array | Uint8Array, grown: T): T {
  grown.set(array);
  return grown;
}
