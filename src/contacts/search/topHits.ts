/**
 * The best `limit` matches of a keystroke, kept in order as matches are ranked: the second half of the search loop
 * (scan.ts finds the matches). Most matches of a short query cannot make the list, so a match's score is bounded from
 * its masks first, then from where its words first occur, and worked out in its text only if that bound could make
 * the list. The bounds come from the score model (scoring.ts), so they can only be loose, never wrong.
 */
import * as charMasks from './charMasks.js';
import type { SearchCorpus } from './corpus.js';
import * as haystackLayout from './haystack.js';
import * as geometry from './haystackGeometry.js';
import * as plans from './queryPlan.js';
import type { QueryPlan } from './queryPlan.js';
import * as scoring from './scoring.js';

/** Copied once for the loop, which reads them per match: see contactSearch.ts. */
const { DIGITS, GRAMS, HEAD_SHIFT, headCode, LIVE, MASKS, NAMES, STARTS } = charMasks;
const { LAST_MARKER, PHONE } = haystackLayout;
const { isWordEnd, isWordStart, markerAt } = geometry;
const { BY_TYPO, canBeWord, canStartTopWord, canStartWord, maskBound, NEEDS, SOMEWHERE, TERM_TEXTS } = plans;
const {
  CLASS_NAME_EXACT,
  CLASS_NAME_PREFIX,
  fieldWeight,
  MAX_BONUS,
  QUALITY_SUBSTRING,
  QUALITY_TYPO,
  QUALITY_WORD_START,
  WHOLE_WORD_BONUS,
} = scoring;

/** A word's bonus where it lies in a phone number (weight · 10), the best outside the name, company and emails. */
const PHONE_BONUS = fieldWeight(PHONE) * 10;
/** Every score of a contact whose name does not start with the query is below this. */
export const BELOW_NAME_PREFIX = CLASS_NAME_PREFIX * 1000;

/** What ranking reads besides the matches. */
export interface RankInput {
  readonly corpus: SearchCorpus;
  readonly plan: QueryPlan;
  readonly joined: string;
  readonly ranks: Int32Array;
  readonly limit: number;
  /** The query extends the last run's, on the same corpus: what matches now matched then, but for typos. */
  readonly extending: boolean;
}

/** Where each match's terms were found (match · terms + term): the position (or BY_TYPO, SOMEWHERE) and the text. */
export interface Found {
  at: Int32Array;
  by: Uint8Array;
}

export class TopHits {
  /** Best first: slots[0 .. count). */
  slots = new Int32Array(0);
  scores = new Float64Array(0);
  typo = new Uint8Array(0);
  count = 0;
  private firstAt = new Int32Array(0);
  private usedText = new Uint8Array(0);
  /**
   * For a one-word query, the slots where `startless` (a start of that word) starts no word, found by working out
   * their scores: the longer word typed next cannot start one there either, so its bound need not read them again.
   */
  private startless = new Uint8Array(0);
  private startlessText: string | undefined;
  /** rankByBound's facts per match, and the matches in the order it offers them. */
  private facts = new Uint8Array(0);
  private order = new Int32Array(0);

  reset(limit: number, terms: number, slots: number): void {
    if (this.startless.length < slots) {
      this.startless = new Uint8Array(slots);
      this.startlessText = undefined;
    }
    if (this.slots.length < limit) {
      this.slots = new Int32Array(limit);
      this.scores = new Float64Array(limit);
      this.typo = new Uint8Array(limit);
    }
    this.count = 0;
    this.firstAt = new Int32Array(terms);
    this.usedText = new Uint8Array(terms);
  }

  /**
   * The slots marked as starting no word with the query's one word, kept from the last run when the word extends the
   * word they were marked for (only then are they still true); null for queries of several words.
   */
  private startlessFor(input: RankInput): Uint8Array | null {
    const text = input.plan.terms.length === 1 ? input.plan.texts[0] : undefined;
    if (text === undefined) {
      this.startlessText = undefined;
      return null;
    }
    const kept = this.startlessText;
    if (!input.extending || kept === undefined || !text.startsWith(kept)) {
      this.startless.fill(0);
      this.startlessText = text;
    }
    return this.startless;
  }

  /** Whether `limit` hits are kept and all are name prefixes: no match whose name starts otherwise can enter. */
  fullOfNamePrefixes(limit: number): boolean {
    return this.count === limit && (limit === 0 || this.scores[limit - 1] >= BELOW_NAME_PREFIX);
  }

  /**
   * Ranks the matches slots[0 .. count), with where their terms were found (null: every term matched by the masks
   * alone). With `namePrefixes`, the matches whose name starts with the query are those it marks, ranked already.
   */
  rank(input: RankInput, slots: Int32Array, count: number, found: Found | null, namePrefixes: Uint8Array | null): void {
    const pass = this.begin(input, found, namePrefixes);
    if (pass.bounds !== null) {
      this.rankByBound(pass, slots, count, namePrefixes);
      return;
    }
    for (let i = 0; i < count; i++) {
      const slot = slots[i];
      if ((namePrefixes === null || namePrefixes[slot] === 0) && !this.offer(pass, slot, i)) {
        break;
      }
    }
  }

  /**
   * Ranks the matches slots[0 .. count) of a one-word query (pass.bounds): those whose name may start with it first,
   * then best bound first (slot order within one), so the list fills with the best scores early; once a bound cannot
   * make it, none after it can. In slot order, `55` over 50,000 contacts read 1,026 matches' text for 50 hits (now 457).
   */
  private rankByBound(pass: RankPass, slots: Int32Array, count: number, skip: Uint8Array | null): void {
    if (this.facts.length < count) {
      this.facts = new Uint8Array(Math.max(count, this.facts.length * 2));
      this.order = new Int32Array(this.facts.length);
    }
    const { facts, order } = this;
    const { bounds, masks, joinedHead } = pass as RankPass & { bounds: Int32Array };
    const sizes = new Int32Array(SKIPPED + 1);
    for (let i = 0; i < count; i++) {
      const slot = slots[i];
      const named = !pass.skipNamePrefixes && masks[slot * MASKS + STARTS] >>> HEAD_SHIFT === joinedHead;
      facts[i] = skip !== null && skip[slot] === 1 ? SKIPPED : named ? NAME_MAY_START : this.factsOf(pass, slot);
      sizes[facts[i]]++;
    }
    const at = new Int32Array(SKIPPED + 1);
    let n = 0;
    for (const f of [NAME_MAY_START, ...Array.from({ length: 32 }, (_, f) => f).sort((x, y) => bounds[y] - bounds[x] || x - y)]) {
      at[f] = n;
      n += sizes[f];
    }
    for (let i = 0; i < count; i++) {
      order[facts[i] === SKIPPED ? n : at[facts[i]]++] = i;
    }
    const { limit, ranks } = pass.input;
    for (let o = 0; o < n; o++) {
      const i = order[o];
      const bound = facts[i] === NAME_MAY_START ? Infinity : bounds[facts[i]];
      const worstScore = this.count === limit ? this.scores[limit - 1] : -1;
      if (bound < worstScore) {
        break;
      }
      const skipped = bound === worstScore && ranks[slots[i]] > ranks[this.slots[limit - 1]];
      if (!skipped && !this.offer(pass, slots[i], i)) {
        break;
      }
    }
  }

  /** What ranking one keystroke's matches reads, worked out once for the pass. */
  private begin(input: RankInput, found: Found | null, namePrefixes: Uint8Array | null): RankPass {
    const termCount = input.plan.terms.length;
    const needs = input.plan.needs;
    // One word with one text to match by: its bound from the masks depends on five facts of a slot's masks, so it is
    // looked up. Where it was found can only lower that, and so can a typo (a match by typo is worth less).
    const texts = input.plan.texts;
    const oneText = termCount === 1 && (found === null || (texts[1] === undefined && texts[2] === undefined));
    const bounds = oneText ? oneWordBounds(needs) : null;
    this.usedText.fill(0);
    return {
      input,
      found,
      masks: input.corpus.masks(),
      joinedHead: headCode(input.joined.charCodeAt(0)),
      skipNamePrefixes: namePrefixes !== null,
      startless: this.startlessFor(input),
      bounds,
      tests: bounds === null ? new Int32Array(ONE_WORD_TESTS) : oneWordTests(needs),
    };
  }

  /** The five facts of a one-word query (oneWordTests) a slot's masks hold, as the index of its bound in pass.bounds. */
  private factsOf(pass: RankPass, slot: number): number {
    const { masks, tests } = pass;
    const m = slot * MASKS;
    const startless = pass.startless;
    const starts =
      (masks[m + tests[0]] & tests[1]) !== 0 &&
      ((masks[m + tests[2]] & tests[3]) !== 0 || (masks[m + GRAMS] & tests[4]) !== 0) &&
      (startless === null || startless[slot] === 0);
    const top = tests[7];
    return (
      (starts ? 1 : 0) |
      ((masks[m + tests[5]] & tests[6]) !== 0 ? 2 : 0) |
      ((masks[m + DIGITS] & top) === top ? 4 : 0) |
      ((masks[m + tests[8]] & tests[9]) !== 0 ? 8 : 0) |
      ((masks[m + tests[10]] & tests[11]) !== 0 ? 16 : 0)
    );
  }

  /**
   * Bounds match `i` (the slot at slots[i] of the pass) from its masks and where its words first occur, and keeps it
   * if its score makes the list. False once nothing more can: the list is full of name prefixes ranked already.
   */
  private offer(pass: RankPass, slot: number, i: number): boolean {
    const { input, found, masks, startless, skipNamePrefixes } = pass;
    const { corpus, plan, joined, ranks, limit } = input;
    const termCount = plan.terms.length;
    const texts = plan.texts;
    const needs = plan.needs;
    const firstAt = this.firstAt;
    const usedText = this.usedText;
    const topSlots = this.slots;
    const topScores = this.scores;
    const topTypo = this.typo;
    const m = slot * MASKS;
    let topCount = this.count;
    let typoUsed = false;
    for (let t = 0; t < termCount; t++) {
      firstAt[t] = found === null ? SOMEWHERE : found.at[i * termCount + t];
      usedText[t] = found === null ? 0 : found.by[i * termCount + t];
      typoUsed ||= firstAt[t] === BY_TYPO;
    }
    let block = '';
    let start = 0;
    let nameClass = 0;
    if (!skipNamePrefixes && masks[m + STARTS] >>> HEAD_SHIFT === pass.joinedHead) {
      block = corpus.block(corpus.blockIndex(slot));
      start = corpus.start(slot);
      if (block.startsWith(joined, start + 1)) {
        // The next character ends the name: a marker, or the end of the block.
        const after = start + 1 + joined.length;
        nameClass = after >= block.length || block.charCodeAt(after) <= LAST_MARKER ? CLASS_NAME_EXACT : CLASS_NAME_PREFIX;
      }
    }
    const rank = ranks[slot];
    if (topCount === limit) {
      const worstScore = topScores[limit - 1];
      const worstRank = ranks[topSlots[limit - 1]];
      if (nameClass === 0 && worstScore >= BELOW_NAME_PREFIX) {
        // Only a name prefix could still make the list; when those were ranked already, nothing can.
        return !skipNamePrefixes;
      }
      const quickBound = maskBound(masks, m, needs, firstAt, usedText, termCount, nameClass, typoUsed);
      if (quickBound < worstScore || (quickBound === worstScore && rank > worstRank)) {
        return true;
      }
    }
    if (block === '') {
      block = corpus.block(corpus.blockIndex(slot));
      start = corpus.start(slot);
    }
    const end = corpus.end(slot);
    if (topCount === limit) {
      const worstScore = topScores[limit - 1];
      const worstRank = ranks[topSlots[limit - 1]];
      let classBound = nameClass > 0 ? nameClass : typoUsed ? QUALITY_TYPO : QUALITY_WORD_START;
      let bonusBound = 0;
      // When every word starts one, each is weighed where it does, after its first occurrence and, for a number
      // that starts no word in the name, company or emails, in a phone number or later.
      let startedBonus = 0;
      for (let t = 0; t < termCount; t++) {
        let at = firstAt[t];
        if (at === BY_TYPO) {
          continue;
        }
        const k = t * TERM_TEXTS + usedText[t];
        if (at === SOMEWHERE) {
          at = block.indexOf(texts[k] as string, start);
          firstAt[t] = at;
        }
        const weight = fieldWeight(markerAt(block, at)) * 10;
        if (isWordStart(block, at)) {
          // The first occurrence starts a word: this word's part of the score is known exactly.
          const exact = weight + (isWordEnd(block, at + (texts[k] as string).length) ? WHOLE_WORD_BONUS : 0);
          bonusBound += exact;
          startedBonus += exact;
          continue;
        }
        const canStart = canStartWord(masks, m, needs, k * NEEDS) && (k !== 0 || startless === null || startless[slot] === 0);
        if (!canStart && nameClass === 0 && classBound > QUALITY_SUBSTRING) {
          classBound = QUALITY_SUBSTRING;
        }
        // The masks know a short number's whole words only up to the phone numbers (gramMasks.ts).
        const shortNumber = needs[k * NEEDS + 13] >= 0 && weight < PHONE_BONUS;
        const whole = canStart && (shortNumber || canBeWord(masks, m, needs, k * NEEDS)) ? WHOLE_WORD_BONUS : 0;
        bonusBound += weight + whole;
        startedBonus += (canStartTopWord(masks, m, needs, k * NEEDS) ? weight : Math.min(weight, PHONE_BONUS)) + whole;
      }
      const bonus = classBound === QUALITY_WORD_START && nameClass === 0 ? startedBonus : bonusBound;
      const bound = classBound * 1000 + Math.min(bonus, MAX_BONUS);
      if (bound < worstScore || (bound === worstScore && rank > worstRank)) {
        return true;
      }
    }
    const score = scoreOf(block, start, end, texts, firstAt, usedText, termCount, nameClass, typoUsed);
    if (startless !== null && usedText[0] === 0 && nameClass === 0 && !typoUsed && score < QUALITY_WORD_START * 1000) {
      startless[slot] = 1;
    }
    // Keep the best `limit` in order; equal scores go by name order.
    if (topCount === limit) {
      const lastScore = topScores[limit - 1];
      if (score < lastScore || (score === lastScore && rank > ranks[topSlots[limit - 1]])) {
        return true;
      }
    } else {
      topCount++;
    }
    let j = topCount - 1;
    while (j > 0) {
      const aboveScore = topScores[j - 1];
      if (aboveScore > score || (aboveScore === score && ranks[topSlots[j - 1]] < rank)) {
        break;
      }
      topSlots[j] = topSlots[j - 1];
      topScores[j] = aboveScore;
      topTypo[j] = topTypo[j - 1];
      j--;
    }
    topSlots[j] = slot;
    topScores[j] = score;
    topTypo[j] = typoUsed ? 1 : 0;
    this.count = topCount;
    return true;
  }
}

/** What one ranking pass reads, worked out once (TopHits.begin). */
interface RankPass {
  readonly input: RankInput;
  /** Where each match's terms were found; null when the masks alone matched every term. */
  readonly found: Found | null;
  readonly masks: Int32Array;
  readonly joinedHead: number;
  /** The name prefixes were ranked already (the prefix pass). */
  readonly skipNamePrefixes: boolean;
  readonly startless: Uint8Array | null;
  /** For a one-word query answered by the masks, its bound for each set of facts, and how to read the facts. */
  readonly bounds: Int32Array | null;
  readonly tests: Int32Array;
}

const ONE_WORD_TESTS = 12;
/** rankByBound's facts of a match whose name may start with the query (no bound), and of one ranked already. */
const NAME_MAY_START = 32;
const SKIPPED = 33;

/**
 * For a one-word query, the five facts maskBound() weighs, as mask words and bits a live slot's masks are tested
 * against in rank(): the word can start a word (1: its first character's bit, and its first pair's or a common word
 * starting with it), start a word of the name (2), lie in the name, company or an email (4: digits that must all be
 * there), be a whole word (8), and start a word in the name, company or an email (16). A fact the masks cannot tell
 * tests DIGITS for LIVE, which every live slot has.
 */
function oneWordTests(needs: Int32Array): Int32Array {
  const gram = (bit: number): [number, number] => (bit < 0 ? [DIGITS, LIVE] : [GRAMS + (bit >>> 5), 1 << (bit & 31)]);
  const maybe = (word: number, bit: number): [number, number] => (bit === 0 ? [DIGITS, LIVE] : [word, bit]);
  const [startWord, startBit] = maybe(needs[3], needs[4]);
  const [pairWord, pairBit] = gram(needs[10]);
  const [nameWord, nameBit] = maybe(needs[8], needs[9]);
  const [wholeWord, wholeBit] = needs[13] >= 0 ? gram(needs[13]) : maybe(NAMES, needs[6]);
  const [topWord, topBit] = gram(needs[14]);
  return Int32Array.of(startWord, startBit, pairWord, pairBit, needs[11], nameWord, nameBit, needs[5], wholeWord, wholeBit, topWord, topBit);
}

/** maskBound() of a one-word query whose name does not start with it, for each set of the five facts. */
function oneWordBounds(needs: Int32Array): Int32Array {
  const bounds = new Int32Array(32);
  const masks = new Int32Array(MASKS);
  const firstAt = Int32Array.of(SOMEWHERE);
  const usedText = new Uint8Array(1);
  for (let bits = 0; bits < 32; bits++) {
    // A slot holding exactly the facts in `bits`, for maskBound() to weigh.
    masks.fill(0);
    const set = (word: number, bit: number, on: boolean): void => {
      masks[word] |= on ? bit : 0;
    };
    set(needs[3], needs[4], (bits & 1) !== 0);
    const pair = needs[10];
    if (pair >= 0) {
      set(GRAMS + (pair >>> 5), 1 << (pair & 31), (bits & 1) !== 0);
    }
    set(needs[8], needs[9], (bits & 2) !== 0);
    set(DIGITS, needs[5], (bits & 4) !== 0);
    set(NAMES, needs[6], (bits & 8) !== 0);
    const word = needs[13];
    if (word >= 0) {
      set(GRAMS + (word >>> 5), 1 << (word & 31), (bits & 8) !== 0);
    }
    const topStart = needs[14];
    if (topStart >= 0) {
      set(GRAMS + (topStart >>> 5), 1 << (topStart & 31), (bits & 16) !== 0);
    }
    bounds[bits] = maskBound(masks, 0, needs, firstAt, usedText, 1, 0, false);
  }
  return bounds;
}

/** How well a match matches: word starts, which field, whole words. Works in the block, copying nothing. */
function scoreOf(
  block: string,
  start: number,
  end: number,
  texts: readonly (string | undefined)[],
  firstAt: Int32Array,
  usedText: Uint8Array,
  terms: number,
  nameClass: number,
  typoUsed: boolean,
): number {
  let bonus = 0;
  let worst = typoUsed ? QUALITY_TYPO : QUALITY_WORD_START;
  for (let t = 0; t < terms; t++) {
    let first = firstAt[t];
    if (first === BY_TYPO) {
      continue;
    }
    const text = texts[t * TERM_TEXTS + usedText[t]] as string;
    if (first === SOMEWHERE) {
      first = block.indexOf(text, start);
    }
    let position = first;
    let quality = QUALITY_SUBSTRING;
    for (let at = first; at >= 0 && at < end; at = block.indexOf(text, at + 1)) {
      if (isWordStart(block, at)) {
        quality = QUALITY_WORD_START;
        position = at;
        break;
      }
    }
    bonus += fieldWeight(markerAt(block, position)) * 10;
    if (quality === QUALITY_WORD_START && isWordEnd(block, position + text.length)) {
      bonus += WHOLE_WORD_BONUS;
    }
    if (quality < worst) {
      worst = quality;
    }
  }
  return (nameClass > 0 ? nameClass : worst) * 1000 + Math.min(bonus, MAX_BONUS);
}
