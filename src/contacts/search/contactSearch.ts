/**
 * A search session, e.g. one quick pick, because the cheap path depends on remembering the previous keystroke: when
 * the new query extends the last one, only the last query's matches are searched again, and the buffers the loop
 * fills live as long as the session so that nothing is allocated per contact. The bar it is built for: p99 under
 * 2 ms per keystroke over 10,000 contacts (the benchmark's).
 *
 * Typo tolerance never scans text here: the contacts a query word reaches by one typo are marked before the loop
 * runs (typoMarks.ts). Which field a hit matched in is worked out for the returned hits only (matchedField.ts).
 */
import type { Contact } from '../../quo/types.js';
import type { SearchCorpus } from './corpus.js';
import * as haystackLayout from './haystack.js';
import type { SearchField } from './haystack.js';
import * as geometry from './haystackGeometry.js';
import { matchedField } from './matchedField.js';
import { parseQuery, type Term } from './query.js';
import * as scoring from './scoring.js';
import { TypoMarks } from './typoMarks.js';

/*
 * What the search reads from the other search modules is copied into this module's own constants once, at load.
 * Where the TypeScript runs unbundled as CommonJS (tsx: the unit tests and `npm run bench`), every read of an
 * imported binding is a call through two getters, and the loop makes such reads per candidate: with plain imports
 * here, in haystackGeometry.ts and in scoring.ts, the p50 of a keystroke went from 0.18 to 0.30 ms. The bundled
 * extension is the same either way. Nothing copied is ever reassigned, so the copies cannot go stale.
 */
const { LAST_MARKER, searchName } = haystackLayout;
const { isWordEnd, isWordStart, markerAt, wordStartBit } = geometry;
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

const DEFAULT_SEARCH_LIMIT = 50;

/** What a search reads besides the corpus: the contacts by slot and their order by name. */
export interface SearchableContacts {
  readonly corpus: SearchCorpus;
  contactAt(slot: number): Contact;
  /** Slots in display-name order: the order of equal scores, and of the empty query. */
  nameOrder(): readonly number[];
  /** Each slot's position in nameOrder(). */
  nameRanks(): Int32Array;
  /** Where national phone numbers in a query are read (`quo.defaultCountry`). */
  readonly defaultCountry: string;
}

export interface SearchOptions {
  /** Most hits returned (default 50). */
  readonly limit?: number;
}

export interface SearchHit {
  readonly contact: Contact;
  /** Higher is better; only the order is meaningful. */
  readonly score: number;
  /** Where the query's longest word matched best. */
  readonly field: SearchField;
  /** That field's value as the contact holds it (a custom field's as text), for the quick pick's description. */
  readonly value: string;
  /** The label of the matched email or phone number, or the custom field's name. */
  readonly label?: string;
  /** Whether a query word matched only with a typo. */
  readonly typo: boolean;
}

export interface SearchResult {
  /** Best first; at most `limit`. */
  readonly hits: readonly SearchHit[];
  /** How many contacts matched in all. */
  readonly matchCount: number;
}

interface LastSearch {
  readonly corpus: SearchCorpus;
  readonly version: number;
  readonly terms: readonly Term[];
  /** The slots it matched are matchBuffer[0 .. matchCount). */
  readonly matchCount: number;
}

/**
 * A search session, e.g. one quick pick: remembers the last query's matches so that each keystroke that extends the
 * query searches only those. Reusable across index changes; a changed corpus is noticed and searched in full.
 */
export class ContactSearch {
  private last: LastSearch | undefined;
  private matchBuffer = new Int32Array(0);
  private readonly typoMarks = new TypoMarks();
  private topSlots = new Int32Array(DEFAULT_SEARCH_LIMIT);
  private topScores = new Float64Array(DEFAULT_SEARCH_LIMIT);
  private topTypo = new Uint8Array(DEFAULT_SEARCH_LIMIT);

  search(source: SearchableContacts, query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT));
    const corpus = source.corpus;
    const parsed = parseQuery(query, source.defaultCountry);
    if (parsed.terms.length === 0) {
      this.last = undefined;
      const hits = source
        .nameOrder()
        .slice(0, limit)
        .map((slot): SearchHit => {
          const contact = source.contactAt(slot);
          return { contact, score: 0, field: 'name', value: searchName(contact), typo: false };
        });
      return { hits, matchCount: corpus.size };
    }
    const terms = parsed.terms;
    // Longest first: the most selective word rejects most contacts with the fewest indexOf calls.
    const order = terms.map((_, i) => i).sort((a, b) => (terms[b]?.text.length ?? 0) - (terms[a]?.text.length ?? 0));
    const typoBits = this.typoMarks.mark(corpus, terms);
    const typoSlots = this.typoMarks.slots;
    const ranks = source.nameRanks();

    // Matches are written over the candidates they came from (never ahead of the one being read), so one buffer per
    // session serves every keystroke: allocating one per keystroke made V8 collect its whole heap now and then.
    const last = this.narrowable(corpus, terms) ? this.last : undefined;
    const narrowed = last !== undefined;
    const candidateCount = last ? last.matchCount : corpus.size;
    if (!narrowed && this.matchBuffer.length < corpus.size) {
      this.matchBuffer = new Int32Array(Math.max(corpus.size, this.matchBuffer.length * 2));
    }
    const matches = this.matchBuffer;
    let matchCount = 0;
    this.ensureTop(limit);
    let topCount = 0;
    const topSlots = this.topSlots;
    const topScores = this.topScores;
    const topTypo = this.topTypo;
    const joined = parsed.joined;

    corpus.flush();
    // Per term text, the next occurrence found in a block: candidates come in block order, so one indexOf serves
    // every contact up to that occurrence, and a rare word costs about one call per contact that has it.
    const cursors = new Int32Array(terms.length * TERM_TEXTS * CURSOR_FIELDS).fill(-1);
    // Per term, for the candidate at hand: where it first occurs (-1: matched by a typo) and which of its texts
    // matched (0 text, 1 alt, 2 number).
    const firstAt = new Int32Array(terms.length);
    const usedAlt = new Uint8Array(terms.length);
    // Read once: asking every term in the loop for a number it rarely has cost about 5% of a keystroke's median.
    const anyNumber = terms.some((term) => term.number !== undefined);
    for (let c = 0; c < candidateCount; c++) {
      const slot = narrowed ? (matches[c]) : c;
      const blockIndex = corpus.blockIndex(slot);
      const block = corpus.block(blockIndex);
      const start = corpus.start(slot);
      const end = corpus.end(slot);
      // First only whether every word matches. Most candidates stop here.
      let typoUsed = false;
      let matched = true;
      for (let o = 0; o < order.length; o++) {
        const termIndex = order[o];
        const term = terms[termIndex];
        // Words hold no marker characters, so an occurrence that starts inside the slot also ends inside it.
        let at = nextOccurrence(cursors, termIndex * TERM_TEXTS, block, blockIndex, start, term.text);
        if (at < end) {
          firstAt[termIndex] = at;
          usedAlt[termIndex] = 0;
          continue;
        }
        if (term.alt !== undefined) {
          at = nextOccurrence(cursors, termIndex * TERM_TEXTS + 1, block, blockIndex, start, term.alt);
          if (at < end) {
            firstAt[termIndex] = at;
            usedAlt[termIndex] = 1;
            continue;
          }
        }
        if (anyNumber && term.number !== undefined) {
          at = nextOccurrence(cursors, termIndex * TERM_TEXTS + 2, block, blockIndex, start, term.number);
          if (at < end) {
            firstAt[termIndex] = at;
            usedAlt[termIndex] = 2;
            continue;
          }
        }
        if (((typoSlots[slot]) & (1 << termIndex)) !== 0) {
          firstAt[termIndex] = -1;
          typoUsed = true;
          continue;
        }
        matched = false;
        break;
      }
      if (!matched) {
        continue;
      }
      matches[matchCount++] = slot;
      if (limit === 0) {
        continue;
      }
      let nameClass = 0;
      if (block.startsWith(joined, start + 1)) {
        // The next character ends the name: a marker, or the end of the block.
        const after = start + 1 + joined.length;
        nameClass = after >= block.length || block.charCodeAt(after) <= LAST_MARKER ? CLASS_NAME_EXACT : CLASS_NAME_PREFIX;
      }
      const rank = ranks[slot];
      if (topCount === limit) {
        // Most matches of a short query cannot make the list. Bound their score cheaply before working it out: a
        // word can only start a word if its first character starts one somewhere in the contact, and no occurrence
        // lies in a better field than the first one (fields are in ranking order).
        const worstScore = topScores[limit - 1];
        const worstRank = ranks[topSlots[limit - 1]];
        const starts = corpus.wordStarts(slot);
        let classBound = nameClass > 0 ? nameClass : typoUsed ? QUALITY_TYPO : QUALITY_WORD_START;
        let bonusBound = 0;
        for (let t = 0; t < terms.length; t++) {
          const at = firstAt[t];
          if (at < 0) {
            continue;
          }
          const text = matchedText(terms[t], usedAlt[t]);
          const head = text.charCodeAt(0);
          const bit = wordStartBit(head);
          const canStartWord = bit === 0 || (starts & bit) !== 0;
          if (!canStartWord && nameClass === 0 && classBound > QUALITY_SUBSTRING) {
            classBound = QUALITY_SUBSTRING;
          }
          bonusBound += fieldWeight(markerAt(block, at)) * 10 + (canStartWord ? WHOLE_WORD_BONUS : 0);
        }
        const bound = classBound * 1000 + Math.min(bonusBound, MAX_BONUS);
        if (bound < worstScore || (bound === worstScore && rank > worstRank)) {
          continue;
        }
      }
      // Then how well it matches: word starts, which field, whole words. Works in the block, copying nothing.
      let bonus = 0;
      let worst = typoUsed ? QUALITY_TYPO : QUALITY_WORD_START;
      for (let t = 0; t < terms.length; t++) {
        const first = firstAt[t];
        if (first < 0) {
          continue; // matched with a typo
        }
        const text = matchedText(terms[t], usedAlt[t]);
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
      const score = (nameClass > 0 ? nameClass : worst) * 1000 + Math.min(bonus, MAX_BONUS);
      // Keep the best `limit` in order; equal scores go by name order.
      if (topCount === limit) {
        const lastSlot = topSlots[limit - 1];
        const lastScore = topScores[limit - 1];
        if (score < lastScore || (score === lastScore && rank > (ranks[lastSlot]))) {
          continue;
        }
      } else {
        topCount++;
      }
      let i = topCount - 1;
      while (i > 0) {
        const aboveScore = topScores[i - 1];
        if (aboveScore > score || (aboveScore === score && (ranks[topSlots[i - 1]]) < rank)) {
          break;
        }
        topSlots[i] = topSlots[i - 1];
        topScores[i] = aboveScore;
        topTypo[i] = topTypo[i - 1];
        i--;
      }
      topSlots[i] = slot;
      topScores[i] = score;
      topTypo[i] = typoUsed ? 1 : 0;
    }

    this.last = { corpus, version: corpus.version, terms, matchCount };
    const primary = terms[order[0]];
    const primaryBit = typoBits !== 0 ? 1 << (order[0]) : 0;
    const hits: SearchHit[] = [];
    for (let i = 0; i < topCount; i++) {
      const slot = topSlots[i];
      const contact = source.contactAt(slot);
      const where = matchedField(corpus, slot, contact, primary, this.typoMarks.words, primaryBit);
      hits.push({ contact, score: topScores[i], ...where, typo: topTypo[i] === 1 });
    }
    return { hits, matchCount };
  }

  /** Forgets the remembered matches (e.g. when the quick pick closes). */
  reset(): void {
    this.last = undefined;
  }

  /**
   * The last query's matches are a superset of this one's if every word of the last query is the start of the word in
   * the same place now: substrings only narrow, and a typo match of a longer word implies one of its prefix. A word
   * that has just become long enough for typos is the exception: it may match what its shorter form did not.
   */
  private narrowable(corpus: SearchCorpus, terms: readonly Term[]): boolean {
    const last = this.last;
    if (!last || last.corpus !== corpus || last.version !== corpus.version || terms.length < last.terms.length) {
      return false;
    }
    for (let i = 0; i < last.terms.length; i++) {
      const before = last.terms[i];
      const now = terms[i];
      // A phone-like word matches by its digits or as typed; each must extend its counterpart. It may also match by
      // the number it reads as: only contacts the last query's number matched can match the same number again.
      if (
        !now.text.startsWith(before.text) ||
        !(now.alt ?? now.text).startsWith(before.alt ?? before.text) ||
        (now.number !== undefined && now.number !== before.number) ||
        (now.typo && !before.typo)
      ) {
        return false;
      }
    }
    return true;
  }

  private ensureTop(limit: number): void {
    if (this.topSlots.length < limit) {
      this.topSlots = new Int32Array(limit);
      this.topScores = new Float64Array(limit);
      this.topTypo = new Uint8Array(limit);
    }
  }
}

/** The texts a term may match by: its text, its alt, its number. */
const TERM_TEXTS = 3;

/** The text of `term` that matched: 0 its text, 1 its alt, 2 its number. */
function matchedText(term: Term, used: number): string {
  return (used === 0 ? term.text : used === 1 ? term.alt : term.number) as string;
}

/** Per cursor: the block it is in, the position it searched from, the occurrence it found. */
const CURSOR_FIELDS = 3;

/**
 * The first occurrence of `text` at or after `start` in `block` (block.length if none), reusing what cursor `k`
 * found last when that answers the question too.
 */
function nextOccurrence(
  cursors: Int32Array,
  k: number,
  block: string,
  blockIndex: number,
  start: number,
  text: string,
): number {
  const at = k * CURSOR_FIELDS;
  const found = cursors[at + 2];
  if (cursors[at] === blockIndex && (cursors[at + 1]) <= start && found >= start) {
    return found;
  }
  const next = block.indexOf(text, start);
  const occurrence = next < 0 ? block.length : next;
  cursors[at] = blockIndex;
  cursors[at + 1] = start;
  cursors[at + 2] = occurrence;
  return occurrence;
}
