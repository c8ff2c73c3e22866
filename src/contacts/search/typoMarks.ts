/**
 * Typo tolerance without scanning text: the query's typo-tolerant words are compared once with the corpus's
 * vocabulary, and the contacts holding a word that came within one edit are marked through the inverted list, so
 * the search loop reads one byte per candidate. The marks belong to a search session and are reused from keystroke
 * to keystroke: once large enough, marking allocates nothing.
 */
import type { SearchCorpus } from './corpus.js';
import type { Term } from './query.js';
import * as typoMatch from './typoMatch.js';

/** Copied once, for the loop over the vocabulary that runs on every keystroke: see contactSearch.ts. */
const { withinOneEditOfPrefix } = typoMatch;

/** One bit per term in a byte: the ninth long word of a query and later ones match exactly only. */
const MARKED_TERMS = 8;

export class TypoMarks {
  private wordBits: Uint8Array = new Uint8Array(0);
  private slotBits: Uint8Array = new Uint8Array(0);
  private markedSlots = new Int32Array(64);
  private markedCount = 0;

  /** Per vocabulary word: bit t set if the word is one edit from term t. */
  get words(): Uint8Array {
    return this.wordBits;
  }

  /** Per slot: bit t set if the contact holds a word one edit from term t. */
  get slots(): Uint8Array {
    return this.slotBits;
  }

  /**
   * The slots marked for any of the terms in `bits`, ascending: the contacts a word that has just become long enough
   * for typos may match although its shorter form did not.
   */
  slotsMarked(bits: number): Int32Array {
    let count = 0;
    const slots = this.slotBits;
    const marked = this.markedSlots;
    for (let i = 0; i < this.markedCount; i++) {
      const slot = marked[i];
      if ((slots[slot] & bits) !== 0) {
        marked[count++] = slot;
      }
    }
    this.markedCount = 0;
    return marked.subarray(0, count).sort();
  }

  /**
   * Flags, per vocabulary word, the typo-tolerant terms (one bit each) it is one edit away from, and then, through
   * the word's slots, the contacts that hold such a word. Returns the bits of the terms that found any.
   */
  mark(corpus: SearchCorpus, terms: readonly Term[]): number {
    const words = corpus.words;
    this.wordBits = cleared(this.wordBits, words.length);
    this.slotBits = cleared(this.slotBits, corpus.size);
    const flags = this.wordBits;
    const slots = this.slotBits;
    this.markedCount = 0;
    let used = 0;
    for (let t = 0; t < terms.length && t < MARKED_TERMS; t++) {
      const term = terms[t];
      if (!term.typo) {
        continue;
      }
      const bit = 1 << t;
      for (let w = 0; w < words.length; w++) {
        const word = words[w];
        // A word that starts with the term needs no typo: its contacts match exactly anyway.
        if (!word.startsWith(term.text) && withinOneEditOfPrefix(term.text, word)) {
          flags[w] = (flags[w]) | bit;
          used |= bit;
          corpus.forEachSlotWithWord(w, (slot) => {
            if (slots[slot] === 0) {
              this.remember(slot);
            }
            slots[slot] = (slots[slot]) | bit;
          });
        }
      }
    }
    return used;
  }

  private remember(slot: number): void {
    if (this.markedCount === this.markedSlots.length) {
      const grown = new Int32Array(this.markedSlots.length * 2);
      grown.set(this.markedSlots);
      this.markedSlots = grown;
    }
    this.markedSlots[this.markedCount++] = slot;
  }
}

/** `array` if long enough, zeroed up to `length`; else a new, larger one. */
function cleared(array: Uint8Array, length: number): Uint8Array {
  if (array.length < length) {
    return new Uint8Array(Math.max(length, array.length * 2));
  }
  array.fill(0, 0, length);
  return array;
}
