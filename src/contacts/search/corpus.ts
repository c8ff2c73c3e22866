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
import { isLetter } from './folding.js';
import { buildHaystack } from './haystack.js';
import { wordStartMask } from './haystackGeometry.js';
import { MIN_TYPO_LENGTH } from './query.js';

/** Vocabulary words shorter than this cannot be one edit away from a typo-tolerant query word. */
const MIN_VOCABULARY_WORD = MIN_TYPO_LENGTH - 1;

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
  /** Slot s's haystack is blocks[blockOf[s]].slice(startOf[s], endOf[s]). */
  private blockOf = new Int32Array(256);
  private startOf = new Int32Array(256);
  private endOf = new Int32Array(256);
  /** Per slot, which characters start a word in its haystack (wordStartBit), to bound scores cheaply. */
  private startsOf = new Int32Array(256);
  private readonly vocabulary = new Map<string, number>();
  /** Vocabulary word by number. */
  readonly words: string[] = [];
  /** Every slot's word numbers, back to back; slot s owns wordPool[wordFrom[s] .. wordTo[s]). */
  private wordPool = new Int32Array(4096);
  private poolLength = 0;
  private wordFrom = new Int32Array(256);
  private wordTo = new Int32Array(256);
  private changes = 0;
  private inverted: Postings | undefined;

  get size(): number {
    return this.count;
  }

  /** Changes whenever a slot is added or replaced; searches cached for one version are invalid in the next. */
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
    }
    this.pending.push(haystack.text);
    this.pendingSlots.push(slot);
    // A replaced slot's old text and words stay where they were, unused: that happens only for a contact listed
    // twice, so compacting is not worth its code.
    const from = this.poolLength;
    for (const text of haystack.wordy) {
      this.addWords(text, from);
    }
    this.wordFrom[slot] = from;
    this.wordTo[slot] = this.poolLength;
    this.changes++;
  }

  /** Makes everything set so far searchable, as one new block. */
  flush(): void {
    if (this.pending.length === 0) {
      return;
    }
    const block = this.blocks.length;
    // join() builds one flat string; `+=` would leave a rope that V8 flattens (and copies) on the first search.
    this.blocks.push(this.pending.join(''));
    let offset = 0;
    this.pending.forEach((text, i) => {
      const slot = this.pendingSlots[i];
      this.blockOf[slot] = block;
      this.startOf[slot] = offset;
      offset += text.length;
      this.endOf[slot] = offset;
      this.startsOf[slot] = wordStartMask(text);
    });
    this.pending = [];
    this.pendingSlots = [];
  }

  /** The haystack of one slot (a view into its block; V8 does not copy slices of 13 characters or more). */
  haystack(slot: number): string {
    this.flush();
    return this.blocks[this.blockOf[slot]]?.slice(this.startOf[slot], this.endOf[slot]) ?? '';
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
    return this.endOf[slot];
  }

  /** The characters that start a word in the slot's haystack, as wordStartBit bits. */
  wordStarts(slot: number): number {
    return this.startsOf[slot];
  }

  /**
   * The slots whose words include vocabulary word `word`, calling `visit` for each: the inverse of the word lists,
   * built on first use for this version (one pass over the lists) and kept until the corpus changes.
   */
  forEachSlotWithWord(word: number, visit: (slot: number) => void): void {
    const postings = this.postings();
    for (let i = postings.offsets[word], end = postings.offsets[word + 1]; i < end; i++) {
      visit(postings.slots[i]);
    }
  }

  private postings(): Postings {
    if (this.inverted?.version === this.changes) {
      return this.inverted;
    }
    const offsets = new Int32Array(this.words.length + 1);
    for (let slot = 0; slot < this.count; slot++) {
      for (let i = this.wordFrom[slot], end = this.wordTo[slot]; i < end; i++) {
        offsets[(this.wordPool[i]) + 1]++;
      }
    }
    for (let w = 0; w < this.words.length; w++) {
      offsets[w + 1] = (offsets[w + 1]) + (offsets[w]);
    }
    const fill = offsets.slice(0, this.words.length);
    const slots = new Int32Array(offsets[this.words.length]);
    for (let slot = 0; slot < this.count; slot++) {
      for (let i = this.wordFrom[slot], end = this.wordTo[slot]; i < end; i++) {
        const word = this.wordPool[i];
        slots[fill[word]] = slot;
        fill[word] = (fill[word]) + 1;
      }
    }
    this.inverted = { version: this.changes, offsets, slots };
    return this.inverted;
  }

  /** The word numbers of a slot: `pool()[from(slot) .. to(slot))`. */
  pool(): Int32Array {
    return this.wordPool;
  }

  from(slot: number): number {
    return this.wordFrom[slot];
  }

  to(slot: number): number {
    return this.wordTo[slot];
  }

  /**
   * Trims the growth slack off the arrays once no more contacts will come (a complete sync), so an index that stops
   * growing keeps no unused capacity.
   */
  seal(): void {
    this.flush();
    this.wordPool = this.wordPool.slice(0, this.poolLength);
    this.wordFrom = this.wordFrom.slice(0, this.count);
    this.wordTo = this.wordTo.slice(0, this.count);
    this.blockOf = this.blockOf.slice(0, this.count);
    this.startOf = this.startOf.slice(0, this.count);
    this.endOf = this.endOf.slice(0, this.count);
    this.startsOf = this.startsOf.slice(0, this.count);
  }

  private addWords(text: string, slotStart: number): void {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const letter = i < text.length && isLetter(text.charCodeAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        if (i - start >= MIN_VOCABULARY_WORD) {
          this.addWord(text.slice(start, i), slotStart);
        }
        start = -1;
      }
    }
  }

  private addWord(word: string, slotStart: number): void {
    let number = this.vocabulary.get(word);
    if (number === undefined) {
      number = this.words.length;
      this.vocabulary.set(word, number);
      this.words.push(word);
    }
    for (let i = slotStart; i < this.poolLength; i++) {
      if (this.wordPool[i] === number) {
        return;
      }
    }
    if (this.poolLength === this.wordPool.length) {
      this.wordPool = grow(this.wordPool, this.wordPool.length * 2);
    }
    this.wordPool[this.poolLength++] = number;
  }

  private ensureSlots(count: number): void {
    if (count <= this.wordFrom.length) {
      return;
    }
    const capacity = Math.max(count, this.wordFrom.length * 2);
    this.wordFrom = grow(this.wordFrom, capacity);
    this.wordTo = grow(this.wordTo, capacity);
    this.blockOf = grow(this.blockOf, capacity);
    this.startOf = grow(this.startOf, capacity);
    this.endOf = grow(this.endOf, capacity);
    this.startsOf = grow(this.startsOf, capacity);
  }
}

interface Postings {
  readonly version: number;
  /** Word w's slots are slots[offsets[w] .. offsets[w + 1]). */
  readonly offsets: Int32Array;
  readonly slots: Int32Array;
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}
