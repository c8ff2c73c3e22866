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
import { searchName, type SearchField } from './haystack.js';
import { matchedField } from './matchedField.js';
import { parseQuery, type Term } from './query.js';
import { QueryPlan } from './queryPlan.js';
import { Scan } from './scan.js';
import { TypoMarks } from './typoMarks.js';

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
  /** The texts it looked for (QueryPlan.texts): what a query means to the search. */
  readonly texts: readonly (string | undefined)[];
  readonly joined: string;
  /** No contact it matched has a name that starts with `joined`. */
  readonly noNamePrefixes: boolean;
  readonly limit: number;
  /** The slots it matched are matchBuffer[0 .. result.matchCount). */
  readonly result: SearchResult;
}

/**
 * A search session, e.g. one quick pick: remembers the last query's matches so that each keystroke that extends the
 * query searches only those. Reusable across index changes; a changed corpus is noticed and searched in full.
 */
export class ContactSearch {
  private last: LastSearch | undefined;
  private matchBuffer = new Int32Array(0);
  /** The last matches merged with the contacts a new typo-tolerant word reaches. */
  private unionBuffer = new Int32Array(0);
  private readonly typoMarks = new TypoMarks();
  private readonly scan = new Scan();

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
      return { hits, matchCount: corpus.liveCount };
    }
    const terms = parsed.terms;
    const last = this.last;
    corpus.flush();
    const texts = QueryPlan.textsOf(corpus, terms);
    // A space after a word, or punctuation in a phone number (`555-`, `(415)`), changes nothing the search looks for;
    // nor does a longer query that no matching name starts with any more than with the last one.
    if (
      last?.corpus === corpus &&
      last.version === corpus.version &&
      last.limit === limit &&
      sameTexts(last, terms, texts) &&
      (last.joined === parsed.joined || (last.noNamePrefixes && parsed.joined.startsWith(last.joined)))
    ) {
      return last.result;
    }
    const typoBits = this.typoMarks.mark(corpus, terms);

    // Matches are written over the candidates they came from (never ahead of the one being read), so one buffer per
    // session serves every keystroke: allocating one per keystroke made V8 collect its whole heap now and then.
    const newTypos = this.newlyTolerant(corpus, terms);
    let candidates: Int32Array | null = null;
    let candidateCount = corpus.size;
    if (newTypos < 0 || last === undefined) {
      if (this.matchBuffer.length < corpus.size) {
        this.matchBuffer = new Int32Array(Math.max(corpus.size, this.matchBuffer.length * 2));
      }
    } else if ((newTypos & typoBits) === 0) {
      candidates = this.matchBuffer;
      candidateCount = last.result.matchCount;
    } else {
      candidates = this.union(last.result.matchCount, this.typoMarks.slotsMarked(newTypos & typoBits));
      candidateCount = candidates.length;
    }
    const scan = this.scan;
    const narrowed = candidates === this.matchBuffer;
    const input = {
      corpus,
      plan: new QueryPlan(corpus, terms, narrowed ? last?.terms : undefined),
      joined: parsed.joined,
      ranks: source.nameRanks(),
      typoSlots: this.typoMarks.slots,
      typoTerms: typoBits,
      limit,
      narrowed,
      extending: newTypos >= 0,
    };
    const matchCount = scan.run(input, candidates, candidateCount, this.matchBuffer);

    // The primary word (the longest, the first of equals) says where a hit matched.
    let primaryIndex = 0;
    terms.forEach((term, i) => {
      primaryIndex = term.text.length > (terms[primaryIndex]?.text.length ?? 0) ? i : primaryIndex;
    });
    const primary = terms[primaryIndex];
    const primaryBit = typoBits !== 0 ? 1 << primaryIndex : 0;
    const hits: SearchHit[] = [];
    const top = scan.top;
    for (let i = 0; i < top.count; i++) {
      const slot = top.slots[i];
      const contact = source.contactAt(slot);
      const where = matchedField(corpus, slot, contact, primary, this.typoMarks.words, primaryBit);
      hits.push({ contact, score: top.scores[i], ...where, typo: top.typo[i] === 1 });
    }
    const result = { hits, matchCount };
    const noNamePrefixes = scan.namePrefixCount === 0;
    this.last = { corpus, version: corpus.version, terms, texts, joined: parsed.joined, noNamePrefixes, limit, result };
    return result;
  }

  /** Forgets the remembered matches (e.g. when the quick pick closes). */
  reset(): void {
    this.last = undefined;
  }

  /**
   * Whether the last query's matches, with the contacts some words now reach by a typo, are a superset of this
   * one's: -1 if not, else the bits of the words that have just become long enough for typos (0 for none).
   *
   * Every word of the last query must be the start of the word in the same place now: substrings only narrow, and a
   * typo match of a longer word implies one of its prefix. A word that has just become long enough for typos may
   * match what its shorter form did not, but only by a typo: those contacts are marked (typoMarks.ts) and added.
   */
  private newlyTolerant(corpus: SearchCorpus, terms: readonly Term[]): number {
    const last = this.last;
    if (!last || last.corpus !== corpus || last.version !== corpus.version || terms.length < last.terms.length) {
      return -1;
    }
    let bits = 0;
    for (let i = 0; i < last.terms.length; i++) {
      const before = last.terms[i];
      const now = terms[i];
      // A phone-like word matches by its digits or as typed; each must extend its counterpart. It may also match by
      // the number it reads as: only contacts the last query's number matched can match the same number again.
      if (
        !now.text.startsWith(before.text) ||
        !(now.alt ?? now.text).startsWith(before.alt ?? before.text) ||
        (now.number !== undefined && now.number !== before.number)
      ) {
        return -1;
      }
      if (now.typo && !before.typo) {
        // Only the first eight words are marked for typos; beyond them a word matches exactly or not at all.
        bits |= 1 << i;
      }
    }
    return bits;
  }

  /** matchBuffer[0 .. count) and `extra`, both ascending, merged without repeats into unionBuffer. */
  private union(count: number, extra: Int32Array): Int32Array {
    if (this.unionBuffer.length < count + extra.length) {
      this.unionBuffer = new Int32Array(Math.max(count + extra.length, this.unionBuffer.length * 2));
    }
    const out = this.unionBuffer;
    const matches = this.matchBuffer;
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < count || j < extra.length) {
      const a = i < count ? matches[i] : Number.MAX_SAFE_INTEGER;
      const b = j < extra.length ? extra[j] : Number.MAX_SAFE_INTEGER;
      out[n++] = a <= b ? a : b;
      i += a <= b ? 1 : 0;
      j += b <= a ? 1 : 0;
    }
    return out.subarray(0, n);
  }
}

function sameTexts(last: LastSearch, terms: readonly Term[], texts: readonly (string | undefined)[]): boolean {
  return (
    last.terms.length === terms.length &&
    last.terms.every((term, i) => term.typo === terms[i]?.typo) &&
    last.texts.every((text, i) => text === texts[i])
  );
}
