/**
 * What a typed query means to the search, decided once per keystroke rather than per contact: which words it has,
 * which of them are phone numbers (matched by their digits, however they were punctuated, and by the number they
 * read as in the default country) and which are long enough to be forgiven a typo. The rest of the search only ever
 * sees these terms.
 */
import { DEFAULT_COUNTRY, normalizePhone, phoneDigits } from '../phone.js';
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
  /**
   * For a phone-like word that reads as a whole number in the default country, that number's digits (E.164 without
   * the `+`), when they do not contain `text` already: `020 7946 0958` in GB also matches a contact stored as
   * `+442079460958`, whose searched digits are `442079460958`.
   */
  readonly number?: string;
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

/** `defaultCountry`: where national numbers in the query are read (`quo.defaultCountry`). */
export function parseQuery(query: string, defaultCountry: string = DEFAULT_COUNTRY): Query {
  const folded = foldText(query).trim();
  if (folded === '') {
    return { terms: [], joined: '' };
  }
  // A whole query that reads as a phone number is one number, whatever its spaces: `415 555 0123`.
  if (PHONE_LIKE.test(folded)) {
    return { terms: [phoneTerm(folded, defaultCountry)], joined: folded };
  }
  const words = folded.split(/\s+/).filter((word) => word.length > 0);
  const terms = words.map((word): Term => {
    if (PHONE_LIKE.test(word)) {
      return phoneTerm(word, defaultCountry);
    }
    let letters = word.length >= MIN_TYPO_LENGTH;
    for (let i = 0; letters && i < word.length; i++) {
      letters = isLetter(word.charCodeAt(i));
    }
    return { text: word, typo: letters };
  });
  return { terms, joined: words.join(' ') };
}

/** A number has at least this many digits; shorter phone-like words are not worth asking the parser about. */
const MIN_NUMBER_DIGITS = 6;

function phoneTerm(typed: string, defaultCountry: string): Term {
  const digits = phoneDigits(typed);
  const e164 = digits.length >= MIN_NUMBER_DIGITS ? normalizePhone(typed, defaultCountry) : undefined;
  const number = e164 === undefined || e164.includes(digits) ? undefined : e164.slice(1);
  const term: Term = digits === typed ? { text: digits, typo: false } : { text: digits, alt: typed, typo: false };
  return number === undefined ? term : { ...term, number };
}
