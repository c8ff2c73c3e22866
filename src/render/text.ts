/**
 * Makes API text safe to lay out before any escaping: control characters and bidirectional overrides in a contact
 * field could hide or reorder what the user sees ("Trojan Source" style), and long values would blow up a hover.
 */

/** C0/C1 controls except tab and newline, and the Unicode bidi embedding, override and isolate controls. */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n?|[\n\u2028\u2029\u0085]/g;
const BLANKS = /[\t ]+/g;

/** One line: line breaks and tabs become spaces, runs of spaces collapse, the ends are trimmed. */
export function cleanLine(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(BLANKS, ' ').trim();
}

/** Keeps line breaks (as `\n`) for multi-line fields such as addresses; trims the ends. */
export function cleanMultiline(value: string): string {
  return value.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '').trim();
}

/** Cuts to at most `max` UTF-16 units, ending with an ellipsis, without splitting a surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) {
    return value;
  }
  let end = Math.max(0, max - 1);
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end--;
  }
  return `${value.slice(0, end)}…`;
}
