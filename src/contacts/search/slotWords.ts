/**
 * The typo vocabulary: each slot's words (runs of letters in its name, company, role and prose fields) as numbers
 * into one list of distinct words, and the inverse, the slots of each word (typoMarks.ts reaches contacts through it).
 * Apart from the corpus because of how the lists are kept: back to back in one pool, with no per-slot offset once
 * compacted (when the corpus is sealed, in slot order, so a slot's words start where the ones before it end). A
 * contact set or removed after that is noted aside until the next compaction.
 */
import { isLetter } from './folding.js';
import { MIN_TYPO_LENGTH } from './query.js';

/** Vocabulary words shorter than this cannot be one edit away from a typo-tolerant query word. */
const MIN_VOCABULARY_WORD = MIN_TYPO_LENGTH - 1;
/** Slots per group of a compacted pool: the offset of each group's first slot is kept, the rest added up. */
const GROUP_SHIFT = 5;
/** A count of this or more is kept in `many`. */
const MANY = 0xff;

interface Postings {
  readonly version: number;
  /** Word w's slots are slots[offsets[w] .. offsets[w + 1]). */
  readonly offsets: Int32Array;
  readonly slots: Int32Array;
}

export class SlotWords {
  /** Vocabulary word by number. */
  readonly words: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Word numbers, two bytes each while the vocabulary allows (a real workspace of 50,000 has thousands of words). */
  private pool: Uint16Array | Int32Array = new Uint16Array(4096);
  private length = 0;
  /** Per slot, its count of words (a byte; MANY and more in `many`) and, until compacted, where they start. */
  private countOf = new Uint8Array(256);
  private readonly many = new Map<number, number>();
  private fromOf: Int32Array | undefined = new Int32Array(256);
  /** After compact(), the first word of each group of slots; slots set or removed since, where their words are. */
  private groupStart = new Int32Array(0);
  private readonly moved = new Map<number, readonly [number, number]>();
  private inverted: Postings | undefined;

  /** The word numbers of every slot: pool()[range(slot)[0] .. range(slot)[1]). */
  get list(): Uint16Array | Int32Array {
    return this.pool;
  }

  ensure(capacity: number): void {
    if (capacity <= this.countOf.length) {
      return;
    }
    const size = Math.max(capacity, this.countOf.length * 2);
    const counts = new Uint8Array(size);
    counts.set(this.countOf);
    this.countOf = counts;
    if (this.fromOf) {
      const from = new Int32Array(size);
      from.set(this.fromOf);
      this.fromOf = from;
    }
  }

  /** The words of `texts` (folded) become slot's. `slots`: how many the corpus has, for going back to offsets. */
  set(slot: number, texts: readonly string[], slots: number): void {
    const from = this.length;
    for (const text of texts) {
      this.addWords(text, from);
    }
    this.place(slot, from, this.length - from, slots);
  }

  /** The slot has no words any more (a removed contact). */
  clear(slot: number, slots: number): void {
    this.place(slot, this.range(slot)[0], 0, slots);
  }

  /** Where slot's word numbers are in `list`: [from, to). */
  range(slot: number): readonly [number, number] {
    const moved = this.moved.get(slot);
    if (moved) {
      return moved;
    }
    if (this.fromOf) {
      const from = this.fromOf[slot];
      return [from, from + this.count(slot)];
    }
    const group = slot >>> GROUP_SHIFT;
    if (group >= this.groupStart.length) {
      return [0, 0];
    }
    let from = this.groupStart[group];
    for (let before = group << GROUP_SHIFT; before < slot; before++) {
      from += this.count(before);
    }
    return [from, from + this.count(slot)];
  }

  /**
   * The slots whose words include word number `word`, calling `visit` for each: the inverse of the lists, built on
   * first use for this version of the corpus (one pass over the lists) and kept until it changes.
   */
  forEachSlotWithWord(word: number, version: number, slots: number, visit: (slot: number) => void): void {
    const postings = this.postings(version, slots);
    for (let i = postings.offsets[word], end = postings.offsets[word + 1]; i < end; i++) {
      visit(postings.slots[i]);
    }
  }

  /** Rewrites the pool in slot order without the words of replaced and removed contacts, and drops the offsets. */
  compact(slots: number): void {
    const pool = this.pool instanceof Uint16Array ? new Uint16Array(this.length) : new Int32Array(this.length);
    const counts = new Uint8Array(slots);
    const groupStart = new Int32Array((slots + (1 << GROUP_SHIFT) - 1) >>> GROUP_SHIFT);
    const many = new Map<number, number>();
    let length = 0;
    for (let slot = 0; slot < slots; slot++) {
      if ((slot & ((1 << GROUP_SHIFT) - 1)) === 0) {
        groupStart[slot >>> GROUP_SHIFT] = length;
      }
      const [from, to] = this.range(slot);
      pool.set(this.pool.subarray(from, to), length);
      length += to - from;
      counts[slot] = Math.min(to - from, MANY);
      if (to - from >= MANY) {
        many.set(slot, to - from);
      }
    }
    this.pool = pool.slice(0, length);
    this.length = length;
    this.countOf = counts;
    this.many.clear();
    many.forEach((count, slot) => this.many.set(slot, count));
    this.groupStart = groupStart;
    this.fromOf = undefined;
    this.moved.clear();
  }

  private count(slot: number): number {
    const count = this.countOf[slot];
    return count === MANY ? (this.many.get(slot) ?? count) : count;
  }

  private place(slot: number, from: number, count: number, slots: number): void {
    if (this.fromOf) {
      this.fromOf[slot] = from;
      this.countOf[slot] = Math.min(count, MANY);
      if (count >= MANY) {
        this.many.set(slot, count);
      } else {
        this.many.delete(slot);
      }
      return;
    }
    this.moved.set(slot, [from, from + count]);
    // A refresh that changed much is cheaper with offsets again than with a large map until the next compaction.
    if (this.moved.size > Math.max(64, slots >>> 4)) {
      this.uncompact(slots);
    }
  }

  private uncompact(slots: number): void {
    const fromOf = new Int32Array(this.countOf.length);
    const ranges = Array.from({ length: slots }, (_, slot) => this.range(slot));
    ranges.forEach(([from], slot) => {
      fromOf[slot] = from;
    });
    this.fromOf = fromOf;
    this.moved.clear();
    ranges.forEach(([from, to], slot) => {
      this.place(slot, from, to - from, slots);
    });
  }

  private postings(version: number, slots: number): Postings {
    if (this.inverted?.version === version) {
      return this.inverted;
    }
    const ranges = Array.from({ length: slots }, (_, slot) => this.range(slot));
    const offsets = new Int32Array(this.words.length + 1);
    for (const [from, to] of ranges) {
      for (let i = from; i < to; i++) {
        offsets[this.pool[i] + 1]++;
      }
    }
    for (let w = 0; w < this.words.length; w++) {
      offsets[w + 1] += offsets[w];
    }
    const fill = offsets.slice(0, this.words.length);
    const postings = new Int32Array(offsets[this.words.length]);
    ranges.forEach(([from, to], slot) => {
      for (let i = from; i < to; i++) {
        postings[fill[this.pool[i]]++] = slot;
      }
    });
    this.inverted = { version, offsets, slots: postings };
    return this.inverted;
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
    let number = this.numbers.get(word);
    if (number === undefined) {
      number = this.words.length;
      this.numbers.set(word, number);
      this.words.push(word);
    }
    for (let i = slotStart; i < this.length; i++) {
      if (this.pool[i] === number) {
        return;
      }
    }
    if (this.length === this.pool.length || (number > 0xffff && this.pool instanceof Uint16Array)) {
      const capacity = Math.max(4096, this.length === this.pool.length ? this.pool.length * 2 : this.pool.length);
      const grown = number > 0xffff || this.pool instanceof Int32Array ? new Int32Array(capacity) : new Uint16Array(capacity);
      grown.set(this.pool);
      this.pool = grown;
    }
    this.pool[this.length++] = number;
  }
}
