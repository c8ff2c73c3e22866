/**
 * The built-in ways a contact id is written: a bare 24-hex id and a Quo contact link; and Quo's call and message ids. They run on every hover and
 * every visible range, so they are tuned for V8: a skipping scan for bare ids, and `indexOf` passes for links and for
 * the prefixed ids, each reading little of the text (a single regex with ids and links measured about twice as slow
 * as an id regex alone, and any regex tries every position).
 */
import type { DetectedId } from './match.js';
import { RESOURCE_KINDS } from './resourceIds.js';

/**
 * A bare id: 24 lowercase hex digits, not touching another ASCII letter or digit.
 *
 * - Lowercase only. Every real id is lowercase (MongoDB ObjectIds as Quo prints them); accepting A-F would add
 *   upper-case hashes, hex dumps and constants, and the API treats ids as opaque strings, so an upper-cased id would
 *   not be found anyway. Users who have such ids can add a custom pattern.
 * - Guarded by letters and digits rather than `\b`, so `_` separates: `contact_66d0d87e8dc1211467372303` and
 *   `66d0d87e8dc1211467372303_backup.json` are common in code and file names. A 25th hex digit, a 40-hex git SHA,
 *   a 32-hex dashless UUID or any letter next to the run still rule it out.
 *
 * So an id is a whole run of ASCII letters and digits, exactly 24 long, all lowercase hex. findBareIds looks for
 * these by skipping, not with a regex: the character 23 places ahead of where an id could start is read first, and
 * when it is no hex digit no id can hold it, so the scan jumps past it. Most of any text is read not at all, where a
 * regex (`/(?:^|[^0-9A-Za-z])[0-9a-f]{24}(?![0-9A-Za-z])/g`) tries every position: it measured about 3 times slower
 * on 10 MB of mixed text, as slow as `/\b[0-9a-f]{24}\b/g`.
 */
const ID_LENGTH = 24;
const OTHER = 0;
const HEX = 1;
/** Upper-case letters and `g` to `z`: they continue a token without being hex. */
const ALPHANUMERIC = 2;
const CHARACTER_CLASS = ((): Uint8Array => {
  const classes = new Uint8Array(128);
  const mark = (from: string, to: string, kind: number): void => {
    classes.fill(kind, from.charCodeAt(0), to.charCodeAt(0) + 1);
  };
  mark('A', 'Z', ALPHANUMERIC);
  mark('g', 'z', ALPHANUMERIC);
  mark('0', '9', HEX);
  mark('a', 'f', HEX);
  return classes;
})();

/** Past ASCII, everything is OTHER: a non-ASCII letter separates ids as it always has. */
function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? CHARACTER_CLASS[code] : OTHER;
}

/**
 * A Quo contact link, tried at each `/contacts/` found with `indexOf` (far cheaper than letting a regex look for
 * hosts everywhere). The lookbehind reads the host backwards from `/contacts/`: the web app (`my.quo.com`,
 * `app.openphone.com`, `my.openphone.com`), the spec's `openphone.co`, or the API (`api.quo.com/v1`), with or
 * without a scheme, with an optional port. The character before the host must not continue a host name or an email
 * address, so `notquo.com` and `me@quo.com` are not links.
 *
 * The id segment is any opaque text up to `/`, `?`, `#`, whitespace, or a character that ends a URL in prose, JSON or
 * markdown (quotes, brackets, `<>`, backtick, `|`, `\`, `^`). Bounded so a huge token is never copied whole.
 */
const LINK_AT =
  /(?<=(?:^|[^\w.@-])((?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:quo\.com|openphone\.com|openphone\.co)(?::\d{1,5})?(?:\/v1)?))\/contacts\/([^\s/?#"'`<>()[\]{}|\\^]{1,257})/iy;

const CONTACTS_PATH = '/contacts/';
const MAX_LINK_ID_LENGTH = 256;

/** Sentence punctuation after a link (`see https://my.quo.com/contacts/abc.`) is not part of the id. */
const TRAILING_PUNCTUATION = /[.,;:!?*]+$/;

/**
 * A Quo call or message id: `AC` and 24 to 34 lowercase hex digits, as a whole word. Twilio's account ids (`AC` and
 * 32 hex digits) look the same, so finding one costs nothing: it is asked about only when hovered or opened. Line,
 * teammate and webhook ids (resourceIds.ts) are found in the same pass.
 *
 * As words (`\b` without the `u` flag: no ASCII letter, digit or `_` on either side) of letters and digits, each is a
 * whole run of word characters. So each is found where `indexOf` finds its prefix, the run read from there: a regex
 * (`/\b(?:AC[0-9a-f]{24,34}|(?:PN|US|WH)[A-Za-z0-9]{5,16})\b/g`) tries every position and measured about 4 times
 * slower on 10 MB of mixed text.
 */
const ACTIVITY_PREFIX = 'AC';
const ACTIVITY_LENGTHS = { min: 2 + 24, max: 2 + 34 };
const RESOURCE_PREFIXES = Object.keys(RESOURCE_KINDS);
const RESOURCE_LENGTHS = { min: 2 + 5, max: 2 + 16 };
const UNDERSCORE = 95;

/** Call and message ids, and line, teammate and webhook ids, each in text order. */
export function findWorkspaceIds(text: string, base: number): { readonly activity: DetectedId[]; readonly resources: DetectedId[] } {
  const activity: DetectedId[] = [];
  for (let at = text.indexOf(ACTIVITY_PREFIX); at !== -1; at = text.indexOf(ACTIVITY_PREFIX, at + 1)) {
    const end = wordEnd(text, at, ACTIVITY_LENGTHS.max);
    if (end - at >= ACTIVITY_LENGTHS.min && allHex(text, at + 2, end)) {
      activity.push(workspaceId('activity', text, at, end, base));
    }
  }
  const resources: DetectedId[] = [];
  // One position per prefix, the smallest taken each time, so the three prefixes come out in text order.
  const next = RESOURCE_PREFIXES.map((prefix) => text.indexOf(prefix));
  for (;;) {
    let which = -1;
    for (let i = 0; i < next.length; i++) {
      if (next[i] !== -1 && (which === -1 || next[i] < next[which])) {
        which = i;
      }
    }
    if (which === -1) {
      return { activity, resources };
    }
    const at = next[which];
    const prefix = RESOURCE_PREFIXES[which];
    next[which] = text.indexOf(prefix, at + 1);
    const end = wordEnd(text, at, RESOURCE_LENGTHS.max);
    if (end - at >= RESOURCE_LENGTHS.min && !allUpperCase(text, at + 2, end)) {
      resources.push(workspaceId(RESOURCE_KINDS[prefix], text, at, end, base));
    }
  }
}

/**
 * The end of the word starting at `at` if it starts there, holds only ASCII letters and digits, and is at most
 * `maxLength` long; -1 otherwise.
 */
function wordEnd(text: string, at: number, maxLength: number): number {
  if (at > 0 && isWordCharacter(text, at - 1)) {
    return -1;
  }
  let end = at;
  while (end < text.length && classAt(text, end) !== OTHER) {
    if (++end - at > maxLength) {
      return -1;
    }
  }
  return end < text.length && text.charCodeAt(end) === UNDERSCORE ? -1 : end;
}

function isWordCharacter(text: string, index: number): boolean {
  return classAt(text, index) !== OTHER || text.charCodeAt(index) === UNDERSCORE;
}

function allHex(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (classAt(text, i) !== HEX) {
      return false;
    }
  }
  return true;
}

/** What tells an upper-case word (`USERNAME`) from an id: no digit or lower-case letter. */
function allUpperCase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 65 || code > 90) {
      return false;
    }
  }
  return true;
}

function workspaceId(kind: DetectedId['kind'], text: string, start: number, end: number, base: number): DetectedId {
  return { kind, id: text.slice(start, end), start: base + start, end: base + end, idStart: base + start, idEnd: base + end };
}

export function findBareIds(text: string, base: number): DetectedId[] {
  const found: DetectedId[] = [];
  const length = text.length;
  // No id starts before `from`.
  let from = 0;
  while (from + ID_LENGTH <= length) {
    const last = from + ID_LENGTH - 1;
    if (classAt(text, last) !== HEX) {
      from = last + 1;
      continue;
    }
    // The one id that could hold `last` ends where its run of hex digits does; nothing after `last` up to there can
    // end one, as a hex digit follows.
    let end = last + 1;
    while (end < length && classAt(text, end) === HEX) {
      end++;
    }
    const start = end - ID_LENGTH;
    if (
      start >= from &&
      (end === length || classAt(text, end) === OTHER) &&
      (start === 0 || classAt(text, start - 1) === OTHER) &&
      allHex(text, start, last)
    ) {
      found.push({ kind: 'id', id: text.slice(start, end), start: base + start, end: base + end, idStart: base + start, idEnd: base + end });
    }
    from = end + 1;
  }
  return found;
}

export function findLinks(text: string, base: number): DetectedId[] {
  const found: DetectedId[] = [];
  for (let path = text.indexOf(CONTACTS_PATH); path !== -1; path = text.indexOf(CONTACTS_PATH, path + 1)) {
    LINK_AT.lastIndex = path;
    const match = LINK_AT.exec(text);
    const host = match?.[1];
    const raw = match?.[2]?.replace(TRAILING_PUNCTUATION, '');
    if (host === undefined || raw === undefined || raw.length === 0 || raw.length > MAX_LINK_ID_LENGTH) {
      continue;
    }
    const idStart = path + CONTACTS_PATH.length;
    const start = base + path - host.length;
    if (start < (found.at(-1)?.end ?? -1)) {
      // A host inside the previous link's opaque segment (`…/contacts/a,https://quo.com/contacts/b`): that link
      // already holds this text, and results never overlap.
      continue;
    }
    found.push({
      kind: 'link',
      id: decodeSegment(raw),
      start,
      end: base + idStart + raw.length,
      idStart: base + idStart,
      idEnd: base + idStart + raw.length,
    });
  }
  return found;
}

function decodeSegment(raw: string): string {
  if (!raw.includes('%')) {
    return raw;
  }
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
