/**
 * One keystroke's pass over the candidates: which of them match every word (by its text, as typed, by the number it
 * reads as, or by a typo); topHits.ts keeps the best `limit` of those. Kept apart from the session
 * (contactSearch.ts), which decides what the candidates are, because this is the loop that runs per contact.
 *
 * It prunes before it reads text. A text whose characters or pairs a slot lacks is not looked for (charMasks.ts,
 * gramMasks.ts), nor one that occurs in no contact (gramPresence.ts); a single letter or digit, and a pair with a bit
 * of its own, are answered by the masks alone. Where a word extends the last keystroke's, its search in a contact
 * starts where that one was found. Matching and ranking are two passes: when nearly every contact matches, those whose
 * name starts with the query are ranked first, and once `limit` of them are found nothing else can make the list, so
 * the rest are only counted.
 */
import * as charMasks from './charMasks.js';
import type { SearchCorpus } from './corpus.js';
import * as gramMasks from './gramMasks.js';
import * as plans from './queryPlan.js';
import type { QueryPlan } from './queryPlan.js';
import { TopHits, type Found, type RankInput } from './topHits.js';

/** Copied once for the loops, which read them per candidate: see contactSearch.ts. */
const { DIGITS, GRAMS, HEAD_SHIFT, headCode, MASKS, STARTS } = charMasks;
const { GRAM_INTS } = gramMasks;
const { BY_TYPO, CURSOR_FIELDS, masksAllow, NEED_GRAMS, NEED_HOLDING, NEEDS, occurrence, SOMEWHERE, TERM_TEXTS } = plans;

/** Fewer candidates than this are ranked in one pass: looking for name prefixes first would cost more than it saves. */
const PREFIX_PASS_MIN = 1024;

/** What one run reads besides the candidates. */
export interface ScanInput extends RankInput {
  /** Per slot, the terms it matches by a typo (typoMarks.ts). */
  readonly typoSlots: Uint8Array;
  /** The candidates are the last run's matches, in its order, and the plan says which texts extend that run's. */
  readonly narrowed: boolean;
  /** The terms some slot matches by a typo (typoMarks.ts): their texts cannot narrow the candidates. */
  readonly typoTerms: number;
}

export class Scan {
  /** The best hits of the last run. */
  readonly top = new TopHits();

  /** How many matches of the last run had a name starting with the query; -1 if it did not look (few candidates). */
  get namePrefixCount(): number {
    return this.prefixCount;
  }
  /** The last run's candidates whose name starts with the query and that match, prefixSlots[0 .. prefixCount). */
  private prefixSlots = new Int32Array(0);
  private prefixCount = -1;
  private prefixJoined = '';
  /** 1 for the slots in prefixSlots[0 .. prefixCount): ranking skips them without reading their names. */
  private isPrefix = new Uint8Array(0);
  private cursors = new Int32Array(0);
  /** The slots of a triple's list (gramLists.ts), when they are the candidates or narrow them. */
  private listBuffer = new Int32Array(0);
  private firstAt = new Int32Array(0);
  private usedText = new Uint8Array(0);
  /** The last run's matches' positions, read while the next run writes into `next`; the prefix pass has its own. */
  private found: Found = { at: new Int32Array(0), by: new Uint8Array(0) };
  private next: Found = { at: new Int32Array(0), by: new Uint8Array(0) };
  private prefixFound: Found = { at: new Int32Array(0), by: new Uint8Array(0) };
  /** Terms per match in `found`; 0 when the last run recorded no positions. */
  private foundTerms = 0;

  /**
   * Matches the candidates (slots list[0 .. count), ascending, or every slot when list is null), writes the matching
   * slots to `matches` in the same order (list may be `matches` itself: a match is never written ahead of the
   * candidate being read) and keeps the best `limit`. Answers how many matched.
   */
  run(input: ScanInput, list: Int32Array | null, count: number, matches: Int32Array): number {
    const { corpus, plan, joined, limit } = input;
    const terms = plan.terms.length;
    this.prepare(corpus, terms, limit);
    const reuse = input.narrowed && this.foundTerms === terms;
    this.foundTerms = 0;
    if (plan.terms.some((_, t) => plan.typoOnly(t) && (t >= 8 || !hasTypoMarks(input.typoSlots, t, list, count)))) {
      return 0;
    }
    const exact = plan.terms.every((_, t) => plan.exactOnly(t));
    if (!exact) {
      [list, count] = this.listed(input, list, count, reuse);
    }
    const isPrefix = this.isPrefix;
    for (let i = 0; i < this.prefixCount; i++) {
      isPrefix[this.prefixSlots[i]] = 0;
    }
    let rankAll = limit > 0;
    if (limit > 0 && count >= PREFIX_PASS_MIN) {
      // A name that starts with this query started with the last one, and it matched then: only the last prefixes.
      const narrow = input.extending && this.prefixCount >= 0 && joined.startsWith(this.prefixJoined);
      const prefixes = narrow
        ? this.namePrefixes(corpus, joined, this.prefixSlots, this.prefixCount)
        : this.namePrefixes(corpus, joined, list, count);
      const prefixFound = this.foundFor('prefixFound', prefixes * terms);
      const matched = this.matchPass(input, this.prefixSlots, prefixes, this.prefixSlots, prefixFound, false);
      this.top.rank(input, this.prefixSlots, matched, this.prefixFound, null);
      for (let i = 0; i < matched; i++) {
        isPrefix[this.prefixSlots[i]] = 1;
      }
      this.prefixCount = matched;
      this.prefixJoined = joined;
      rankAll = false;
    } else {
      this.prefixCount = -1;
    }
    const ranking = !this.top.fullOfNamePrefixes(limit);
    let matchCount: number;
    let found: Found | null = null;
    if (exact) {
      matchCount = this.countByMasks(corpus, plan, list, count, matches);
    } else {
      matchCount = this.matchPass(input, list, count, matches, this.foundFor('next', count * terms), reuse);
      [this.found, this.next] = [this.next, this.found];
      this.foundTerms = terms;
      found = this.found;
    }
    if (ranking) {
      this.top.rank(input, matches, matchCount, found, rankAll ? null : isPrefix);
    }
    return matchCount;
  }

  private prepare(corpus: SearchCorpus, terms: number, limit: number): void {
    this.top.reset(limit, terms, corpus.size);
    if (this.isPrefix.length < corpus.size) {
      this.isPrefix = new Uint8Array(corpus.size);
      this.prefixCount = -1;
    }
    this.cursors = new Int32Array(terms * TERM_TEXTS * CURSOR_FIELDS);
    this.firstAt = new Int32Array(terms);
    this.usedText = new Uint8Array(terms);
  }

  /**
   * The candidates that hold the listed triple (gramLists.ts) of a word, when one has a list much shorter than the
   * candidates: a word matched by its text alone (no alt, number or typo) occurs only where its triples do. Narrowed
   * candidates are kept in place, in order, with where the last run found their words.
   */
  private listed(input: ScanInput, list: Int32Array | null, count: number, reuse: boolean): [Int32Array | null, number] {
    const { corpus, plan } = input;
    const lists = corpus.gramLists();
    let best = -1;
    plan.terms.forEach((_, t) => {
      const k = t * TERM_TEXTS;
      const text = plan.texts[k];
      if (text === undefined || plan.texts[k + 1] !== undefined || plan.texts[k + 2] !== undefined || (input.typoTerms & (1 << t)) !== 0) {
        return;
      }
      const id = lists.bestFor(text);
      best = id >= 0 && (best < 0 || lists.size(id) < lists.size(best)) ? id : best;
    });
    if (best < 0 || lists.size(best) * 2 > count) {
      return [list, count];
    }
    if (this.listBuffer.length < lists.size(best)) {
      this.listBuffer = new Int32Array(Math.max(lists.size(best), this.listBuffer.length * 2));
    }
    const slots = this.listBuffer;
    const listedCount = lists.read(best, slots);
    if (list === null) {
      return [slots, listedCount];
    }
    const terms = plan.terms.length;
    const { at, by } = this.found;
    let kept = 0;
    for (let c = 0, j = 0; c < count; c++) {
      const slot = list[c];
      while (j < listedCount && slots[j] < slot) {
        j++;
      }
      if (j === listedCount) {
        break;
      }
      if (slots[j] !== slot) {
        continue;
      }
      if (reuse) {
        at.copyWithin(kept * terms, c * terms, (c + 1) * terms);
        by.copyWithin(kept * terms, c * terms, (c + 1) * terms);
      }
      list[kept++] = slot;
    }
    return [list, kept];
  }

  /**
   * One of the position buffers, holding at least `size` entries. Grown only when a pass needs it: a session lives
   * for one quick pick, and one keystroke over 50,000 contacts answered from masks alone needs none.
   */
  private foundFor(which: 'next' | 'prefixFound', size: number): Found {
    const found = this[which];
    if (found.at.length < size) {
      found.at = new Int32Array(Math.max(size, found.at.length * 2));
      found.by = new Uint8Array(found.at.length);
    }
    return found;
  }

  /** The candidates whose name starts with the query: the only ones that can score CLASS_NAME_PREFIX or better. */
  private namePrefixes(corpus: SearchCorpus, joined: string, list: Int32Array | null, count: number): number {
    // Written over the candidates when they are the last prefixes: never ahead of the one being read.
    const masks = corpus.masks();
    const head = headCode(joined.charCodeAt(0));
    let found = 0;
    for (let c = 0; c < count; c++) {
      const slot = list === null ? c : list[c];
      // Most names start otherwise; removed slots have no name at all.
      if (masks[slot * MASKS + STARTS] >>> HEAD_SHIFT !== head) {
        continue;
      }
      if (corpus.block(corpus.blockIndex(slot)).startsWith(joined, corpus.start(slot) + 1)) {
        if (found === this.prefixSlots.length) {
          const grown = new Int32Array(Math.max(256, found * 2));
          grown.set(this.prefixSlots);
          this.prefixSlots = grown;
        }
        this.prefixSlots[found++] = slot;
      }
    }
    return found;
  }

  /** The matches of terms the masks alone answer (exactOnly), read from the masks alone. */
  private countByMasks(corpus: SearchCorpus, plan: QueryPlan, list: Int32Array | null, count: number, matches: Int32Array): number {
    const masks = corpus.masks();
    const needs = plan.needs;
    let matchCount = 0;
    if (plan.terms.length > 1) {
      for (let c = 0; c < count; c++) {
        const slot = list === null ? c : list[c];
        if (plan.terms.every((_, t) => masksAllow(masks, slot * MASKS, needs, t * TERM_TEXTS * NEEDS))) {
          matches[matchCount++] = slot;
        }
      }
      return matchCount;
    }
    // One word, read straight: its characters, then a common word that holds it or the few words of pair bits it needs.
    const chars = needs[0];
    const digits = needs[1];
    const holding = needs[NEED_HOLDING];
    const pairs = Array.from({ length: GRAM_INTS }, (_, i) => [GRAMS + i, needs[NEED_GRAMS + i]]);
    const needed = pairs.filter(([, bits]) => bits !== 0);
    const [w0 = GRAMS, b0 = 0] = needed[0] ?? [];
    const [w1 = GRAMS, b1 = 0] = needed[1] ?? [];
    for (let c = 0; c < count; c++) {
      const slot = list === null ? c : list[c];
      const m = slot * MASKS;
      if ((masks[m] & chars) !== chars || (masks[m + DIGITS] & digits) !== digits) {
        continue;
      }
      const held =
        needed.length > 2
          ? masksAllow(masks, m, needs, 0)
          : (masks[m + GRAMS] & holding) !== 0 || ((masks[m + w0] & b0) === b0 && (masks[m + w1] & b1) === b1);
      if (held) {
        matches[matchCount++] = slot;
      }
    }
    return matchCount;
  }

  /**
   * Writes the candidates that match every term to `matches`, and where each term was found to `found`. With
   * `reuse`, the candidates are the last run's matches and `this.found` says where their terms were.
   */
  private matchPass(input: ScanInput, list: Int32Array | null, count: number, matches: Int32Array, found: Found, reuse: boolean): number {
    const { corpus, plan, typoSlots } = input;
    const terms = plan.terms;
    const termCount = terms.length;
    // Longest first: the most selective word rejects most contacts with the fewest indexOf calls.
    const order = terms.map((_, i) => i).sort((a, b) => (terms[b]?.text.length ?? 0) - (terms[a]?.text.length ?? 0));
    const masks = corpus.masks();
    const texts = plan.texts;
    const needs = plan.needs;
    const extendsBefore = plan.extendsBefore;
    const cursors = this.cursors.fill(-1);
    const firstAt = this.firstAt;
    const usedText = this.usedText;
    const before = this.found;
    const foundAt = found.at;
    const foundBy = found.by;
    let matchCount = 0;
    for (let c = 0; c < count; c++) {
      const slot = list === null ? c : list[c];
      const m = slot * MASKS;
      // The block is read only once a text's masks allow it.
      let blockIndex = -1;
      let block = '';
      let start = 0;
      let end = 0;
      let matched = true;
      for (let o = 0; o < order.length; o++) {
        const t = order[o];
        const earlier = reuse ? c * termCount + t : -1;
        let hit = false;
        for (let u = 0, k = t * TERM_TEXTS; u < TERM_TEXTS; u++, k++) {
          const text = texts[k];
          const n = k * NEEDS;
          if (text === undefined || !masksAllow(masks, m, needs, n)) {
            continue;
          }
          // Answered by the masks, or held by a common word the slot holds: found, somewhere in the slot.
          if (needs[n + 2] === 1 || needs[n + 7] === 1 || (masks[m + GRAMS] & needs[n + NEED_HOLDING]) !== 0) {
            firstAt[t] = SOMEWHERE;
            usedText[t] = u;
            hit = true;
            break;
          }
          if (blockIndex < 0) {
            blockIndex = corpus.blockIndex(slot);
            block = corpus.block(blockIndex);
            start = corpus.start(slot);
            end = corpus.end(slot);
          }
          let from = start;
          // A text that extends the last keystroke's first occurs where that did or later.
          if (earlier >= 0 && before.by[earlier] === u && extendsBefore[k] === 1 && before.at[earlier] >= 0) {
            const at = before.at[earlier];
            if (block.startsWith(text, at)) {
              firstAt[t] = at;
              usedText[t] = u;
              hit = true;
              break;
            }
            from = at + 1;
          }
          // Words hold no marker characters, so an occurrence that starts inside the slot also ends inside it.
          const at = occurrence(cursors, k, block, blockIndex, from, end, text);
          if (at < end) {
            firstAt[t] = at;
            usedText[t] = u;
            hit = true;
            break;
          }
        }
        if (!hit) {
          if ((typoSlots[slot] & (1 << t)) === 0) {
            matched = false;
            break;
          }
          firstAt[t] = BY_TYPO;
        }
      }
      if (matched) {
        for (let t = 0; t < termCount; t++) {
          foundAt[matchCount * termCount + t] = firstAt[t];
          foundBy[matchCount * termCount + t] = usedText[t];
        }
        matches[matchCount++] = slot;
      }
    }
    return matchCount;
  }
}

/** Whether any candidate is marked as holding a word one typo from term t. */
function hasTypoMarks(typoSlots: Uint8Array, t: number, list: Int32Array | null, count: number): boolean {
  const bit = 1 << t;
  for (let c = 0; c < count; c++) {
    if ((typoSlots[list === null ? c : list[c]] & bit) !== 0) {
      return true;
    }
  }
  return false;
}
