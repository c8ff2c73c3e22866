/**
 * Bounded views of long text. Hovers read a window around the cursor and user patterns only ever see windows of a
 * fixed size, so the cost of detection never depends on how long a line or file is.
 */

/**
 * Characters on each side of the cursor that a hover or a command looks at: longer than any id, contact link, phone
 * number or email address. The one window around the cursor: the editor reads exactly this much of a document, so
 * the detectors' own cut of a longer text (`findAt`, `contactPointAt`) never trims what the editor read.
 */
export const CURSOR_RADIUS = 320;

/** How far a window edge may move to avoid cutting a token in two. */
const EDGE_SLACK = 64;

/**
 * Characters that cannot be inside an id or a link: a window edge just after one of these does not split a token.
 * Kept in sync with the characters that end a link's id segment (builtin.ts), plus `,` and `;`.
 */
const SEPARATOR = /[\s"'`<>()[\]{}|\\^,;]/;
const TOKEN_RUN = /[^\s"'`<>()[\]{}|\\^,;]{0,64}/y;

export interface TextWindow {
  readonly text: string;
  /** Where `text` starts in the text it was cut from. */
  readonly offset: number;
}

/**
 * At most `2 * radius` characters of `lineText` around `column`. An edge that would fall inside a token is moved
 * inward (by at most 64 characters, never past `column`) to just before the nearest separator, so the window does
 * not begin with the tail of a 40-hex hash that looks like a 24-hex id. If no separator is that close (one long
 * token), the edge stays where it was: callers that care should distrust a match touching a cut edge. Costs
 * O(radius), whatever the line length.
 */
export function windowAround(lineText: string, column: number, radius: number = CURSOR_RADIUS): TextWindow {
  const length = lineText.length;
  const at = Math.min(Math.max(0, Math.trunc(column)), length);
  const reach = Math.max(0, Math.trunc(radius));
  let start = Math.max(0, at - reach);
  let end = Math.min(length, at + reach);

  if (start > 0 && !isSeparator(lineText, start - 1) && !isSeparator(lineText, start)) {
    TOKEN_RUN.lastIndex = start;
    const run = TOKEN_RUN.exec(lineText)?.[0].length ?? 0;
    if (run < EDGE_SLACK && start + run <= at && start + run < end) {
      start += run;
    }
  }
  if (end < length && !isSeparator(lineText, end - 1) && !isSeparator(lineText, end)) {
    const limit = Math.max(at, end - EDGE_SLACK);
    for (let i = end - 1; i >= limit; i--) {
      if (isSeparator(lineText, i)) {
        end = i + 1;
        break;
      }
    }
  }
  return { text: lineText.slice(start, end), offset: start };
}

function isSeparator(text: string, index: number): boolean {
  return SEPARATOR.test(text.charAt(index));
}

/** One window of a sliding scan. Matches starting in `[start, ownEnd)` belong to this window. */
export interface ScanWindow {
  readonly start: number;
  readonly end: number;
  readonly ownEnd: number;
}

/**
 * Cuts `[0, length)` into windows of at most `size` characters, each overlapping the next by `overlap`. Every
 * position is owned by exactly one window, and a match of at most `overlap` characters that starts in a window's
 * owned part lies wholly inside that window, so it is found exactly once.
 */
export function slidingWindows(length: number, size: number, overlap: number): ScanWindow[] {
  if (!(size > overlap && overlap >= 0)) {
    throw new RangeError(`window size ${size} must exceed overlap ${overlap}`);
  }
  const step = size - overlap;
  const windows: ScanWindow[] = [];
  for (let start = 0; ; start += step) {
    const end = Math.min(length, start + size);
    const last = end === length;
    windows.push({ start, end, ownEnd: last ? length : start + step });
    if (last) {
      return windows;
    }
  }
}
