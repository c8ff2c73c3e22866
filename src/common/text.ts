/**
 * Makes API text safe to lay out before any escaping: control characters and bidirectional overrides in a contact
 * field could hide or reorder what the user sees ("Trojan Source" style), characters that draw nothing could make a
 * value look empty or different from what it holds, and long values would blow up a hover.
 */

/**
 * C0/C1 controls except tab and newline; the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069); and format characters that draw nothing and join or separate nothing a reader needs:
 * zero width space, word joiner, invisible operators, deprecated format controls, the byte order mark, the Mongolian
 * vowel separator and the Hangul fillers (which render blank outside a jamo sequence).
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/g;
const JOINER = /[\u200C\u200D]/;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const SPACE = /^\p{White_Space}$/u;
/** Only spaces and characters that draw nothing (variation selectors, soft hyphens, tags...): nothing to see. */
const NOTHING_VISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;
const LINE_BREAKS = /\r\n?|[\n\u2028\u2029\u0085]/g;
const BLANKS = /[\t ]+/g;

/**
 * One line: line breaks and tabs become spaces, runs of spaces collapse, the ends are trimmed. A value with nothing
 * visible left becomes '', so every caller's "is it set?" test treats it as not set rather than showing a blank.
 */
export function cleanLine(value: string): string {
  return visibleOrEmpty(stripInvisible(value.replace(LINE_BREAKS, ' ')).replace(BLANKS, ' ').trim());
}

/** Keeps line breaks (as `\n`) for multi-line fields such as addresses; trims the ends. */
export function cleanMultiline(value: string): string {
  return visibleOrEmpty(stripInvisible(value.replace(LINE_BREAKS, '\n')).trim());
}

/** Cuts to at most `max` UTF-16 units, ending with an ellipsis, without splitting a surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) {
    return value;
  }
  if (max < 1) {
    // Not even the ellipsis fits.
    return '';
  }
  let end = Math.max(0, max - 1);
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end--;
  }
  return `${value.slice(0, end)}…`;
}

function stripInvisible(value: string): string {
  // Joiners are judged after the other invisibles are gone: 'a\u200B\u200Db' has its joiner between 'a' and 'b'.
  return dropStrayJoiners(value.replace(INVISIBLE, ''));
}

/**
 * ZWNJ and ZWJ do real work between two visible characters (Persian needs ZWNJ, emoji sequences and Indic scripts
 * ZWJ), and elsewhere only hide that a value starts, ends or is padded with something. Other ignorables, such as the
 * emoji variation selector in '❤️‍🔥', may stand between a joiner and its visible neighbour. Two linear passes rather
 * than a regex with lookbehind, which takes quadratic time on a long run of joiners in a hostile field.
 */
function dropStrayJoiners(value: string): string {
  if (!JOINER.test(value)) {
    return value;
  }
  const chars = Array.from(value);
  const kinds = chars.map((c) => (JOINER.test(c) ? 'joiner' : IGNORABLE.test(c) ? 'ignorable' : SPACE.test(c) ? 'space' : 'visible'));
  const visibleAfter: boolean[] = new Array<boolean>(chars.length);
  let next = false;
  for (let i = chars.length - 1; i >= 0; i--) {
    visibleAfter[i] = next;
    const kind = kinds[i];
    if (kind === 'visible' || kind === 'space') {
      next = kind === 'visible';
    }
  }
  let out = '';
  let previous = false;
  for (let i = 0; i < chars.length; i++) {
    const kind = kinds[i];
    if (kind !== 'joiner' || (previous && visibleAfter[i])) {
      out += chars[i];
    }
    if (kind === 'visible' || kind === 'space') {
      previous = kind === 'visible';
    }
  }
  return out;
}

function visibleOrEmpty(value: string): string {
  return NOTHING_VISIBLE.test(value) ? '' : value;
}
