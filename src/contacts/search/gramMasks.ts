/**
 * Which of the corpus's commonest words, pairs and triples of letters and digits a slot's haystack holds, in
 * GRAM_INTS 32-bit words beside its other masks (charMasks.ts). What gets a bit is chosen from the corpus when it is
 * sealed:
 *
 * - The words most contacts share (`example` in every email, `https`, a year, a picklist value) get a bit each, and
 *   their pairs are left out: otherwise every contact seemed to hold `ex`, `am`, `pl` and `le`, and a word such as
 *   `len` had to be read for in nearly every contact. A query word inside such a word matches every contact holding it.
 * - The pairs that start a word of a name or an email in enough contacts (what people type first to find someone),
 *   then those that most often start any word, get a bit each, and so do the commonest triples: a query word of two
 *   or three characters with a bit is answered from bits alone, and reading text for it was most of a keystroke over
 *   50,000 contacts. A longer one needs all its pairs' and triples' bits, or a common word that holds it.
 * - Pairs of digits that start a word share 16 bits: a phone number typed from its middle (`555`) starts a word in
 *   almost no contact, though some digit starts one in most (the national part of every number does), and without
 *   them bounding its score meant reading thousands of contacts (topHits.ts). Which pairs share a bit is chosen from
 *   the corpus: a pair most contacts hold (typed often) is kept from those that start words in many.
 */
import * as folding from './folding.js';
import * as haystackLayout from './haystack.js';
import * as geometry from './haystackGeometry.js';

/** Copied once, for the loops over every character of every stored contact: see contactSearch.ts. */
const { isWordChar } = folding;
const { EMAIL, LAST_MARKER, NAME, PHONE } = haystackLayout;
const { isWordStart } = geometry;

/**
 * Words per slot, as one field of bits: the common words (any one that holds a query word will do), then the bits a
 * query word needs all of: its triples, the pair of digits it may start a word with, its pairs.
 */
export const GRAM_INTS = 9;
/** The common words' bits, all in the first word. */
export const COMMON_WORDS = 32;
const TRIPLES_AT = COMMON_WORDS;
const TRIPLE_BITS = 16;
const DIGIT_STARTS_AT = TRIPLES_AT + TRIPLE_BITS;
const DIGIT_START_BITS = 16;
/**
 * Words of at most SHORT_DIGITS digits in the name, company, emails and phone numbers, hashed: a number typed so far
 * is a whole word in few contacts. One in a later field is left out (dates and figures in custom fields held a bit in
 * most contacts): whole there, a word still weighs less than a phone number's, which bounds assume (topHits.ts).
 */
const DIGIT_WORDS_AT = DIGIT_STARTS_AT + DIGIT_START_BITS;
const DIGIT_WORD_BITS = 16;
const SHORT_DIGITS = 3;
/**
 * A digit starting a word of the name, company or an email (one bit each): digits there sit inside words (`omar66@`),
 * so a number typed is weighed as a phone number's at best in most contacts that hold its digits there.
 */
const TOP_DIGIT_STARTS_AT = DIGIT_WORDS_AT + DIGIT_WORD_BITS;
const TOP_DIGIT_START_BITS = 10;
/**
 * Pairs of letters: those that most often start a word (what people type first) have a bit each, the rest share a
 * few hashed ones. Pairs of digits share hashed bits of their own: a phone number's ten pairs would fill any shared
 * with letters, and people type numbers from anywhere.
 */
const LETTER_PAIRS_AT = TOP_DIGIT_STARTS_AT + TOP_DIGIT_START_BITS;
const TYPED_PAIRS = 120;
const LETTER_PAIR_BITS = 124;
/** A pair starting a word of the name or an email in this share of the slots comes before pairs starting other words. */
const NAME_START_SHARE = 0.005;
const DIGIT_PAIRS_AT = LETTER_PAIRS_AT + LETTER_PAIR_BITS;
const DIGIT_PAIR_BITS = GRAM_INTS * 32 - DIGIT_PAIRS_AT;
/** The pairs of digits most slots hold (phone numbers' digits) each have a bit too; the last few share hashed ones. */
const COMMON_DIGIT_PAIRS = 66;
/** A word held by fewer slots than this share gets no bit: it would not save reading text. */
const COMMON_SHARE = 0.02;
/** Letters and digits: 36 characters, 1,296 pairs, 46,656 triples; a pair starting a word counts as PAIRS + pair. */
const ALPHABET = 36;
const PAIRS = ALPHABET * ALPHABET;
const TRIPLES = PAIRS * ALPHABET;
/** Where the counts of pairs starting a word of the name or an email are, after the pairs, starts and triples. */
const NAME_STARTS_AT = 2 * PAIRS + TRIPLES;

/** A letter or digit's place in the alphabet, or -1. */
export function letterOrDigit(code: number): number {
  if (code >= 97 && code <= 122) {
    return code - 97;
  }
  return code >= 48 && code <= 57 ? 26 + code - 48 : -1;
}

/** The hashed bit, from DIGIT_STARTS_AT, of a pair of digits (00-99) starting a word, before the corpus is ranked. */
function hashedDigitStart(value: number): number {
  return (Math.imul(value, 0x9e3779b1) >>> 24) % DIGIT_START_BITS;
}

/** The hashed bit of a word of at most SHORT_DIGITS digits, text[from .. to). */
function shortDigitsBit(text: string, from: number, to: number): number {
  let value = 1;
  for (let i = from; i < to; i++) {
    value = value * 10 + text.charCodeAt(i) - 48;
  }
  return DIGIT_WORDS_AT + ((Math.imul(value, 0x9e3779b1) >>> 24) % DIGIT_WORD_BITS);
}

/** Whether text[from .. to) is a word of at most SHORT_DIGITS digits. */
function isShortDigits(text: string, from: number, to: number): boolean {
  if (to - from > SHORT_DIGITS) {
    return false;
  }
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) {
      return false;
    }
  }
  return true;
}

/** Sets gram bit `bit` (-1: none) of the gram words at masks[at ..]. */
function setBit(masks: Int32Array, at: number, bit: number): void {
  if (bit >= 0) {
    masks[at + (bit >>> 5)] |= 1 << (bit & 31);
  }
}

/** Whether bit `bit` of the gram words at masks[at ..] is set. */
export function hasGram(masks: Int32Array, at: number, bit: number): boolean {
  return (masks[at + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
}

/**
 * Calls `visit` for each word of text[from .. to) (a run of word characters), with whether it may be a common word
 * (a phone number's is not, since a word starts inside it: `1` then the national number) and its field's marker.
 */
function forEachWord(
  text: string,
  from: number,
  to: number,
  visit: (start: number, end: number, inPhone: boolean, marker: number) => void,
): void {
  let marker = 0;
  let start = -1;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : 0;
    const word = i < to && code > LAST_MARKER && isWordChar(code);
    if (word && start < 0) {
      start = i;
    } else if (!word && start >= 0) {
      visit(start, i, marker === PHONE, marker);
      start = -1;
    }
    if (i < to && code <= LAST_MARKER) {
      marker = code;
    }
  }
}

/** What gets a bit. Before any ranking no word is common, no triple has a bit, and pairs share hashed bits. */
export class GramTable {
  /** Per pair, its bit; the first `pairs.length` letter-pair bits belong to one pair each. */
  private readonly pairBit = new Int16Array(PAIRS);
  /** Per triple, 1 + its bit, or 0. */
  private readonly tripleBit = new Int8Array(TRIPLES);
  private readonly common: ReadonlyMap<string, number>;

  private constructor(
    readonly pairs: readonly number[],
    readonly digitPairs: readonly number[],
    readonly triples: readonly number[],
    readonly words: readonly string[],
    /** Per pair of digits (00-99), its bit from DIGIT_STARTS_AT when starting a word. */
    readonly digitStarts: readonly number[] = Array.from({ length: 100 }, (_, value) => hashedDigitStart(value)),
  ) {
    const own = new Map([
      ...pairs.map((pair, i): [number, number] => [pair, LETTER_PAIRS_AT + i]),
      ...digitPairs.map((pair, i): [number, number] => [pair, DIGIT_PAIRS_AT + i]),
    ]);
    const shared = LETTER_PAIR_BITS - pairs.length;
    const sharedDigits = DIGIT_PAIR_BITS - digitPairs.length;
    for (let pair = 0; pair < PAIRS; pair++) {
      const hash = Math.imul(pair, 0x9e3779b1) >>> 16;
      const digits = pair >= 26 * ALPHABET && pair % ALPHABET >= 26;
      // A pair with neither a bit of its own nor a shared one left has none (-1): it is not looked for in the bits.
      const hashed = digits
        ? sharedDigits > 0 ? DIGIT_PAIRS_AT + digitPairs.length + (hash % sharedDigits) : -1
        : shared > 0 ? LETTER_PAIRS_AT + pairs.length + (hash % shared) : -1;
      this.pairBit[pair] = own.get(pair) ?? hashed;
    }
    triples.forEach((triple, i) => {
      this.tripleBit[triple] = i + 1;
    });
    this.common = new Map(words.map((word, i) => [word, i]));
  }

  static unranked(): GramTable {
    return new GramTable([], [], [], []);
  }

  /**
   * Ranks the grams of every live slot (`each` calls its visitor with each one's haystack range): first the common
   * words, then the pairs and triples of the rest.
   */
  static ranked(each: (visit: (haystack: string, from: number, to: number) => void) => void): GramTable {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    let slots = 0;
    each((haystack, from, to) => {
      slots++;
      seen.clear();
      forEachWord(haystack, from, to, (start, end, inPhone) => {
        if (!inPhone) {
          seen.add(haystack.slice(start, end));
        }
      });
      for (const word of seen) {
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    });
    const least = Math.max(2, Math.ceil(slots * COMMON_SHARE));
    const words = [...counts]
      .filter(([, count]) => count >= least)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, COMMON_WORDS)
      .map(([word]) => word);
    // Pairs and triples are counted where the bits record them: outside the common words.
    const withWords = new GramTable([], [], [], words);
    const held = new Int32Array(NAME_STARTS_AT + PAIRS);
    const stamps = new Int32Array(held.length).fill(-1);
    let slot = 0;
    each((haystack, from, to) => {
      withWords.countGrams(haystack, from, to, slot++, stamps, held);
    });
    const pairs = Array.from({ length: PAIRS }, (_, pair) => pair).filter((pair) => held[pair] > 0);
    const nameStarts = Math.max(2, Math.ceil(slots * NAME_START_SHARE));
    const named = (pair: number): number => (held[NAME_STARTS_AT + pair] >= nameStarts ? 1 : 0);
    const exact = pairs
      .filter((pair) => pair < 26 * ALPHABET && pair % ALPHABET < 26)
      .sort((a, b) => named(b) - named(a) || held[PAIRS + b] - held[PAIRS + a] || a - b)
      .slice(0, TYPED_PAIRS);
    const digitPairs = pairs
      .filter((pair) => pair >= 26 * ALPHABET && pair % ALPHABET >= 26)
      .sort((a, b) => held[b] - held[a] || a - b)
      .slice(0, COMMON_DIGIT_PAIRS);
    const triples = Array.from({ length: TRIPLES }, (_, triple) => triple)
      .filter((triple) => held[2 * PAIRS + triple] > 0)
      .sort((a, b) => held[2 * PAIRS + b] - held[2 * PAIRS + a] || a - b)
      .slice(0, TRIPLE_BITS);
    return new GramTable(exact, digitPairs, triples, words, digitStartsOf(held));
  }

  sameAs(other: GramTable): boolean {
    const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => b[i] === x);
    return (
      same(this.pairs, other.pairs) &&
      same(this.digitPairs, other.digitPairs) &&
      same(this.triples, other.triples) &&
      same(this.words, other.words) &&
      same(this.digitStarts, other.digitStarts)
    );
  }

  /** Sets the bits of haystack[from .. to) (a slot's, field markers included) at masks[at .. at + GRAM_INTS). */
  fillSlot(haystack: string, from: number, to: number, masks: Int32Array, at: number): void {
    masks.fill(0, at, at + GRAM_INTS);
    forEachWord(haystack, from, to, (start, end, inPhone, marker) => {
      const head = haystack.charCodeAt(start);
      if (marker <= EMAIL && head >= 48 && head <= 57) {
        setBit(masks, at, TOP_DIGIT_STARTS_AT + head - 48);
      }
      // A whole word starts where the word does, and in a phone number also after its leading 1 (isWordStart).
      for (const first of inPhone && haystack.charCodeAt(start) === 49 ? [start, start + 1] : [start]) {
        if (marker <= PHONE && first < end && isShortDigits(haystack, first, end)) {
          setBit(masks, at, shortDigitsBit(haystack, first, end));
        }
      }
      const common = inPhone || this.common.size === 0 ? undefined : this.common.get(haystack.slice(start, end));
      if (common !== undefined) {
        // A common word's bit stands for its grams, starts included (QueryPlan asks which common words a text starts).
        masks[at] |= 1 << common;
        return;
      }
      for (let i = start; i + 1 < end; i++) {
        const first = letterOrDigit(haystack.charCodeAt(i));
        const second = letterOrDigit(haystack.charCodeAt(i + 1));
        if (first >= 26 && second >= 26 && isWordStart(haystack, i)) {
          setBit(masks, at, this.digitStartBit(first, second));
        }
      }
      this.fillGrams(haystack, start, end, masks, at);
    });
  }

  /** Sets the bits of a query text's pairs and triples at masks[at ..]; the common words holding it are the plan's. */
  fillText(text: string, masks: Int32Array, at: number): void {
    masks.fill(0, at, at + GRAM_INTS);
    this.fillGrams(text, 0, text.length, masks, at);
  }

  private fillGrams(text: string, from: number, to: number, masks: Int32Array, at: number): void {
    let first = -1;
    let second = -1;
    for (let i = from; i < to; i++) {
      const third = letterOrDigit(text.charCodeAt(i));
      if (second >= 0 && third >= 0) {
        setBit(masks, at, this.pairBit[second * ALPHABET + third]);
        const triple = first >= 0 ? this.tripleBit[(first * ALPHABET + second) * ALPHABET + third] : 0;
        if (triple > 0) {
          setBit(masks, at, TRIPLES_AT + triple - 1);
        }
      }
      first = second;
      second = third;
    }
  }

  /**
   * Counts, once per slot, the pairs, pairs starting a word (PAIRS + pair), triples (2 · PAIRS + triple) and pairs
   * starting a word of the name or an email (NAME_STARTS_AT + pair) its bits record.
   */
  private countGrams(haystack: string, from: number, to: number, slot: number, stamps: Int32Array, held: Int32Array): void {
    const count = (gram: number): void => {
      if (stamps[gram] !== slot) {
        stamps[gram] = slot;
        held[gram]++;
      }
    };
    forEachWord(haystack, from, to, (start, end, inPhone, marker) => {
      const named = marker === NAME || marker === EMAIL;
      if (!inPhone && this.common.has(haystack.slice(start, end))) {
        return;
      }
      let first = -1;
      let second = -1;
      for (let i = start; i < end; i++) {
        const third = letterOrDigit(haystack.charCodeAt(i));
        if (second >= 0 && third >= 0) {
          const pair = second * ALPHABET + third;
          count(pair);
          if (isWordStart(haystack, i - 1)) {
            count(PAIRS + pair);
            if (named) {
              count(NAME_STARTS_AT + pair);
            }
          }
          if (first >= 0) {
            count(2 * PAIRS + pair + first * PAIRS);
          }
        }
        first = second;
        second = third;
      }
    });
  }

  /** Whether `text` is one pair or triple with a bit of its own: with the common words, bits say whether a slot holds it. */
  answers(text: string): boolean {
    const codes = Array.from(text, (char) => letterOrDigit(char.charCodeAt(0)));
    if (codes.some((code) => code < 0)) {
      return false;
    }
    const [a = 0, b = 0, c = 0] = codes;
    if (text.length === 2) {
      const bit = this.pairBit[a * ALPHABET + b];
      const letters = bit >= LETTER_PAIRS_AT && bit < LETTER_PAIRS_AT + this.pairs.length;
      return letters || (bit >= DIGIT_PAIRS_AT && bit < DIGIT_PAIRS_AT + this.digitPairs.length);
    }
    return text.length === 3 && this.tripleBit[(a * ALPHABET + b) * ALPHABET + c] > 0;
  }

  /** The bit a text starting with two digits needs to start a word in a slot, or -1. */
  startBit(text: string): number {
    const first = text.length > 1 ? letterOrDigit(text.charCodeAt(0)) : -1;
    const second = first >= 26 ? letterOrDigit(text.charCodeAt(1)) : -1;
    return second >= 26 ? this.digitStartBit(first, second) : -1;
  }

  /** The bit of a pair of digits (alphabet places 26-35) starting a word. */
  private digitStartBit(first: number, second: number): number {
    return DIGIT_STARTS_AT + this.digitStarts[(first - 26) * 10 + second - 26];
  }

  /** The bit a text starting with a digit needs to start a word in the name, company or an email, or -1. */
  topStartBit(text: string): number {
    const head = text.charCodeAt(0);
    return head >= 48 && head <= 57 ? TOP_DIGIT_STARTS_AT + head - 48 : -1;
  }

  /** The bit a text of at most SHORT_DIGITS digits needs to be a whole word in a slot, or -1 for other texts. */
  wordBit(text: string): number {
    return text.length > 0 && isShortDigits(text, 0, text.length) ? shortDigitsBit(text, 0, text.length) : -1;
  }

  /** The bits of the common words that hold `text` (found in any slot holding them), or that start with it. */
  wordsHolding(text: string, starting: boolean): number {
    let bits = 0;
    this.words.forEach((word, i) => {
      bits |= (starting ? word.startsWith(text) : word.includes(text)) ? 1 << i : 0;
    });
    return bits;
  }
}

/**
 * Which of the DIGIT_START_BITS bits each pair of digits (00-99) starting a word sets, from `held` (countGrams). A
 * pair typed costs a read of each contact holding it whose bit another pair set; a number is typed from anywhere, so
 * a pair is typed about as often as it is held: it costs held² times the contacts starting a word with its bit's
 * other pairs. The pairs held most go first, each to the bit where it adds least (over 50,000 contacts, `55` of every
 * `555` shared one with `91`, `73`, `64` and `82`, which start a word in 11,000 contacts).
 */
function digitStartsOf(held: Int32Array): number[] {
  const pairOf = (value: number): number => (26 + Math.floor(value / 10)) * ALPHABET + 26 + (value % 10);
  const starting = new Float64Array(DIGIT_START_BITS);
  const holding = new Float64Array(DIGIT_START_BITS);
  const bits = new Array<number>(100).fill(0);
  const values = Array.from({ length: 100 }, (_, value) => value);
  values.sort((a, b) => held[pairOf(b)] - held[pairOf(a)] || a - b);
  for (const value of values) {
    const pair = pairOf(value);
    let best = 0;
    let bestCost = Infinity;
    for (let bit = 0; bit < DIGIT_START_BITS; bit++) {
      const cost = held[pair] * held[pair] * starting[bit] + held[PAIRS + pair] * holding[bit];
      if (cost < bestCost) {
        best = bit;
        bestCost = cost;
      }
    }
    bits[value] = best;
    starting[best] += held[PAIRS + pair];
    holding[best] += held[pair] * held[pair];
  }
  return bits;
}
