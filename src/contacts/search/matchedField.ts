/**
 * Which field a hit matched in, for the quick pick's description: the query's primary word at its best place in the
 * contact's haystack (a word start before a substring), or, for a word matched only by a typo, the first of the
 * contact's words the typo reached. It runs for the returned hits only, so unlike the search loop it may copy and
 * search the contact's whole haystack.
 */
import type { Contact } from '../../quo/types.js';
import type { SearchCorpus } from './corpus.js';
import { fieldValue, searchName, type FieldValue } from './haystack.js';
import { findWord, isWordStart, markerAt } from './haystackGeometry.js';
import type { Term } from './query.js';

/**
 * `typoWords` holds, per vocabulary word, the bits of the terms it is one edit from (TypoMarks.words); `bit` is the
 * primary term's bit there, or 0 when it matched exactly.
 */
export function matchedField(
  corpus: SearchCorpus,
  slot: number,
  contact: Contact,
  term: Term,
  typoWords: Uint8Array,
  bit: number,
): FieldValue {
  const haystack = corpus.haystack(slot);
  let text = term.text;
  if ((term.alt !== undefined || term.number !== undefined) && !haystack.includes(text)) {
    text = term.alt !== undefined && haystack.includes(term.alt) ? term.alt : (term.number ?? term.alt ?? text);
  }
  let position = -1;
  for (let at = haystack.indexOf(text); at >= 0; at = haystack.indexOf(text, at + 1)) {
    if (position < 0) {
      position = at;
    }
    if (isWordStart(haystack, at)) {
      position = at;
      break;
    }
  }
  if (position < 0 && bit !== 0) {
    const pool = corpus.pool();
    for (let w = corpus.from(slot), end = corpus.to(slot); w < end && position < 0; w++) {
      const word = pool[w];
      if (((typoWords[word]) & bit) !== 0) {
        position = findWord(haystack, corpus.words[word]);
      }
    }
  }
  if (position < 0) {
    return { field: 'name', value: searchName(contact) };
  }
  const marker = markerAt(haystack, position);
  let ordinal = 0;
  for (let i = haystack.lastIndexOf(String.fromCharCode(marker), position) - 1; i >= 0; i--) {
    if (haystack.charCodeAt(i) === marker) {
      ordinal++;
    }
  }
  return fieldValue(contact, marker, ordinal);
}
