/**
 * Which pairs and triples of characters occur anywhere in the corpus, so that a text holding one that occurs nowhere
 * is not looked for at all. A phone number typed with its punctuation (`555-01`, `(415) 5`) is also matched as typed,
 * and as typed it is almost never in any contact: without this, each keystroke read every candidate's text to the end
 * to find that out. A typo that has just been typed is the same case.
 *
 * Only ever added to: a replaced or removed contact's grams stay, which can only make the answer "maybe".
 */
import * as haystackLayout from './haystack.js';

/** Copied once, for the loop over every character of every stored contact: see contactSearch.ts. */
const { LAST_MARKER } = haystackLayout;

/** Pairs are kept exactly for characters below 256 (8 KB of bits), others share; triples hash into 2^18 bits (32 KB). */
const PAIR_BITS = 1 << 16;
const TRIPLE_SHIFT = 32 - 18;

export class GramPresence {
  private readonly pairs = new Int32Array(PAIR_BITS >>> 5);
  private readonly triples = new Int32Array((1 << (32 - TRIPLE_SHIFT)) >>> 5);

  /** Records the grams of a haystack; none spans a field marker, since no query text holds one. */
  add(haystack: string): void {
    let a = 0;
    let b = 0;
    for (let i = 0; i < haystack.length; i++) {
      const c = haystack.charCodeAt(i);
      if (c <= LAST_MARKER) {
        a = 0;
        b = 0;
        continue;
      }
      if (b !== 0) {
        setBit(this.pairs, pairIndex(b, c));
        if (a !== 0) {
          setBit(this.triples, tripleIndex(a, b, c));
        }
      }
      a = b;
      b = c;
    }
  }

  /** False when some pair or triple of `text` occurs in no contact, so that neither does the text. */
  mayOccur(text: string): boolean {
    for (let i = 1; i < text.length; i++) {
      const b = text.charCodeAt(i - 1);
      const c = text.charCodeAt(i);
      if (!hasBit(this.pairs, pairIndex(b, c))) {
        return false;
      }
      if (i >= 2 && !hasBit(this.triples, tripleIndex(text.charCodeAt(i - 2), b, c))) {
        return false;
      }
    }
    return true;
  }
}

function pairIndex(b: number, c: number): number {
  return ((b & 0xff) << 8) | (c & 0xff);
}

function tripleIndex(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> TRIPLE_SHIFT;
}

function setBit(bits: Int32Array, index: number): void {
  bits[index >>> 5] |= 1 << (index & 31);
}

function hasBit(bits: Int32Array, index: number): boolean {
  return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}
