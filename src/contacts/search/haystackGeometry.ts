/**
 * Reading a haystack in place: which field a position lies in and where words start and end. The search loop asks
 * these questions of whole blocks of haystacks without slicing them, so they work from positions and the marker
 * characters alone, never from a copy of one contact's text.
 */
import * as folding from './folding.js';
import * as haystackLayout from './haystack.js';

/** Copied once for the search loop, which calls these functions per candidate: see contactSearch.ts. */
const { isWordChar } = folding;
const { LAST_MARKER, NAME, PHONE } = haystackLayout;

/** The marker of the field containing `position`. */
export function markerAt(haystack: string, position: number): number {
  for (let i = position; i >= 0; i--) {
    const code = haystack.charCodeAt(i);
    if (code <= LAST_MARKER) {
      return code;
    }
  }
  return NAME;
}

export function isWordStart(haystack: string, position: number): boolean {
  if (position === 0) {
    return true;
  }
  const before = haystack.charCodeAt(position - 1);
  if (before <= LAST_MARKER || !isWordChar(before)) {
    return true;
  }
  // A North American number is stored as 1 + ten digits; its national part starts a "word" too (`415…`).
  return before === 49 && position >= 2 && haystack.charCodeAt(position - 2) === PHONE;
}

export function isWordEnd(haystack: string, position: number): boolean {
  return position >= haystack.length || !isWordChar(haystack.charCodeAt(position));
}

/** The position of `word` where it starts a word in `haystack`, or -1. */
export function findWord(haystack: string, word: string): number {
  for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
    if (isWordStart(haystack, at)) {
      return at;
    }
  }
  return -1;
}
