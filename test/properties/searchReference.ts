/**
 * The search as its score model describes it, with nothing pruned: every contact's haystack read in full, every word
 * looked for with indexOf, every match scored and all of them sorted. Slow and plain on purpose, so that the pruned
 * search (masks, pair bits, common words, bounds, narrowing, the name-prefix pass) can be checked against it.
 */
import { isLetter } from '../../src/contacts/search/folding.js';
import { buildHaystack } from '../../src/contacts/search/haystack.js';
import { isWordEnd, isWordStart, markerAt } from '../../src/contacts/search/haystackGeometry.js';
import { MIN_TYPO_LENGTH, parseQuery, type Term } from '../../src/contacts/search/query.js';
import {
  CLASS_NAME_EXACT,
  CLASS_NAME_PREFIX,
  fieldWeight,
  MAX_BONUS,
  QUALITY_SUBSTRING,
  QUALITY_TYPO,
  QUALITY_WORD_START,
  WHOLE_WORD_BONUS,
} from '../../src/contacts/search/scoring.js';
import { withinOneEditOfPrefix } from '../../src/contacts/search/typoMatch.js';
import type { Contact } from '../../src/quo/types.js';

export interface ReferenceHit {
  readonly id: string;
  readonly score: number;
  readonly typo: boolean;
}

export interface ReferenceResult {
  readonly hits: readonly ReferenceHit[];
  readonly matchCount: number;
}

/** Typo tolerance reaches only the first eight long words of a query (one bit each per contact). */
const TYPO_TERMS = 8;

/** The words of a contact the typo tolerance knows: runs of letters of at least four, in the name, company, role and prose fields. */
function vocabulary(contact: Contact): Set<string> {
  const words = new Set<string>();
  for (const text of buildHaystack(contact).wordy) {
    // Runs of letters as the corpus counts them (isLetter, by UTF-16 unit).
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const letter = i < text.length && isLetter(text.charCodeAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        if (i - start >= MIN_TYPO_LENGTH - 1) {
          words.add(text.slice(start, i));
        }
        start = -1;
      }
    }
  }
  return words;
}

/** A contact as the reference reads it: its haystack and typo vocabulary, worked out once. */
export interface ReferenceContact {
  readonly id: string;
  readonly haystack: string;
  readonly words: ReadonlySet<string>;
}

export function referenceContact(contact: Contact): ReferenceContact {
  return { id: contact.id, haystack: buildHaystack(contact).text, words: vocabulary(contact) };
}

/** `contacts` in name order (their order decides equal scores); `limit` as ContactSearch takes it. */
export function referenceSearch(
  contacts: readonly ReferenceContact[],
  query: string,
  limit: number,
  defaultCountry?: string,
): ReferenceResult {
  const { terms, joined } = parseQuery(query, defaultCountry);
  if (terms.length === 0) {
    return {
      hits: contacts.slice(0, limit).map((contact) => ({ id: contact.id, score: 0, typo: false })),
      matchCount: contacts.length,
    };
  }
  const scored: (ReferenceHit & { rank: number })[] = [];
  contacts.forEach(({ id, haystack, words }, rank) => {
    let typoUsed = false;
    let bonus = 0;
    let worst = QUALITY_WORD_START;
    for (const [t, term] of terms.entries()) {
      const text = [term.text, term.alt, term.number].find((candidate) => candidate !== undefined && haystack.includes(candidate));
      if (text === undefined) {
        if (!typoMatches(term, t, words)) {
          return;
        }
        typoUsed = true;
        worst = QUALITY_TYPO;
        continue;
      }
      let position = haystack.indexOf(text);
      let quality = QUALITY_SUBSTRING;
      for (let at = position; at >= 0; at = haystack.indexOf(text, at + 1)) {
        if (isWordStart(haystack, at)) {
          quality = QUALITY_WORD_START;
          position = at;
          break;
        }
      }
      bonus += fieldWeight(markerAt(haystack, position)) * 10;
      if (quality === QUALITY_WORD_START && isWordEnd(haystack, position + text.length)) {
        bonus += WHOLE_WORD_BONUS;
      }
      worst = Math.min(worst, quality);
    }
    let nameClass = 0;
    if (haystack.startsWith(joined, 1)) {
      const after = 1 + joined.length;
      nameClass = after >= haystack.length || haystack.charCodeAt(after) <= 7 ? CLASS_NAME_EXACT : CLASS_NAME_PREFIX;
    }
    const score = (nameClass > 0 ? nameClass : worst) * 1000 + Math.min(bonus, MAX_BONUS);
    scored.push({ id, score, typo: typoUsed, rank });
  });
  scored.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return { hits: scored.slice(0, limit).map(({ id, score, typo }) => ({ id, score, typo })), matchCount: scored.length };
}

function typoMatches(term: Term, index: number, words: ReadonlySet<string>): boolean {
  if (!term.typo || index >= TYPO_TERMS) {
    return false;
  }
  return [...words].some((word) => !word.startsWith(term.text) && withinOneEditOfPrefix(term.text, word));
}
