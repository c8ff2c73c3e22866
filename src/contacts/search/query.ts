/**
 * What a typed query means to the search, decided once per keystroke rather than per contact: which words it has,
 * which of them are phone numbers (matched by their digits, however they were punctuated) and which are long enough
 * to be forgiven a typo. The rest of the search only ever sees these terms.
 */
import { phoneDigits } from '../phone.js';
import { foldText, isLetter } from './folding.js';

/** Query words shorter than this must match exactly: a typo in a short word matches too much. */
export const MIN_TYPO_LENGTH = 5;

export interface Term {
  /** Folded; for a phone-like word, its digits. */
  readonly text: string;
  /**
   * For a phone-like word, the word as typed, which matches too: `2026-12-10` is a date in a custom field as much as
   * it is digits of a phone number.
   */
  readonly alt?: string;
  /** At least MIN_TYPO_LENGTH letters: may match with one typo. */
  readonly typo: boolean;
}

export interface Query {
  readonly terms: readonly Term[];
  /** The folded words joined by single spaces, compared with the whole name. */
  readonly joined: string;
}

/** Digits with the punctuation people write numbers with: `+1 (415) 555-0123`, `415.555.0123`. */
const PHONE_LIKE = /^[\d\s+().\-/]*\d[\d\s+().\-/]*$/;

export function parseQuery(query: string): Query {
  const folded = foldText(query).trim();
  if (folded === '') {
    return { terms: [], joined: '' };
  }
  // A whole query that reads as a phone number is one number, whatever its spaces: `415 555 0123`.
  if (PHONE_LIKE.test(folded)) {
    return { terms: [phoneTerm(folded)], joined: folded };
  }
  const words = folded.split(/\s+/).filter((word) => word.length > 0);
  const terms = words.map((word): Term => {
    if (PHONE_LIKE.test(word)) {
      return phoneTerm(word);
    }
    let letters = word.length >= MIN_TYPO_LENGTH;
    for (let i = 0; letters && i < word.length; i++) {
      letters = isLetter(word.charCodeAt(i));
    }
    return { text: word, typo: letters };
  });
  return { terms, joined: words.join(' ') };
}

function phoneTerm(typed: string): Term {
  const digits = phoneDigits(typed);
  return digits === typed ? { text: digits, typo: false } : { text: digits, alt: typed, typo: false };
}
