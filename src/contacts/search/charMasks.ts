/**
 * Four 32-bit summaries of each haystack, and what a query text requires of them: the corpus computes the first when a
 * contact is stored, the search loop the second once per keystroke. They live together because the search prunes on
 * them, and one bit that disagreed would silently drop contacts that match.
 *
 * They answer, without reading the text: can this text occur in the slot at all (every character of it must be
 * present; a single letter or digit is present exactly when it occurs), can it start a word, can it lie in the name,
 * company or an email, and can it be a whole word. Characters other than letters and digits share a few bits, which
 * only makes an answer "maybe".
 */
import * as folding from './folding.js';
import { GRAM_INTS, type GramTable } from './gramMasks.js';
import * as haystackLayout from './haystack.js';
import * as geometry from './haystackGeometry.js';

/** Copied once, for the loop over every character of every stored contact: see contactSearch.ts. */
const { isWordChar } = folding;
const { EMAIL, LAST_MARKER, NAME } = haystackLayout;
const { isWordStart } = geometry;

/** Masks per slot, in this order. */
export const MASKS = 4 + GRAM_INTS;
/** Letters a-z present (bits 0-25); every other character in one of six shared bits (26-31). */
export const CHARS = 0;
/**
 * Digit d present (bit d), starting a word (bit 10 + d), present in the name, company or an email (bit 20 + d); some
 * digit starting a word of the name (bit 30); the slot holds a contact (LIVE, the corpus's; no text needs it).
 */
export const DIGITS = 1;
export const LIVE = 1 << 31;
/** Letter starting a word (bits 0-25); the first character of the name, as headCode (bits 26-31). */
export const STARTS = 2;
/** Where STARTS keeps the name's first character. */
export const HEAD_SHIFT = 26;
/**
 * Letter starting a word of the name (bits 0-25): a word that starts no word there scores a company's weight at
 * best. A word of length L from some word start, for L up to 6 (bit 25 + L): a longer query word is assumed to
 * possibly be whole.
 */
export const NAMES = 3;
/** The first of GRAM_INTS words of pairs of letters and digits (gramMasks.ts). */
export const GRAMS = 4;

const A = 97;
const Z = 122;
const ZERO = 48;
const NINE = 57;
const DIGIT_STARTS = 10;
const DIGIT_TOP = 20;
const DIGIT_IN_NAME = 1 << 30;
const LENGTH_SHIFT = 25;
const LONGEST_TRACKED = 6;

/**
 * A character as six bits: letters 1-26, digits 27-36, anything else 63. The name's is kept in STARTS so that looking
 * for names that start with the query reads no text for most contacts; 0 stands for an empty name.
 */
export function headCode(code: number): number {
  if (code >= A && code <= Z) {
    return 1 + code - A;
  }
  return code >= ZERO && code <= NINE ? 27 + code - ZERO : 63;
}

/** Shared bits of the characters that are neither letters nor digits, by how often people type them. */
function otherBit(code: number): number {
  switch (code) {
    case 32:
      return 1 << 26;
    case 46: // .
    case 44: // ,
      return 1 << 27;
    case 45: // -
    case 95: // _
    case 47: // /
      return 1 << 28;
    case 64: // @
    case 58: // :
      return 1 << 29;
    case 40: // (
    case 41: // )
    case 43: // +
      return 1 << 30;
    default:
      return 1 << 31;
  }
}

/** Fills masks[at .. at + MASKS) for one haystack (markers included, as the corpus stores it). */
export function slotMasks(haystack: string, masks: Int32Array, at: number, grams: GramTable): void {
  grams.fillSlot(haystack, 0, haystack.length, masks, at + GRAMS);
  let chars = 0;
  let digits = 0;
  let starts = 0;
  let names = 0;
  let marker = 0;
  for (let i = 0; i < haystack.length; i++) {
    const code = haystack.charCodeAt(i);
    if (code <= LAST_MARKER) {
      marker = code;
      continue;
    }
    if (code >= A && code <= Z) {
      chars |= 1 << (code - A);
    } else if (code >= ZERO && code <= NINE) {
      digits |= (1 << (code - ZERO)) | (marker <= EMAIL ? 1 << (DIGIT_TOP + code - ZERO) : 0);
    } else {
      chars |= otherBit(code);
    }
    if (!isWordChar(code) || !isWordStart(haystack, i)) {
      continue;
    }
    if (code >= A && code <= Z) {
      starts |= 1 << (code - A);
      names |= marker === NAME ? 1 << (code - A) : 0;
    } else if (code >= ZERO && code <= NINE) {
      digits |= (1 << (DIGIT_STARTS + code - ZERO)) | (marker === NAME ? DIGIT_IN_NAME : 0);
    }
    let end = i + 1;
    while (end < haystack.length && end - i <= LONGEST_TRACKED && isWordChar(haystack.charCodeAt(end))) {
      end++;
    }
    names |= lengthBit(end - i);
  }
  masks[at + CHARS] = chars;
  masks[at + DIGITS] = digits;
  const head = haystack.length > 1 ? haystack.charCodeAt(1) : 0;
  masks[at + STARTS] = starts | ((head > LAST_MARKER ? headCode(head) : 0) << HEAD_SHIFT);
  masks[at + NAMES] = names;
}

/** A word length's bit in NAMES, or 0 for lengths beyond those tracked. */
function lengthBit(length: number): number {
  return length <= LONGEST_TRACKED ? 1 << (LENGTH_SHIFT + length) : 0;
}

/** What one query text requires of a slot's masks. */
export interface TextNeeds {
  /** Bits of CHARS and DIGITS that must all be set for the text to occur. */
  readonly chars: number;
  readonly digits: number;
  /** A single letter or digit: the masks alone say whether it occurs. */
  readonly exact: boolean;
  /** The mask (STARTS or DIGITS) and bit telling whether the text's first character starts a word; bit 0: maybe. */
  readonly startMask: number;
  readonly startBit: number;
  /** DIGITS bits that must be set for the text to lie in the name, company or an email; 0: maybe (not only digits). */
  readonly top: number;
  /** The NAMES bit a whole-word match needs; 0: maybe (a long word, or one holding other characters). */
  readonly length: number;
  /** The mask (NAMES or DIGITS) and bit telling whether the text's first character starts a word of the name. */
  readonly nameStartMask: number;
  readonly nameStartBit: number;
}

export function textNeeds(text: string): TextNeeds {
  let chars = 0;
  let digits = 0;
  let top = 0;
  let onlyDigits = true;
  let wordy = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= A && code <= Z) {
      chars |= 1 << (code - A);
    } else if (code >= ZERO && code <= NINE) {
      digits |= 1 << (code - ZERO);
      top |= 1 << (DIGIT_TOP + code - ZERO);
    } else {
      chars |= otherBit(code);
    }
    onlyDigits &&= code >= ZERO && code <= NINE;
    wordy &&= isWordChar(code);
  }
  const head = text.charCodeAt(0);
  const letterHead = head >= A && head <= Z;
  const digitHead = head >= ZERO && head <= NINE;
  return {
    chars,
    digits,
    exact: text.length === 1 && (letterHead || digitHead),
    startMask: digitHead ? DIGITS : STARTS,
    startBit: letterHead ? 1 << (head - A) : digitHead ? 1 << (DIGIT_STARTS + head - ZERO) : 0,
    top: onlyDigits && text.length > 0 ? top : 0,
    length: wordy && text.length > 0 ? lengthBit(text.length) : 0,
    nameStartMask: digitHead ? DIGITS : NAMES,
    nameStartBit: letterHead ? 1 << (head - A) : digitHead ? DIGIT_IN_NAME : 0,
  };
}
