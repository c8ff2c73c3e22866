/**
 * A keystroke's terms laid out for the search loop (scan.ts): per term and text (its text, alt and number), the text,
 * what it needs of a slot's masks, and whether it extends the text of the same kind one keystroke before; and the
 * small per-candidate questions the loop asks of them. Apart from the loop so that it reads as one loop.
 */
import * as charMasks from './charMasks.js';
import type { SearchCorpus } from './corpus.js';
import { isWordChar } from './folding.js';
import * as gramMasks from './gramMasks.js';
import * as haystackLayout from './haystack.js';
import type { Term } from './query.js';
import * as scoring from './scoring.js';

/** Copied once, for functions the loop calls per candidate: see contactSearch.ts. */
const { DIGITS, GRAMS, NAMES, textNeeds } = charMasks;
const { GRAM_INTS, hasGram } = gramMasks;
const { NAME, PHONE } = haystackLayout;
const { fieldWeight, MAX_BONUS, QUALITY_SUBSTRING, QUALITY_TYPO, QUALITY_WORD_START, WHOLE_WORD_BONUS } = scoring;

/** The texts a term may match by: its text, its alt, its number. */
export const TERM_TEXTS = 3;
/**
 * Per text, in `needs`: CHARS bits, DIGITS bits, answered by CHARS and DIGITS, start mask, start bit, top bits,
 * length bit, answered by its grams' bits, name-start mask, name-start bit (charMasks.ts), the gram bit of its first
 * two digits starting a word (-1: none), the common words it may start, the common words that hold it (any one will
 * do), the gram bit it needs to be a whole word (-1: the length bit decides), the gram bit it needs to start a word in
 * the name, company or an email (-1: only not digits), and GRAM_INTS words of the gram bits it needs all of
 * (gramMasks.ts).
 */
export const NEEDS = 15 + GRAM_INTS;
/** Where a text's common words that hold it are, and where its gram words start, in `needs`. */
export const NEED_HOLDING = 12;
export const NEED_GRAMS = 15;
/** firstAt of a term matched only by a typo. */
export const BY_TYPO = -1;
/** firstAt of a term the masks say occurs, not yet looked up. */
export const SOMEWHERE = -2;
/** The best field weight, and the best of a text that lies in none of the name, company and emails. */
const NAME_WEIGHT = fieldWeight(NAME);
const COMPANY_WEIGHT = NAME_WEIGHT - 1;
const PHONE_WEIGHT = fieldWeight(PHONE);

export class QueryPlan {
  /** Per term · TERM_TEXTS + kind: the text, or undefined where there is none or it occurs in no contact. */
  texts: (string | undefined)[] = [];
  needs = new Int32Array(0);
  /** 1 where the text starts with the text of the same kind and term one keystroke before. */
  extendsBefore = new Uint8Array(0);

  constructor(
    corpus: SearchCorpus,
    readonly terms: readonly Term[],
    before: readonly Term[] | undefined,
  ) {
    const count = terms.length * TERM_TEXTS;
    this.needs = new Int32Array(count * NEEDS);
    this.extendsBefore = new Uint8Array(count);
    const pairs = corpus.gramTable();
    this.texts = QueryPlan.textsOf(corpus, terms);
    terms.forEach((_, t) => {
      const earlier = before?.[t];
      const earlierKinds = [earlier?.text, earlier?.alt, earlier?.number];
      this.texts.slice(t * TERM_TEXTS, (t + 1) * TERM_TEXTS).forEach((text, u) => {
        const k = t * TERM_TEXTS + u;
        if (text === undefined) {
          return;
        }
        const needs = textNeeds(text);
        this.needs.set(
          [needs.chars, needs.digits, needs.exact ? 1 : 0, needs.startMask, needs.startBit, needs.top, needs.length],
          k * NEEDS,
        );
        const n = k * NEEDS;
        this.needs[n + 7] = pairs.answers(text) ? 1 : 0;
        this.needs[n + 8] = needs.nameStartMask;
        this.needs[n + 9] = needs.nameStartBit;
        this.needs[n + 10] = pairs.startBit(text);
        const firstWord = text.slice(0, wordLength(text));
        this.needs[n + 11] = pairs.wordsHolding(firstWord, true);
        this.needs[n + 13] = pairs.wordBit(text);
        this.needs[n + 14] = pairs.topStartBit(text);
        // Only a text of one word lies inside one word of a contact; one that spans words is looked for by its
        // characters alone.
        if (firstWord === text) {
          pairs.fillText(text, this.needs, n + NEED_GRAMS);
          this.needs[n + NEED_HOLDING] = pairs.wordsHolding(text, false);
        }
        const previous = earlierKinds[u];
        this.extendsBefore[k] = previous !== undefined && text.startsWith(previous) ? 1 : 0;
      });
    });
  }

  /**
   * Per term · TERM_TEXTS + kind (text, alt, number): the text to look for, or undefined where there is none, where
   * it holds the term's text (it is only ever found where that is, which is looked for first) or where it occurs in no
   * contact.
   */
  static textsOf(corpus: SearchCorpus, terms: readonly Term[]): (string | undefined)[] {
    return terms.flatMap((term) =>
      [term.text, term.alt, term.number].map((text, u) =>
        text === undefined || (u > 0 && text.includes(term.text)) || !corpus.mayOccur(text) ? undefined : text,
      ),
    );
  }

  /** Whether the masks alone say if term t matches: it has one text, a letter or digit or a pair with its own bit. */
  exactOnly(t: number): boolean {
    const k = t * TERM_TEXTS;
    const n = k * NEEDS;
    const exact = this.needs[n + 2] === 1 || this.needs[n + 7] === 1;
    return this.texts[k] !== undefined && exact && this.texts[k + 1] === undefined && this.texts[k + 2] === undefined;
  }

  /** Whether term t has no text that occurs anywhere: it can match by a typo only. */
  typoOnly(t: number): boolean {
    const k = t * TERM_TEXTS;
    return this.texts[k] === undefined && this.texts[k + 1] === undefined && this.texts[k + 2] === undefined;
  }
}

/** How many characters `text` starts with that belong to a word. */
function wordLength(text: string): number {
  let length = 0;
  while (length < text.length && isWordChar(text.charCodeAt(length))) {
    length++;
  }
  return length;
}

/** Whether a slot's masks (from m) may hold a text, by its needs (from n): its characters, then a common word or its pairs. */
export function masksAllow(masks: Int32Array, m: number, needs: Int32Array, n: number): boolean {
  if ((masks[m] & needs[n]) !== needs[n] || (masks[m + DIGITS] & needs[n + 1]) !== needs[n + 1]) {
    return false;
  }
  const g = m + GRAMS;
  const q = n + NEED_GRAMS;
  if ((masks[g] & needs[n + NEED_HOLDING]) !== 0) {
    return true;
  }
  for (let i = 0; i < GRAM_INTS; i++) {
    if ((masks[g + i] & needs[q + i]) !== needs[q + i]) {
      return false;
    }
  }
  return true;
}

export function canStartWord(masks: Int32Array, m: number, needs: Int32Array, n: number): boolean {
  const bit = needs[n + 4];
  const pair = needs[n + 10];
  return (
    (bit === 0 || (masks[m + needs[n + 3]] & bit) !== 0) &&
    (pair < 0 || hasGram(masks, m + GRAMS, pair) || (masks[m + GRAMS] & needs[n + 11]) !== 0)
  );
}

export function canBeWord(masks: Int32Array, m: number, needs: Int32Array, n: number): boolean {
  const word = needs[n + 13];
  if (word >= 0) {
    return hasGram(masks, m + GRAMS, word);
  }
  const bit = needs[n + 6];
  return bit === 0 || (masks[m + NAMES] & bit) !== 0;
}

/** Whether the text may start a word in the name, company or an email (where words weigh more than a phone's). */
export function canStartTopWord(masks: Int32Array, m: number, needs: Int32Array, n: number): boolean {
  const bit = needs[n + 14];
  return bit < 0 || hasGram(masks, m + GRAMS, bit);
}

function canStartNameWord(masks: Int32Array, m: number, needs: Int32Array, n: number): boolean {
  const bit = needs[n + 9];
  return bit === 0 || (masks[m + needs[n + 8]] & bit) !== 0;
}

/**
 * The best score a contact can have, from its masks alone (and its name class, known already): a word that cannot
 * start a word there is a substring at best, one that lies in none of the name, company and emails is worth a phone
 * number's weight at best, only a word of the right length can be a whole word, and when every word may start one,
 * a word that starts none in the name is worth a company's weight at best (a score is weighed where a word starts).
 */
export function maskBound(
  masks: Int32Array,
  m: number,
  needs: Int32Array,
  firstAt: Int32Array,
  usedText: Uint8Array,
  terms: number,
  nameClass: number,
  typoUsed: boolean,
): number {
  let classBound = nameClass > 0 ? nameClass : typoUsed ? QUALITY_TYPO : QUALITY_WORD_START;
  for (let t = 0; t < terms && classBound === QUALITY_WORD_START; t++) {
    if (!canStartWord(masks, m, needs, (t * TERM_TEXTS + usedText[t]) * NEEDS)) {
      classBound = QUALITY_SUBSTRING;
    }
  }
  let bonusBound = 0;
  const digits = masks[m + DIGITS];
  for (let t = 0; t < terms; t++) {
    if (firstAt[t] === BY_TYPO) {
      continue;
    }
    const n = (t * TERM_TEXTS + usedText[t]) * NEEDS;
    const top = needs[n + 5];
    const inTop = top === 0 || (digits & top) === top;
    let weight = inTop ? NAME_WEIGHT : PHONE_WEIGHT;
    if (classBound === QUALITY_WORD_START && inTop && !canStartTopWord(masks, m, needs, n)) {
      weight = PHONE_WEIGHT;
    } else if (classBound === QUALITY_WORD_START && inTop && !canStartNameWord(masks, m, needs, n)) {
      weight = COMPANY_WEIGHT;
    }
    bonusBound += weight * 10 + (canStartWord(masks, m, needs, n) && canBeWord(masks, m, needs, n) ? WHOLE_WORD_BONUS : 0);
  }
  return classBound * 1000 + Math.min(bonusBound, MAX_BONUS);
}

/** The first occurrence of `text` in block[from .. end), or -1, reading nothing beyond `end`. */
function indexWithin(block: string, text: string, from: number, end: number): number {
  // A substring is a view, not a copy, from 13 characters on; searching it in native code beat a loop over the
  // characters by half.
  const at = end - from >= text.length ? block.substring(from, end).indexOf(text) : -1;
  return at < 0 ? -1 : from + at;
}

/**
 * Per cursor: the block it is in, the position it searched from, the occurrence it found, and how many of its text's
 * candidates in a row held it (fewer than HITS_BEFORE_UNBOUNDED: look in the candidate alone).
 */
export const CURSOR_FIELDS = 4;
const HITS_BEFORE_UNBOUNDED = 4;

/**
 * The first occurrence of `text` at or after `from` in the slot ending at `end` in `block` (block.length if none),
 * reusing what cursor `k` found last when that answers the question too: candidates come in block order, so one
 * indexOf serves every contact up to that occurrence. Once a search has run past its contact's end, searches look in
 * their contact alone until a few candidates in a row held the text: when most candidates lack a word, reading on to
 * the next one that has it read the text of every contact in between, candidates or not.
 */
export function occurrence(
  cursors: Int32Array,
  k: number,
  block: string,
  blockIndex: number,
  from: number,
  end: number,
  text: string,
): number {
  const at = k * CURSOR_FIELDS;
  const found = cursors[at + 2];
  if (cursors[at] === blockIndex && cursors[at + 1] <= from && found >= from) {
    return found;
  }
  const hits = cursors[at + 3];
  if (hits < HITS_BEFORE_UNBOUNDED) {
    const inSlot = indexWithin(block, text, from, end);
    cursors[at + 3] = inSlot < 0 ? 0 : hits + 1;
    return inSlot < 0 ? block.length : inSlot;
  }
  const next = block.indexOf(text, from);
  const first = next < 0 ? block.length : next;
  cursors[at] = blockIndex;
  cursors[at + 1] = from;
  cursors[at + 2] = first;
  cursors[at + 3] = first < end ? hits : 0;
  return first;
}
